"""Short pauses in long-running servers: the start-up heap is moved out of the collector's way.

A server's heap is mostly what start-up built (FastAPI's routes, SQLAlchemy's mappers,
chromadb, the ONNX model's Python objects): hundreds of thousands of objects that live as long
as the process. CPython's full (generation 2) collection walks all of them, every time: 80 to
130 ms with the loop stopped, which every request in flight waits out, measured as the worst
chat turns under load. `gc.freeze()` moves what exists now to a permanent generation the
collector never scans, so a full collection walks only what requests created since.
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger("oiar.heap")
_started = False


def freeze_startup_heap() -> None:
    """Collect start-up garbage once, then exempt every surviving object from collection.

    Called after start-up and again when background warm-ups (the knowledge index) finish;
    each call freezes what was built since the last. Objects that later become garbage are
    still freed by reference counting; only cycles among frozen objects would be kept.
    """
    gc.collect()
    gc.freeze()
    logger.debug("froze %d start-up objects out of garbage collection", gc.get_freeze_count())


def freeze_after_startup() -> None:
    """`freeze_startup_heap` once per process: an app started again in the same process (the
    test suite starts hundreds) finds the start-up heap frozen already, and a full collection
    of a large heap is not free."""
    global _started
    if not _started:
        _started = True
        freeze_startup_heap()
