"""The organization's current answers as a report shows them: who said what behind each input,
and who answered by department.

Names follow attribution (`tools.admin.attribution`): a department-only respondent is shown as
"a leader in Operations" and counted under the department shown for them, never their own
name. Only roles that may read score detail get this (the report's audience).
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from knowledge import load_instrument
from scoring import DOMAINS
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.store import interviews as repo
from tools.store import people
from tools.store.db import Store


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class AnswerStatement(_Frozen):
    """One current answer to one input, with its speaker as the caller may see them."""

    speaker: str
    department: str | None  # as shown; None when none is known
    answer: str
    quote: str | None = None


class DepartmentAnswers(_Frozen):
    """Who answered in one department (as shown; `department` None: no department given)."""

    department: str | None
    people: int
    answered: int  # respondents with at least one current answer
    answers: int
    domains: tuple[str, ...]  # domain keys answered about, in the scoring core's order


class ReportAnswers(_Frozen):
    # Input key -> its statements, oldest answer first; inputs in the order first answered.
    statements: dict[str, tuple[AnswerStatement, ...]]
    # Named departments alphabetically, then the people with no department.
    departments: tuple[DepartmentAnswers, ...]


def report_answers(store: Store, caller: Caller, org_id: str) -> ReportAnswers:
    """Current answers as statements by input key, and who answered by department.

    For roles that may read score detail (admin, facilitator, viewer); another organization's
    is not found.
    """
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    instrument = load_instrument()
    with store.read() as session:
        everyone = people.list_respondents(session, org_id)
        hidden = attribution.hidden_departments(session, org_id)
        events = repo.org_current_events(session, org_id)
        labels = attribution.speaker_labels(
            session, org_id, [e.respondent_id for e in events], viewer_id=caller.respondent_id
        )
    department: dict[str, str | None] = {
        r.id: (hidden[r.id] if r.id in hidden else r.department) or None for r in everyone
    }
    said: dict[str, list[AnswerStatement]] = defaultdict(list)
    answered: dict[str | None, set[str]] = defaultdict(set)
    answers: dict[str | None, int] = defaultdict(int)
    domains: dict[str | None, set[str]] = defaultdict(set)
    for event in sorted(events, key=lambda e: e.id):
        question = instrument.by_id.get(event.question_id)
        if event.kind != "answer" or question is None:
            continue
        dept = department.get(event.respondent_id)
        answered[dept].add(event.respondent_id)
        answers[dept] += 1
        if question.domain != "pools":
            domains[dept].add(question.domain)
        said[question.feeds].append(
            AnswerStatement(
                speaker=labels.get(event.respondent_id, attribution.UNKNOWN_SPEAKER),
                department=dept,
                answer=event.raw_text,
                quote=event.evidence,
            )
        )
    headcount: dict[str | None, int] = defaultdict(int)
    for r in everyone:
        headcount[department[r.id]] += 1
    order = [d.key for d in DOMAINS]
    return ReportAnswers(
        statements={key: tuple(rows) for key, rows in said.items()},
        departments=tuple(
            DepartmentAnswers(
                department=dept,
                people=headcount[dept],
                answered=len(answered[dept]),
                answers=answers[dept],
                domains=tuple(k for k in order if k in domains[dept]),
            )
            for dept in sorted(headcount, key=lambda d: (d is None, d or ""))
        ),
    )
