"""Governance and initiative tools: entries from fields or plain words, roles, and the outputs
folded into the organization's score without double counting."""

from __future__ import annotations

import pytest
from factories import Workspace

from tools import analysis, governance
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError
from tools.governance import initiatives
from tools.governance.text import parse_decision, parse_reliefs, parse_seam

SEAM_TEXT = (
    "Ops -> Transport: 6 failures a month, $4k each, owner unclear, KPI conflict, "
    "approvals take 2 days"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SEAM_TEXT,
            {
                "from_function": "Ops",
                "to_function": "Transport",
                "failures_per_month": 6,
                "cost_per_failure": 4_000,
                "owner_clear": False,
                "kpi_conflict": True,
                "approval_latency_days": 2,
            },
        ),
        (
            "Sales → Planning: about 3 a month, $2.5k each",
            {
                "from_function": "Sales",
                "to_function": "Planning",
                "failures_per_month": 3,
                "cost_per_failure": 2_500,
                "owner_clear": True,
                "kpi_conflict": False,
                "approval_latency_days": 0,
            },
        ),
    ],
)
def test_parse_seam_plain_words(text: str, expected: dict[str, object]) -> None:
    assert parse_seam(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Ops Transport 6 a month", "from function -> to function"),
        ("Ops -> Transport: owner unclear", "failures per month and cost per failure"),
        ("Ops -> Transport: lots, $4k each", "failures a month"),
    ],
)
def test_parse_seam_unreadable_names_the_part(text: str, problem: str) -> None:
    with pytest.raises(AnswerRejected, match=problem) as info:
        parse_seam(text)
    assert info.value.example is not None


def test_parse_decision_and_reliefs() -> None:
    assert parse_decision("Capex approval | CFO | 1 a month | 25 days | same day") == {
        "decision_type": "Capex approval",
        "decider": "CFO",
        "decisions_per_month": 1,
        "latency_days": 25,
        "operations_wait_days": 0,
    }
    assert parse_reliefs("handoff_failure 40%, tribal_dependency=0.5") == [
        {"driver": "handoff_failure", "fraction": 0.4},
        {"driver": "tribal_dependency", "fraction": 0.5},
    ]


def test_respondent_seam_recorded_as_themselves(workspace: Workspace) -> None:
    dana = workspace.person("Dana", role="COO", department="Operations")
    other = workspace.person("Marcus", role="CFO", department="Finance")
    caller = workspace.caller("respondent", dana.id)
    entry = governance.add_entry(workspace.store, caller, workspace.org.id, "seam", text=SEAM_TEXT)
    assert entry.respondent_id == dana.id
    with pytest.raises(ForbiddenError):
        governance.add_entry(
            workspace.store,
            caller,
            workspace.org.id,
            "seam",
            text=SEAM_TEXT,
            respondent_id=other.id,
        )


def test_same_seam_again_replaces_the_earlier_entry(workspace: Workspace) -> None:
    ws = workspace
    dana = ws.person("Dana", role="COO", department="Operations")
    caller = ws.caller("respondent", dana.id)
    governance.add_entry(ws.store, caller, ws.org.id, "seam", text=SEAM_TEXT)
    governance.add_entry(
        ws.store, caller, ws.org.id, "seam", text="Operations -> transport: 8 a month, $4k each"
    )
    entries = governance.list_entries(ws.store, ws.admin, ws.org.id, "seam")
    assert [e.data["failures_per_month"] for e in entries] == [8]


def test_viewer_cannot_enter_or_manage(workspace: Workspace) -> None:
    viewer = workspace.caller("viewer")
    with pytest.raises(ForbiddenError):
        governance.add_entry(workspace.store, viewer, workspace.org.id, "seam", text=SEAM_TEXT)
    with pytest.raises(ForbiddenError):
        initiatives.add_initiative(
            workspace.store,
            viewer,
            workspace.org.id,
            name="X",
            cost=1_000,
            relieves=[{"driver": "handoff_failure", "fraction": 0.5}],
        )


def test_seams_replace_handoff_inputs_in_org_score(workspace: Workspace) -> None:
    ws = workspace
    governance.add_entry(ws.store, ws.admin, ws.org.id, "seam", text=SEAM_TEXT)
    with ws.store.read() as session:
        inp = analysis.scoring_input(session, ws.org.id)
        raw = analysis.scoring_input(session, ws.org.id, governance=False)
    failures = inp.inputs["handoff_failures_per_month"]
    assert len(failures) == 1  # the seam map alone, no aggregate answer beside it
    assert failures[0].value.likely == 6
    assert "handoff_failures_per_month" not in raw.inputs
    result = analysis.score_organization(ws.store, ws.admin, ws.org.id)
    handoff = next(d for dom in result.domains for d in dom.drivers if d.key == "handoff_failure")
    assert {u.key: u.value for u in handoff.inputs}["handoff_failure_cost"] == 4_000
    report = governance.report(ws.store, ws.admin, ws.org.id)
    assert report.score.total.mean == result.total.mean
    assert report.seams is not None
    assert report.seams.cells[0].annual_cost == 12 * 6 * 4_000


def test_initiatives_add_rank_remove(workspace: Workspace) -> None:
    ws = workspace
    initiatives.add_initiative(
        ws.store,
        ws.admin,
        ws.org.id,
        name="Seam owners",
        cost=60_000,
        relieves=[{"driver": "handoff_failure", "fraction": 0.4}],
    )
    with pytest.raises(ConflictError):
        initiatives.add_initiative(
            ws.store,
            ws.admin,
            ws.org.id,
            name="Seam owners",
            cost=1,
            relieves=[{"driver": "handoff_failure", "fraction": 0.4}],
        )
    with pytest.raises(AnswerRejected, match="unknown driver"):
        initiatives.add_initiative(
            ws.store,
            ws.admin,
            ws.org.id,
            name="Bad",
            cost=1,
            relieves=[{"driver": "handoffs", "fraction": 0.4}],
        )
    viewer = ws.caller("viewer")
    ranked = initiatives.rank(ws.store, viewer, ws.org.id)
    assert [i.name for i in ranked.initiatives] == ["Seam owners"]
    assert ranked.initiatives[0].relieved > 0
    initiatives.remove_initiative(ws.store, ws.admin, ws.org.id, "seam owners")
    assert initiatives.list_initiatives(ws.store, viewer, ws.org.id) == []
    with pytest.raises(NotFoundError):
        initiatives.remove_initiative(ws.store, ws.admin, ws.org.id, "seam owners")


def test_ai_plan_bad_maturity_rejected(workspace: Workspace) -> None:
    with pytest.raises(AnswerRejected, match="maturity"):
        governance.set_ai_plan(
            workspace.store, workspace.admin, workspace.org.id, speedup=3, maturity=7
        )
    plan = governance.set_ai_plan(
        workspace.store, workspace.admin, workspace.org.id, speedup=3, maturity=2
    )
    report = governance.report(workspace.store, workspace.admin, workspace.org.id)
    assert report.ai_velocity.speedup == plan.speedup == 3
    assert report.ai_velocity.assumed is False


def test_model_tool_records_seam_in_respondents_own_name(workspace: Workspace) -> None:
    from langchain_core.messages import ToolMessage

    from tools.model_tools.registry import make_tools

    dana = workspace.person("Dana", role="COO", department="Operations")
    caller = workspace.caller("respondent", dana.id)
    tools = {t.name: t for t in make_tools(store=workspace.store, caller=caller)}
    assert "add_initiative" not in tools and "governance_view" not in tools
    call = {"type": "tool_call", "id": "c1", "name": "record_seam", "args": {"text": SEAM_TEXT}}
    message = tools["record_seam"].invoke(call)
    assert isinstance(message, ToolMessage)
    assert message.artifact.respondent_id == dana.id
    bad = {**call, "args": {"text": "Ops and Transport fight"}}
    reply = tools["record_seam"].invoke(bad)
    assert "For example: Ops -> Transport" in str(reply.content)


def test_department_only_respondent_shown_by_department(workspace: Workspace) -> None:
    from datetime import datetime

    ws = workspace
    dana = ws.person("Dana Ruiz", role="COO", department="Operations")
    now = datetime(2026, 3, 2, 10, 0)
    ws.department_only([dana.id], now=now, name="Review")
    caller = ws.caller("respondent", dana.id)
    governance.add_entry(ws.store, caller, ws.org.id, "seam", text=SEAM_TEXT)
    report = governance.report(ws.store, ws.admin, ws.org.id)
    assert report.seams is not None
    assert report.seams.cells[0].respondents == ["a leader in Operations"]
    assert "Dana" not in report.model_dump_json()
    assert [e.respondent for e in governance.list_entries(ws.store, ws.admin, ws.org.id)] == [
        "a leader in Operations"
    ]
