"""Who has answered: each respondent's invitation and interview in the current round.

The round is the open one, else the latest; with none, interviews and invites from outside
rounds count. Erased respondents are left out (they are no longer anyone to chase).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from tools.access import Caller, require, require_org
from tools.interview.plan import plan
from tools.store import interviews, people, rounds
from tools.store import web as repo
from tools.store.db import Store
from tools.store.schema import AssessmentRound, Invite, utcnow
from tools.timestamps import UtcDatetime
from tools.web.invites import InviteStatus, invite_status
from tools.web.sessions import SessionRound

InterviewState = Literal["not_started", "in_progress", "completed"]


class RespondentProgress(BaseModel):
    respondent_id: str
    name: str
    role: str | None
    department: str | None
    invite_status: InviteStatus | Literal["none"]
    interview_id: str | None
    interview_status: InterviewState
    answered: int
    total: int
    last_activity_at: UtcDatetime | None


class ProgressView(BaseModel):
    round: SessionRound | None
    respondents: list[RespondentProgress]
    not_started: int
    in_progress: int
    completed: int


def _round(session: Session, org_id: str) -> AssessmentRound | None:
    found = rounds.get_open_round(session, org_id)
    if found is not None:
        return found
    listed = rounds.list_rounds(session, org_id)
    return listed[-1] if listed else None


def _latest(invites: list[Invite], respondent_id: str, round_id: str | None) -> Invite | None:
    mine = [i for i in invites if i.respondent_id == respondent_id and i.round_id == round_id]
    return mine[0] if mine else None  # listed newest first


def _latest_time(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def progress(store: Store, caller: Caller, org_id: str) -> ProgressView:
    """Each respondent's invite, interview and answers so far in the current round."""
    require_org(caller, org_id)
    require(caller, "invite")
    now = utcnow()
    with store.read() as session:
        current = _round(session, org_id)
        round_id = current.id if current is not None else None
        invites = repo.list_invites(session, org_id)
        rows: list[RespondentProgress] = []
        for person in people.list_respondents(session, org_id):
            if person.erased_at is not None:
                continue
            invite = _latest(invites, person.id, round_id)
            interview = repo.latest_interview_in_round(session, person.id, round_id)
            answered, total, state = 0, len(plan(person, full_instrument=False)), "not_started"
            if interview is not None:
                questions = plan(person, full_instrument=interview.full_instrument)
                given = interviews.current_answers(
                    session, org_id, person.id, round_id=interview.round_id
                )
                answered = sum(
                    1 for q in questions if q.id in given and given[q.id].kind == "answer"
                )
                total = len(questions)
                state = "completed" if interview.status == "done" else "in_progress"
            rows.append(
                RespondentProgress(
                    respondent_id=person.id,
                    name=person.name,
                    role=person.role,
                    department=person.department,
                    invite_status=invite_status(invite, now) if invite is not None else "none",
                    interview_id=interview.id if interview is not None else None,
                    interview_status=state,
                    answered=answered,
                    total=total,
                    last_activity_at=_latest_time(
                        interview.updated_at if interview is not None else None,
                        invite.opened_at if invite is not None else None,
                    ),
                )
            )
        states = [r.interview_status for r in rows]
        return ProgressView(
            round=SessionRound(
                id=current.id,
                name=current.label,
                status="closed" if current.status == "closed" else "open",
                due_at=current.due_at,
            )
            if current is not None
            else None,
            respondents=rows,
            not_started=states.count("not_started"),
            in_progress=states.count("in_progress"),
            completed=states.count("completed"),
        )
