"""Where store-bound work of a request runs: inline on SQLite, a worker thread otherwise.

A thread hop costs more than SQLite's own I/O for a chat turn: measured here, 0.3-0.4 ms of CPU
per hop (thread wake-ups in this VM are dear) against about 0.1 ms of file I/O, and the GIL
serializes the Python work of a turn whatever thread runs it. So on SQLite the hot routes run
quick work on the event loop. Work is quick when nothing in it leaves the process and it holds
the store's writer lock only for local I/O: a rules-driver turn, a key lookup. A model-driven
turn is not (it holds the lock while the model thinks), and while one runs in a thread a
quick write on the loop would wait for it, so with a model every write goes to a thread.
PostgreSQL work always goes to a thread: its network round trips would stall the loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from anyio import to_thread

from tools import Store

P = ParamSpec("P")
R = TypeVar("R")


async def run_store_work(
    store: Store, quick: bool, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs
) -> R:
    """Run `func(*args, **kwargs)`, which uses `store`, where it costs least (see module doc).

    Args:
        quick: The work is local and short (see module doc); only then may it run inline.
    """
    if quick and store.is_sqlite:
        return func(*args, **kwargs)
    return await to_thread.run_sync(lambda: func(*args, **kwargs))
