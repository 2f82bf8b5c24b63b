"""Which interview a respondent is in: their latest, to resume it or to start the next."""

from __future__ import annotations

from tools.access import Caller, require, require_own_interview
from tools.interview.handle import InterviewView, get_state
from tools.store import interviews, people
from tools.store.db import Store


def current_interview(store: Store, caller: Caller, respondent_id: str) -> InterviewView | None:
    """The respondent's latest interview (finished or not), or None before their first.

    A respondent sees only their own; a respondent of another organization has none.
    """
    require(caller, "interview")
    require_own_interview(caller, respondent_id)
    with store.read() as session:
        respondent = people.get_respondent(session, caller.org_id, respondent_id)
        latest = interviews.latest_interview(session, respondent_id) if respondent else None
    return get_state(store, caller, latest.id) if latest is not None else None
