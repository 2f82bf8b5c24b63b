"""`oiar what-if`: key=value pairs re-priced on the local workspace; bad input exits 2."""

from __future__ import annotations

import json

import pytest
from cli_support import runner

from assistant.cli import app


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
