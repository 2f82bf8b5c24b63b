"""Committed answers, handed to whoever listens (the evidence index) once they are durable.

`tools.interview.open_interview` publishes the answer events of a write transaction after it
commits, so a listener never sees an answer that was rolled back. Listeners are registered per
store (two stores in one process, as in tests, never see each other's answers) and must be
quick: the evidence indexer only queues the work. A failing listener is logged and ignored: the
answer is already saved, and the turn must not fail because indexing did.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Sequence

from tools.store.db import Store
from tools.store.schema import AnswerEvent, Respondent

logger = logging.getLogger("oiar.evidence")

AnswerListener = Callable[[Sequence[AnswerEvent], Respondent], None]

_listeners: weakref.WeakKeyDictionary[Store, list[AnswerListener]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def subscribe(store: Store, listener: AnswerListener) -> None:
    """Call `listener(events, respondent)` after each committed write that appended answers."""
    with _lock:
        listeners = _listeners.setdefault(store, [])
        if listener not in listeners:
            listeners.append(listener)


def unsubscribe(store: Store, listener: AnswerListener) -> None:
    with _lock:
        listeners = _listeners.get(store, [])
        if listener in listeners:
            listeners.remove(listener)


def publish(store: Store, events: Sequence[AnswerEvent], respondent: Respondent) -> None:
    """Hand committed answer events to the store's listeners; never raises."""
    if not events:
        return
    with _lock:
        listeners = list(_listeners.get(store, ()))
    for listener in listeners:
        try:
            listener(events, respondent)
        except Exception:  # the answer is saved: indexing trouble must not fail the turn
            logger.exception("an answer listener failed; the answer itself is saved")
