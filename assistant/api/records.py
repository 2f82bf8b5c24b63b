"""An interview's record: state, transcript and the respondent's current answers.

Stopgap: this belongs in `tools/interview.py` (as `get_record`), next to `get_state`; no tool
exposes the transcript yet. A respondent sees its own interview (checked by `get_state`); anyone
else needs `read_answers` (admin, facilitator), as the answers are individual people's words.
"""

from __future__ import annotations

from assistant.api.schemas import CurrentAnswer, InterviewOut, MessageOut
from tools import interview as iv
from tools.access import Caller, require
from tools.store import Store
from tools.store import interviews as repo


def get_record(store: Store, caller: Caller, interview_id: str) -> InterviewOut:
    """The interview as its respondent or a facilitator sees it (404 for anyone else)."""
    state = iv.get_state(store, caller, interview_id)
    if caller.role != "respondent":
        require(caller, "read_answers")
    with store.read() as session:
        messages = repo.transcript(session, interview_id)
        events = repo.current_events(session, state.org_id, state.respondent_id)
        return InterviewOut(
            id=state.id,
            org_id=state.org_id,
            respondent_id=state.respondent_id,
            status=state.status,
            channel=state.channel,
            question=state.pending,
            progress=state.progress,
            transcript=[MessageOut.model_validate(m, from_attributes=True) for m in messages],
            answers=[
                CurrentAnswer.model_validate(e, from_attributes=True)
                for e in sorted(events.values(), key=lambda e: e.id)
            ],
        )
