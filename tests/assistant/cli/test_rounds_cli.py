"""`oiar round open|close|list`, `oiar trend` and `oiar plan` on a local workspace."""

from __future__ import annotations

import json

import pytest
from cli_support import run, runner

from assistant.cli import app


def test_open_close_list_plan_and_trend(org: str) -> None:
    assert "Opened 2027-Q1" in run("round", "open", "2027-Q1", "--due", "2027-03-31")
    closed = run("round", "close")
    assert "Closed 2027-Q1: frozen at" in closed and "Day-90 checkpoint" in closed
    run("round", "open", "2027-Q2")
    run("round", "close", "2027-Q2")
    listed = json.loads(run("round", "list", "--json"))
    assert [(r["label"], r["status"]) for r in listed] == [
        ("2027-Q1", "closed"),
        ("2027-Q2", "closed"),
    ]
    table = run("trend")
    assert "2027-Q1" in table and "2027-Q2" in table and "P(fell)" in table
    csv = run("trend", "--csv")
    assert csv.splitlines()[0].startswith("round,domain,label,mean")
    assert len(csv.splitlines()) == 1 + 2 * 10
    assert "Workstream" in run("plan", "2027-Q1")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["round", "close"], "no round is open"),
        (["round", "open", "   "], "label"),
        (["round", "open", "2027-Q1", "--due", "next week"], "--due"),
        (["plan"], "no round has been closed yet"),
        (["round", "close", "1999-Q9"], "not found"),
    ],
)
def test_bad_round_commands_exit_2_with_one_line(org: str, args: list[str], says: str) -> None:
    out = runner.invoke(app, args)
    assert out.exit_code == 2, out.output
    assert says in out.output and "Traceback" not in out.output
