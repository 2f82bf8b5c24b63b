"""LangChain tools: what a model sees, what each role gets, and how errors come back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from factories import Workspace
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel

from scoring import DOMAINS
from tools import analysis, governance, rounds
from tools import interview as iv
from tools.access import Caller
from tools.analysis import DragSummary
from tools.interview import InterviewView, Recorded
from tools.model_tools.base import DOMAIN_KEYS
from tools.model_tools.registry import make_tools

INTERVIEW_TOOLS = {
    "next_question",
    "record_answer",
    "skip_question",
    "confirm_answer",
    "revise_answer",
    "interview_status",
}
BOUND = ("org_id", "respondent_id", "interview_id", "role")


def _respondent(ws: Workspace, name: str = "Olga") -> tuple[Caller, str]:
    person = ws.person(name, role="COO", department="Operations")
    caller = ws.caller("respondent", person.id)
    return caller, iv.start_interview(ws.store, caller, respondent_id=person.id).id


def _tools(ws: Workspace, caller: Caller, interview_id: str | None = None) -> dict[str, BaseTool]:
    return {t.name: t for t in make_tools(store=ws.store, caller=caller, interview_id=interview_id)}


def _collecting(
    ws: Workspace, caller: Caller, interview_id: str, actions: list[iv.Action]
) -> dict[str, BaseTool]:
    """The tools of a model's interview turn: answers and entries previewed into `actions`."""
    found = make_tools(store=ws.store, caller=caller, interview_id=interview_id, actions=actions)
    return {t.name: t for t in found}


def _call(tool: BaseTool, **args: Any) -> ToolMessage:
    """Invoke as a model's tool call does: a ToolMessage with content and artifact."""
    message = tool.invoke({"type": "tool_call", "id": "call-1", "name": tool.name, "args": args})
    assert isinstance(message, ToolMessage)
    return message


def test_make_tools_respondent_in_interview_gets_interview_and_result_tools(
    workspace: Workspace,
) -> None:
    caller, interview_id = _respondent(workspace)

    names = set(_tools(workspace, caller, interview_id))

    assert names == INTERVIEW_TOOLS | {
        "list_questions",
        "biggest_drag",
        "drag_trend",
        "explain_domain",
        "what_if",
    } | {
        "record_seam",
        "record_decision",
        "name_constraint",
    }


def test_make_tools_respondent_gets_no_score_detail(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)

    assert "score_organization" not in _tools(workspace, caller, interview_id)
    assert "score_organization" not in _tools(workspace, caller)


def test_make_tools_viewer_gets_no_interview_tools(workspace: Workspace) -> None:
    _, interview_id = _respondent(workspace)
    viewer = workspace.caller("viewer")

    names = set(_tools(workspace, viewer, interview_id))

    assert names.isdisjoint(INTERVIEW_TOOLS)
    assert names == {
        "list_questions",
        "score_organization",
        "biggest_drag",
        "drag_trend",
        "explain_domain",
        "what_if",
    } | {
        "governance_view",
        "rank_initiatives",
    }


def test_make_tools_without_interview_has_no_interview_tools(workspace: Workspace) -> None:
    names = set(_tools(workspace, workspace.admin))

    assert names == {
        "list_questions",
        "score_organization",
        "biggest_drag",
        "drag_trend",
        "explain_domain",
        "what_if",
    } | {
        "governance_view",
        "rank_initiatives",
        "add_initiative",
    }


@pytest.mark.parametrize("role", ["admin", "facilitator", "respondent", "viewer"])
def test_tool_schemas_never_expose_bound_identity(workspace: Workspace, role: str) -> None:
    respondent, interview_id = _respondent(workspace)
    caller = respondent if role == "respondent" else workspace.caller(role)
    tools = make_tools(store=workspace.store, caller=caller, interview_id=interview_id)
    secrets = (workspace.org.id, interview_id, str(respondent.respondent_id))

    for tool in tools:
        schema = tool.tool_call_schema
        assert isinstance(schema, type)
        assert issubclass(schema, BaseModel)
        properties = schema.model_json_schema().get("properties", {})
        assert set(properties).isdisjoint(BOUND), tool.name
        assert set(tool.args).isdisjoint(BOUND), tool.name
        seen_by_model = json.dumps(convert_to_openai_tool(tool))
        for word in (*BOUND[:3], *secrets):
            assert word not in seen_by_model, (tool.name, word)


def test_tool_descriptions_are_prompts_with_args(workspace: Workspace) -> None:
    _, interview_id = _respondent(workspace)
    tools = make_tools(store=workspace.store, caller=workspace.admin, interview_id=interview_id)

    for tool in tools:
        assert tool.description.strip() == tool.description
        assert "\n    " not in tool.description.split("Args:")[0], tool.name
        if tool.args:
            assert "Args:" in tool.description, tool.name
            for arg in tool.args:
                assert f"{arg}:" in tool.description.split("Args:")[1], (tool.name, arg)


def test_domain_keys_match_scoring_domains() -> None:
    assert set(DOMAIN_KEYS) == {d.key for d in DOMAINS}


def test_record_answer_unreadable_returns_reask_text(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    tools = _tools(workspace, caller, interview_id)
    pending = iv.get_state(workspace.store, caller, interview_id).pending
    assert pending is not None

    reply = tools["record_answer"].invoke({"text": "banana"})

    assert isinstance(reply, str)
    assert "banana" in reply
    assert pending.example in reply
    assert iv.get_state(workspace.store, caller, interview_id).progress.answered == 0


def test_record_answer_unreadable_tool_call_is_error_message(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)

    message = _call(_tools(workspace, caller, interview_id)["record_answer"], text="banana")

    assert message.status == "error"
    assert "For example" in str(message.content)


def test_record_answer_records_and_gives_next_question(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    before = iv.get_state(workspace.store, caller, interview_id)
    assert before.pending is not None

    message = _call(_tools(workspace, caller, interview_id)["record_answer"], text="about 15")

    assert isinstance(message.artifact, Recorded)
    assert message.artifact.question_id == before.pending.id
    assert message.artifact.kind == "answer"
    after = iv.get_state(workspace.store, caller, interview_id)
    assert after.progress.answered == 1
    assert after.pending is not None
    assert after.pending.text in str(message.content)


def test_record_answer_ignores_identity_a_model_invents(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    caller, interview_id = _respondent(workspace)
    _, theirs = _respondent(other_workspace, "Otto")
    tool = _tools(workspace, caller, interview_id)["record_answer"]

    _call(tool, text="about 15", org_id=other_workspace.org.id, interview_id=theirs)

    assert iv.get_state(workspace.store, caller, interview_id).progress.answered == 1
    other = iv.get_state(other_workspace.store, other_workspace.admin, theirs)
    assert other.progress.answered == 0


def test_revise_answer_changes_earlier_answer(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    tools = _tools(workspace, caller, interview_id)
    first = _call(tools["record_answer"], text="about 15").artifact
    assert isinstance(first, Recorded)

    message = _call(tools["revise_answer"], question_id=first.question_id, text="25 a month")

    assert isinstance(message.artifact, Recorded)
    assert message.artifact.previous == first.display
    assert "was" in str(message.content)
    rows = analysis.list_answers(workspace.store, workspace.admin, workspace.org.id, history=False)
    assert [r.raw_text for r in rows] == ["25 a month"]


def test_revise_answer_unknown_question_points_to_list_questions(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)

    message = _call(
        _tools(workspace, caller, interview_id)["revise_answer"], question_id="nope", text="3"
    )

    assert message.status == "error"
    assert "list_questions" in str(message.content)


def test_skip_question_dont_know_leaves_it_to_assumption(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)

    message = _call(_tools(workspace, caller, interview_id)["skip_question"], dont_know=True)

    assert isinstance(message.artifact, Recorded)
    assert message.artifact.kind == "dont_know"
    assert "assumption" in str(message.content)


def test_interview_status_and_next_question_report_progress(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    tools = _tools(workspace, caller, interview_id)
    _call(tools["skip_question"])

    status = _call(tools["interview_status"])
    following = _call(tools["next_question"])

    assert isinstance(status.artifact, InterviewView)
    assert status.artifact.progress.skipped == 1
    assert status.artifact.pending is not None
    assert status.artifact.pending.text in str(following.content)


def test_next_question_when_done_says_complete(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    tools = _tools(workspace, caller, interview_id)
    while iv.get_state(workspace.store, caller, interview_id).pending is not None:
        _call(tools["skip_question"])

    message = _call(tools["next_question"])

    assert "complete" in str(message.content)
    assert isinstance(message.artifact, InterviewView)
    assert message.artifact.status == "done"


def test_list_questions_in_interview_shows_ids_and_answers(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    tools = _tools(workspace, caller, interview_id)
    first = _call(tools["record_answer"], text="about 15").artifact
    assert isinstance(first, Recorded)

    message = _call(tools["list_questions"])

    rows = message.artifact
    assert isinstance(rows, list)
    assert (rows[0].question.id, rows[0].status, rows[0].display) == (
        first.question_id,
        "answer",
        first.display,
    )
    assert {r.status for r in rows[1:]} == {"open"}
    assert first.question_id in str(message.content)


def test_list_questions_without_interview_lists_instrument(workspace: Workspace) -> None:
    viewer = workspace.caller("viewer")

    message = _call(_tools(workspace, viewer)["list_questions"], domain="hiring_friction")

    assert message.artifact
    assert {q.domain for q in message.artifact} == {"hiring_friction"}
    assert "hf_time_to_fill" in str(message.content)


def test_interview_tools_bound_to_someone_elses_interview_report_not_found(
    workspace: Workspace,
) -> None:
    _, theirs = _respondent(workspace, "Olga")
    intruder, _ = _respondent(workspace, "Ivan")
    tools = _tools(workspace, intruder, theirs)

    message = _call(tools["record_answer"], text="about 15")

    assert message.status == "error"
    assert "not found" in str(message.content)
    assert iv.get_state(workspace.store, workspace.admin, theirs).progress.answered == 0


def test_biggest_drag_tool_matches_analysis(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)

    message = _call(_tools(workspace, caller, interview_id)["biggest_drag"])

    expected = analysis.biggest_drag(workspace.store, caller)
    assert message.artifact == expected
    assert isinstance(message.artifact, DragSummary)
    assert expected.label in str(message.content)


def test_drag_trend_tool_says_what_the_trend_says(workspace: Workspace) -> None:
    caller, _ = _respondent(workspace)
    viewer = Caller(org_id=caller.org_id, role="viewer")

    message = _call(_tools(workspace, viewer, None)["drag_trend"])

    built = rounds.trend(workspace.store, viewer, caller.org_id, detail=False)
    assert message.content == built.summary and message.artifact == built
    assert "No round has been closed yet" in str(message.content)


def test_explain_domain_tool_unknown_domain_returns_message(workspace: Workspace) -> None:
    tool = _tools(workspace, workspace.admin)["explain_domain"]

    reply = tool.invoke({"domain": "vibes"})

    assert isinstance(reply, str)
    assert "leadership_bandwidth" in reply


def test_explain_domain_tool_explains_that_domain(workspace: Workspace) -> None:
    message = _call(_tools(workspace, workspace.admin)["explain_domain"], domain="training_roi")

    assert isinstance(message.artifact, DragSummary)
    assert message.artifact.domain == "training_roi"
    assert message.artifact.label in str(message.content)


def test_score_organization_tool_matches_analysis(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    _call(_tools(workspace, caller, interview_id)["record_answer"], text="about 15")
    viewer = workspace.caller("viewer")

    message = _call(_tools(workspace, viewer)["score_organization"])

    expected = analysis.score_organization(workspace.store, viewer, workspace.org.id)
    assert message.artifact == expected
    content = str(message.content)
    assert all(d.label in content for d in expected.domains)


def test_record_answer_with_question_id_answers_a_later_question(workspace: Workspace) -> None:
    caller, interview_id = _respondent(workspace)
    rows = iv.list_questions(workspace.store, caller, interview_id)
    later = rows[2].question

    message = _call(
        _tools(workspace, caller, interview_id)["record_answer"],
        text=later.example,
        question_id=later.id,
    )

    assert isinstance(message.artifact, Recorded)
    assert message.artifact.question_id == later.id
    state = iv.get_state(workspace.store, caller, interview_id)
    assert state.pending is not None and state.pending.id == rows[0].question.id


def test_collecting_tools_preview_governance_entries_and_write_them_only_when_applied(
    workspace: Workspace,
) -> None:
    caller, interview_id = _respondent(workspace)
    actions: list[iv.Action] = []
    tools = _collecting(workspace, caller, interview_id, actions)
    seam = "Ops -> Transport: 6 a month, $4k each, owner unclear, KPI conflict"

    recorded = _call(tools["record_seam"], text=seam)
    rejected = _call(tools["record_seam"], text="Ops and Transport fight")

    assert recorded.status != "error" and "Recorded seam:" in str(recorded.content)
    assert rejected.status == "error" and "For example: Ops -> Transport" in str(rejected.content)
    assert actions == [iv.AddGovernanceEntry("seam", seam)]
    # Nothing is written while the model thinks; the turn's transaction writes it once.
    assert governance.list_entries(workspace.store, workspace.admin, workspace.org.id) == []
    iv.apply_turn(workspace.store, caller, interview_id, actions)
    (entry,) = governance.list_entries(workspace.store, workspace.admin, workspace.org.id)
    assert entry.kind == "seam" and entry.respondent_id == caller.respondent_id


def test_model_is_told_to_confirm_an_implausible_figure_and_can_count_it_on_a_yes(
    workspace: Workspace,
) -> None:
    caller, interview_id = _respondent(workspace)
    actions: list[iv.Action] = []
    tools = _collecting(workspace, caller, interview_id, actions)

    held = _call(tools["record_answer"], text="3000")
    assert isinstance(held.artifact, Recorded) and held.artifact.kind == "unconfirmed"
    assert "without counting it" in str(held.content) and "confirm_answer" in str(held.content)
    kept = _call(tools["confirm_answer"])
    assert isinstance(kept.artifact, Recorded) and kept.artifact.kind == "answer"

    assert actions == [iv.Answer("3000"), iv.Confirm()]
    outcome, _ = iv.apply_turn(workspace.store, caller, interview_id, actions)
    assert outcome.state.progress.answered == 1


def test_collecting_tools_preview_answers_and_collect_them_without_writing(
    workspace: Workspace,
) -> None:
    caller, interview_id = _respondent(workspace)
    actions: list[iv.Action] = []
    tools = _collecting(workspace, caller, interview_id, actions)
    first = iv.get_state(workspace.store, caller, interview_id).pending
    assert first is not None

    recorded = _call(tools["record_answer"], text="about 15 a month")
    rejected = _call(tools["record_answer"], text="banana")
    skipped = _call(tools["skip_question"])

    assert recorded.status != "error" and "15 a month" in str(recorded.content)
    assert rejected.status == "error" and "For example" in str(rejected.content)
    assert skipped.status != "error"
    assert actions == [iv.Answer("about 15 a month"), iv.Skip()]
    assert iv.get_record(workspace.store, caller, interview_id).answers == []
    # The preview's next question is the one the collected actions leave open once applied.
    outcome, _ = iv.apply_turn(workspace.store, caller, interview_id, actions)
    assert outcome.state.pending is not None
    assert outcome.state.pending.text in str(skipped.content)
