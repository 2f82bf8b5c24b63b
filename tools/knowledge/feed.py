"""Committed answers, handed to whoever listens (the evidence index) once they are durable.

`tools.interview.open_interview` publishes the answer events of a write transaction after it
commits, so a listener never sees an answer that was rolled back. Listeners are held by the
store (two stores in one process, as in tests, never see each other's answers) and must be
quick: the evidence indexer only queues the work. A failing listener is logged and ignored: the
answer is already saved, and the turn must not fail because indexing did.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from tools.store.db import Store
from tools.store.schema import AnswerEvent, Respondent

logger = logging.getLogger("oiar.evidence")

AnswerListener = Callable[[Sequence[AnswerEvent], Respondent], None]


def subscribe(store: Store, listener: AnswerListener) -> None:
    """Call `listener(events, respondent)` after each committed write that appended answers."""
    with store.listeners_lock:
        if listener not in store.answer_listeners:
            store.answer_listeners.append(listener)


def unsubscribe(store: Store, listener: AnswerListener) -> None:
    with store.listeners_lock:
        if listener in store.answer_listeners:
            store.answer_listeners.remove(listener)


def publish(store: Store, events: Sequence[AnswerEvent], respondent: Respondent) -> None:
    """Hand committed answer events to the store's listeners; never raises."""
    if not events:
        return
    with store.listeners_lock:
        listeners = list(store.answer_listeners)
    for listener in listeners:
        try:
            listener(events, respondent)
        except Exception:  # the answer is saved: indexing trouble must not fail the turn
            logger.exception("an answer listener failed; the answer itself is saved")
