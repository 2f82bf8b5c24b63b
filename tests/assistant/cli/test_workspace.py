"""`oiar org create`, `oiar keys create` and `oiar chat` on a local workspace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import get_settings

runner = CliRunner()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OIAR_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def _create_org(*extra: str) -> str:
    out = runner.invoke(
        app,
        [
            "org",
            "create",
            "--name",
            "Acme",
            "--revenue",
            "100000000",
            "--margin",
            "0.1",
            "--headcount",
            "400",
            *extra,
        ],
    )
    assert out.exit_code == 0, out.output
    match = re.search(r"organization (org_\w+) created", out.output)
    assert match and "admin key (shown once): oiar_" in out.output
    return match.group(1)


def test_org_create_then_viewer_key(workspace: Path) -> None:
    org = _create_org("--industry", "manufacturing")
    out = runner.invoke(app, ["keys", "create", "--org", org, "--role", "viewer"])
    assert out.exit_code == 0, out.output
    assert "viewer key" in out.output and "oiar_" in out.output
    assert (workspace / "data" / "oiar.db").exists()


def test_org_create_bad_margin_exits_2(workspace: Path) -> None:
    out = runner.invoke(
        app,
        [
            "org",
            "create",
            "--name",
            "Acme",
            "--revenue",
            "1e8",
            "--margin",
            "2",
            "--headcount",
            "5",
        ],
    )
    assert out.exit_code == 2
    assert "operating_margin" in out.output


def test_keys_create_respondent_key_without_respondent_exits_2(workspace: Path) -> None:
    org = _create_org()
    out = runner.invoke(app, ["keys", "create", "--org", org, "--role", "respondent"])
    assert out.exit_code == 2
    assert "respondent_id" in out.output


def test_chat_answers_pauses_and_resumes(workspace: Path) -> None:
    org = _create_org()
    who = ["chat", "--org", org, "--as", "Dana Ruiz", "--role", "COO", "--department", "Operations"]
    first = runner.invoke(app, who, input="about 15 a month\npause\n")
    assert first.exit_code == 0, first.output
    assert "Recorded: 15 a month" in first.output
    assert "pick up where you left off" in first.output
    second = runner.invoke(app, who, input="3-5 days\nquit\n")
    assert second.exit_code == 0, second.output
    assert "Welcome back" in second.output
    assert "Recorded: 3–5 days" in second.output


def test_chat_unknown_org_exits_2(workspace: Path) -> None:
    _create_org()
    out = runner.invoke(app, ["chat", "--org", "org_nope", "--as", "X"])
    assert out.exit_code == 2
    assert "org_nope" in out.output


def test_chat_without_org_in_empty_workspace_exits_2(workspace: Path) -> None:
    out = runner.invoke(app, ["chat", "--as", "X"])
    assert out.exit_code == 2
    assert "oiar org create" in out.output


def test_keys_list_and_revoke(workspace: Path) -> None:
    org = _create_org()
    created = runner.invoke(app, ["keys", "create", "--org", org, "--role", "viewer"])
    assert created.exit_code == 0, created.output
    listed = runner.invoke(app, ["keys", "list", "--org", org])
    assert listed.exit_code == 0 and "oiar_" not in listed.output
    viewer_id = next(line.split()[0] for line in listed.output.splitlines() if " viewer " in line)
    out = runner.invoke(app, ["keys", "revoke", "--org", org, "--id", viewer_id])
    assert out.exit_code == 0 and "revoked" in out.output
    relisted = runner.invoke(app, ["keys", "list", "--org", org])
    assert "revoked" in next(line for line in relisted.output.splitlines() if viewer_id in line)
    missing = runner.invoke(app, ["keys", "revoke", "--org", org, "--id", "key_nope"])
    assert missing.exit_code == 2 and "key_nope" in missing.output
