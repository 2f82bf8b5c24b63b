"""Attribution: named or department-only, everywhere someone else sees who said what."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from factories import Workspace

from tools import analysis
from tools import campaigns as cmp
from tools import interview as iv
from tools.admin import attribution
from tools.campaigns import MemberIn
from tools.errors import ForbiddenError

NOW = datetime(2026, 3, 2, 10, 0)
WAIT = "lb_decision_wait"


@pytest.mark.parametrize(
    ("name", "role", "department", "expected"),
    [
        ("Dana Ruiz", "COO", "Operations", "Dana Ruiz, COO (Operations)"),
        ("Dana Ruiz", None, "Operations", "Dana Ruiz (Operations)"),
        ("Dana Ruiz", "COO", None, "Dana Ruiz, COO"),
        ("Dana Ruiz", None, None, "Dana Ruiz"),
    ],
)
def test_named_label_table(
    name: str, role: str | None, department: str | None, expected: str
) -> None:
    assert attribution.named_label(name, role, department) == expected


def test_department_label_with_and_without_department() -> None:
    assert attribution.department_label("Operations") == "a leader in Operations"
    assert attribution.department_label(None) == "a leader"


def _two_leaders(ws: Workspace, mode: str) -> tuple[str, str]:
    """Dana (Operations) and Cathy (Finance) in a campaign, far apart on the decision wait."""
    dana = ws.person("Dana Ruiz", role="COO", department="Operations")
    cathy = ws.person("Cathy Fox", role="CFO", department="Finance")
    cmp.create_campaign(
        ws.store,
        ws.admin,
        ws.org.id,
        name="Review",
        due_at=NOW + timedelta(days=10),
        attribution=mode,
        members=[MemberIn(respondent_id=dana.id), MemberIn(respondent_id=cathy.id)],
        now=NOW,
    )
    for person, text in ((dana, "2 days"), (cathy, "about 10 days")):
        caller = ws.caller("respondent", person.id)
        interview = iv.start_interview(ws.store, caller, respondent_id=person.id)
        iv.record_answer(ws.store, caller, interview.id, text=text, question_id=WAIT)
    return dana.id, cathy.id


def test_speaker_label_named_campaign_names_the_person(workspace: Workspace) -> None:
    dana, _ = _two_leaders(workspace, "named")
    with workspace.store.read() as session:
        assert (
            attribution.speaker_label(session, workspace.org.id, dana)
            == "Dana Ruiz, COO (Operations)"
        )


def test_speaker_label_department_only_hides_person_but_not_from_themself(
    workspace: Workspace,
) -> None:
    dana, cathy = _two_leaders(workspace, "department")
    with workspace.store.read() as session:
        labels = attribution.speaker_labels(session, workspace.org.id, [dana, cathy, "rsp_x"])
        own = attribution.speaker_label(session, workspace.org.id, dana, viewer_id=dana)
    assert labels == {
        dana: "a leader in Operations",
        cathy: "a leader in Finance",
        "rsp_x": "a respondent",
    }
    assert own == "Dana Ruiz, COO (Operations)"


def test_member_of_any_department_only_campaign_is_hidden_everywhere(
    workspace: Workspace,
) -> None:
    dana, _ = _two_leaders(workspace, "named")
    workspace.department_only([dana], now=NOW)
    with workspace.store.read() as session:
        assert attribution.speaker_label(session, workspace.org.id, dana) == (
            "a leader in Operations"
        )


def test_score_department_only_never_names_anyone_and_figures_unchanged(
    workspace: Workspace,
) -> None:
    dana, cathy = _two_leaders(workspace, "named")
    named = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)
    assert "Dana Ruiz" in named.model_dump_json()
    cmp.create_campaign(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        name="Candid",
        due_at=NOW + timedelta(days=10),
        attribution="department",
        members=[MemberIn(respondent_id=dana), MemberIn(respondent_id=cathy)],
        now=NOW,
    )

    hidden = analysis.score_organization(workspace.store, workspace.admin, workspace.org.id)

    text = hidden.model_dump_json()
    assert "Dana" not in text
    assert "Cathy" not in text
    [disagreement] = [d for d in hidden.disagreements if d.key == "decision_wait_days"]
    assert {v.respondent for v in disagreement.values} == {
        "a leader in Operations",
        "a leader in Finance",
    }
    assert "Operations" in disagreement.summary
    # Attribution changes who is shown, never the figures or the confidence.
    assert hidden.input_sha256 == named.input_sha256
    assert [(d.key, d.mean, d.respondents, d.confidence) for d in hidden.domains] == [
        (d.key, d.mean, d.respondents, d.confidence) for d in named.domains
    ]


def test_biggest_drag_for_chat_never_names_department_only_people(
    workspace: Workspace,
) -> None:
    dana, _ = _two_leaders(workspace, "department")
    viewer = workspace.caller("viewer")
    summary = analysis.explain_domain(workspace.store, viewer, "leadership_bandwidth")
    assert "Dana" not in summary.model_dump_json()
    assert "Cathy" not in summary.model_dump_json()


def test_answers_list_department_only_shows_label_without_id(workspace: Workspace) -> None:
    _two_leaders(workspace, "department")
    rows = analysis.list_answers(workspace.store, workspace.admin, workspace.org.id)
    assert {(r.respondent, r.respondent_id, r.department) for r in rows} == {
        ("a leader in Operations", None, "Operations"),
        ("a leader in Finance", None, "Finance"),
    }


def test_answers_list_named_shows_names(workspace: Workspace) -> None:
    dana, _ = _two_leaders(workspace, "named")
    rows = analysis.list_answers(workspace.store, workspace.admin, workspace.org.id)
    assert ("Dana Ruiz", dana) in {(r.respondent, r.respondent_id) for r in rows}


def test_interview_record_department_only_readable_by_its_respondent_only(
    workspace: Workspace,
) -> None:
    dana, _ = _two_leaders(workspace, "department")
    me = workspace.caller("respondent", dana)
    interview = iv.start_interview(workspace.store, me, respondent_id=dana)

    mine = iv.get_record(workspace.store, me, interview.id)
    assert mine.state.respondent_id == dana
    # Their own answer is still there for them to see and change.
    assert [a.raw_text for a in mine.answers] == ["2 days"]
    with pytest.raises(ForbiddenError, match="department-only"):
        iv.get_record(workspace.store, workspace.admin, interview.id)
