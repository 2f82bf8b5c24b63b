"""`oiar initiatives add|list|rank|remove` and `oiar governance ...` on a local workspace."""

from __future__ import annotations

import json
import re

import pytest
from cli_support import run, runner

from assistant.cli import app


def test_initiatives_add_list_rank(org: str) -> None:
    run("governance", "constraint", "production | 400-ton press | throughput")
    run("governance", "seam", "Ops -> Transport: 6 a month, $4k each, owner unclear")
    run("initiatives", "add", "Seam owners", "--cost", "60k", "--relieves", "handoff_failure 40%")
    run(
        "initiatives",
        "add",
        "Routing pilot",
        "--cost",
        "$400k",
        "--relieves",
        "adoption_friction 20%",
    )
    listed = run("initiatives", "list")
    assert "Seam owners" in listed and "handoff_failure 40%" in listed
    ranked = run("initiatives", "rank")
    lines = [line for line in ranked.splitlines() if re.match(r"\s+\d\.", line)]
    assert "Seam owners" in lines[0]
    assert "pause: does not relieve the constraint" in lines[1]
    data = json.loads(run("initiatives", "rank", "--json"))
    assert [i["name"] for i in data["initiatives"]] == ["Seam owners", "Routing pilot"]
    shown = run("governance", "show")
    assert "Production (400-ton press)" in shown and "Operations → Transport" in shown
    run("initiatives", "remove", "Routing pilot")
    assert "Routing pilot" not in run("initiatives", "list")


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (
            ["initiatives", "add", "X", "--cost", "lots", "--relieves", "handoff_failure 40%"],
            "cost",
        ),
        (["initiatives", "add", "X", "--cost", "10k", "--relieves", "handoffs 40%"], "unknown"),
        (["governance", "seam", "Ops Transport"], "from function -> to function"),
        (["governance", "ai-plan", "--speedup", "3", "--maturity", "9"], "maturity"),
        (["initiatives", "remove", "nothing"], "not found"),
        (["initiatives", "list", "--org", "org_nope"], "not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(org: str, args: list[str], problem: str) -> None:
    out = runner.invoke(app, args)
    assert out.exit_code == 2
    assert problem in out.output
    assert "Traceback" not in out.output
