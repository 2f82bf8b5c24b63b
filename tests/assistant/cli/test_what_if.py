"""`oiar what-if`: key=value pairs re-priced on the local workspace; bad input exits 2."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import get_settings

runner = CliRunner()


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("OIAR_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    out = runner.invoke(
        app,
        ["org", "create", "--name", "Acme", "--revenue", "100000000", "--margin", "0.1",
         "--headcount", "400"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    found = re.search(r"organization (org_\w+) created", out.output)
    assert found
    yield found.group(1)
    get_settings.cache_clear()


def test_cli_what_if_prints_ranking_and_deltas(org: str) -> None:
    out = runner.invoke(app, ["what-if", "--org", org, "decision_wait_days=1 day"])

    assert out.exit_code == 0, out.output
    assert "Leadership Bandwidth" in out.output
    assert "no change" in out.output  # the domains the wait does not feed


def test_cli_what_if_json_moves_only_the_fed_domain(org: str) -> None:
    out = runner.invoke(
        app,
        ["what-if", "--org", org, "--format", "json", "reconciliation_hours_per_week=2-3 hours"],
    )

    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    moved = {d["key"] for d in data["domains"] if d["delta"] != 0}
    assert moved == {"leadership_bandwidth"}
    assert data["overrides"]["reconciliation_hours_per_week"]["likely"] == 2.5


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        ("decision_wait_day=1", "did you mean decision_wait_days"),
        ("decision_wait_days=400", "outside"),
        ("decision_wait_days=lots", "could not read"),
        ("decision_wait_days", "expected key=value"),
    ],
)
def test_cli_what_if_bad_input_exits_2_naming_it(org: str, pair: str, expected: str) -> None:
    out = runner.invoke(app, ["what-if", "--org", org, pair])

    assert out.exit_code == 2
    assert expected in out.output
    assert "Traceback" not in out.output
