"""An interview's record as the API shows it: state, transcript, current answers."""

from __future__ import annotations

from assistant.api.schemas import InterviewOut
from tools import Store
from tools import interview as iv
from tools.access import Caller


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
