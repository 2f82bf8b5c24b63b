"""`analysis.report_answers`: who said what and who answered by department, as a report shows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import Workspace

from tools import analysis
from tools import interview as iv
from tools.analysis import AnswerStatement, DepartmentAnswers
from tools.errors import ForbiddenError, NotFoundError

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
WAIT = "lb_decision_wait"  # leadership bandwidth, asked of Operations and Finance alike
WAIT_INPUT = "decision_wait_days"


def _answer(ws: Workspace, person_id: str, text: str) -> None:
    caller = ws.caller("respondent", person_id)
    interview = iv.start_interview(ws.store, caller, respondent_id=person_id)
    iv.record_answer(ws.store, caller, interview.id, text=text, question_id=WAIT)


def _leaders(ws: Workspace, *, hide: bool = False) -> tuple[str, str]:
    """Dana (Operations) and Cathy (Finance) answer the decision wait; Sam (no department)
    is invited and says nothing. With `hide`, Dana is in a department-only campaign."""
    dana = ws.person("Dana Ruiz", role="COO", department="Operations")
    cathy = ws.person("Cathy Fox", role="CFO", department="Finance")
    ws.person("Sam")
    if hide:
        ws.department_only([dana.id], now=NOW, name="Review")
    _answer(ws, dana.id, "2 days")
    _answer(ws, cathy.id, "about 10 days")
    return dana.id, cathy.id


def test_statements_by_input_and_coverage_by_department(workspace: Workspace) -> None:
    _leaders(workspace)

    shown = analysis.report_answers(workspace.store, workspace.admin, workspace.org.id)

    assert shown.statements == {
        WAIT_INPUT: (
            AnswerStatement(
                speaker="Dana Ruiz, COO (Operations)", department="Operations", answer="2 days"
            ),
            AnswerStatement(
                speaker="Cathy Fox, CFO (Finance)", department="Finance", answer="about 10 days"
            ),
        )
    }
    assert shown.departments == (
        DepartmentAnswers(
            department="Finance",
            people=1,
            answered=1,
            answers=1,
            domains=("leadership_bandwidth",),
        ),
        DepartmentAnswers(
            department="Operations",
            people=1,
            answered=1,
            answers=1,
            domains=("leadership_bandwidth",),
        ),
        DepartmentAnswers(department=None, people=1, answered=0, answers=0, domains=()),
    )


def test_department_only_respondent_is_never_named(workspace: Workspace) -> None:
    _leaders(workspace, hide=True)

    viewer = workspace.caller("viewer")
    shown = analysis.report_answers(workspace.store, viewer, workspace.org.id)

    speakers = [s.speaker for s in shown.statements[WAIT_INPUT]]
    assert speakers == ["a leader in Operations", "Cathy Fox, CFO (Finance)"]
    assert "Dana" not in shown.model_dump_json()
    assert [d.department for d in shown.departments] == ["Finance", "Operations", None]


@pytest.mark.parametrize("role", ["facilitator", "viewer"])
def test_roles_that_read_score_detail_see_the_same(workspace: Workspace, role: str) -> None:
    _leaders(workspace)
    as_admin = analysis.report_answers(workspace.store, workspace.admin, workspace.org.id)

    caller = workspace.caller(role)

    assert analysis.report_answers(workspace.store, caller, workspace.org.id) == as_admin


def test_respondent_is_forbidden(workspace: Workspace) -> None:
    dana, _ = _leaders(workspace)
    caller = workspace.caller("respondent", dana)

    with pytest.raises(ForbiddenError):
        analysis.report_answers(workspace.store, caller, workspace.org.id)


def test_other_organization_is_not_found(workspace: Workspace, other_workspace: Workspace) -> None:
    _leaders(other_workspace)

    with pytest.raises(NotFoundError):
        analysis.report_answers(workspace.store, workspace.admin, other_workspace.org.id)


def test_no_respondents_yet_is_empty(workspace: Workspace) -> None:
    shown = analysis.report_answers(workspace.store, workspace.admin, workspace.org.id)

    assert shown.statements == {}
    assert shown.departments == ()
