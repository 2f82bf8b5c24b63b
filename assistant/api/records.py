"""An interview's record as the API shows it: state, transcript, current answers."""

from __future__ import annotations

from assistant.api.schemas import InterviewOut
from tools import Store
from tools import interview as iv
from tools.access import Caller
from tools.interview import PlannedQuestion


def get_record(store: Store, caller: Caller, interview_id: str) -> InterviewOut:
    """The interview as its respondent or a facilitator sees it."""
    record = iv.get_record(store, caller, interview_id)
    state = record.state
    return InterviewOut(
        id=state.id,
        org_id=state.org_id,
        respondent_id=state.respondent_id,
        status=state.status,
        channel=state.channel,
        question=state.pending,
        progress=state.progress,
        transcript=record.transcript,
        answers=record.answers,
    )


def planned_questions(store: Store, caller: Caller, interview_id: str) -> list[PlannedQuestion]:
    """The interview's questions with their current answers, for whoever may read its record."""
    iv.get_record(store, caller, interview_id)  # the record's access rules, answer privacy too
    return iv.list_questions(store, caller, interview_id)
