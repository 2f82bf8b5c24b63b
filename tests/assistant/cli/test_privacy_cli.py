"""`oiar privacy ...` on a local workspace: export, erase, erasures, access log, prune,
offboard; bad input exits 2 with one line."""

from __future__ import annotations

import json

import pytest
from cli_support import run, runner

from assistant.cli import app
from assistant.config import get_settings
from tools import Store, admin
from tools import interview as iv
from tools.access import Caller

STORY = "2-3 days, longer when the regional controller sits on it for weeks"


@pytest.fixture
def dana(org: str) -> str:
    """Dana Ruiz (COO, Operations) has answered one question with a story."""
    store = Store.open(get_settings().resolved_database_url)
    operator = Caller(org_id=org, role="admin", channel="cli")
    person = admin.add_respondent(
        store, operator, org, name="Dana Ruiz", role="COO", department="Operations"
    )
    interview = iv.start_interview(store, operator, respondent_id=person.id).id
    iv.record_answer(store, operator, interview, text=STORY, question_id="lb_decision_wait")
    store.dispose()
    return person.id


def test_export_erase_and_the_access_log(org: str, dana: str) -> None:
    exported = json.loads(run("privacy", "export", "Dana Ruiz"))
    assert exported["profile"]["id"] == dana
    assert [a["raw_text"] for a in exported["answers"]] == [STORY]
    assert run("privacy", "export", dana, "--format", "csv").startswith("section,id,at")

    erased = run("privacy", "erase", dana, "--yes")

    assert f"Erased {dana}" in erased and "1 answer events" in erased
    after = run("privacy", "export", dana)
    assert "Dana" not in after and STORY not in after
    assert dana in run("privacy", "erasures")
    log = run("privacy", "access-log")
    assert log.count("oiar privacy export") == 3 and "key -" in log
    assert json.loads(run("privacy", "access-log", "--json", "--limit", "1"))[0]["role"] == "admin"


def test_prune_runs_once_a_period_unless_forced(org: str) -> None:
    assert "Pruned 0 transcript lines" in run("privacy", "prune")
    assert "Already pruned" in run("privacy", "prune")
    assert "Pruned" in run("privacy", "prune", "--force")


def test_offboard_deletes_the_org(org: str, dana: str) -> None:
    assert "Deleted" in run("privacy", "offboard", "--org", org, "--yes")
    out = runner.invoke(app, ["privacy", "export", dana, "--org", org])
    assert out.exit_code == 2 and "not found" in out.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["privacy", "erase", "Nobody Here", "--yes"], "not found"),
        (["privacy", "erase", "Dana Ruiz"], "--yes"),
        (["privacy", "offboard", "--org", "org_nope", "--yes"], "not found"),
        (["privacy", "offboard", "--org", "{org}"], "--yes"),
        (["privacy", "access-log", "--role", "king"], "--role"),
        (["privacy", "access-log", "--since", "yesterday"], "--since"),
        (["privacy", "export", "Dana Ruiz", "-o", "/nonexistent/dir/x.json"], "cannot write"),
    ],
)
def test_bad_input_exits_2_with_one_line(org: str, dana: str, args: list[str], says: str) -> None:
    out = runner.invoke(app, [a.replace("{org}", org) for a in args])
    assert out.exit_code == 2, out.output
    assert says in out.output and "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1
