"""Work that runs after Slack has its acknowledgement: tracked, logged, drained at shutdown.

Slack wants every request acknowledged within 3 seconds, so listeners ack and hand scoring,
posting and database writes to `Background.spawn`. Tasks are kept (never fire-and-forget), so a
shutdown waits for them and tests can wait until the app is idle.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

logger = logging.getLogger("oiar.slack")


# Work items running at once; the rest wait their turn. Each runs blocking store and scoring
# calls in a worker thread, and threads share the GIL with the event loop: a burst of events
# must not starve the loop that acknowledges the next ones.
MAX_RUNNING = 8


class Background:
    """A set of running tasks; a failure is logged with its name, never raised into Slack."""

    def __init__(self, *, max_running: int = MAX_RUNNING) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._max_running = max_running
        self._slots: asyncio.Semaphore | None = None
        # Workers that run until shutdown, each with the event that asks it to stop.
        self._workers: list[tuple[asyncio.Event, asyncio.Task[None]]] = []

    async def _in_slot(self, work: Coroutine[Any, Any, None]) -> None:
        if self._slots is None:  # made on first use: bound to the running loop
            self._slots = asyncio.Semaphore(self._max_running)
        try:
            async with self._slots:
                await work
        finally:
            work.close()  # a no-op once it ran; frees one cancelled before its turn

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(self._in_slot(work), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def keep_running(
        self, run: Callable[[asyncio.Event], Coroutine[Any, Any, None]], *, name: str
    ) -> None:
        """Start a worker that runs until shutdown (the campaign reminders): `run(stop)` must
        return soon after `stop` is set. Not counted by `idle`, which waits for request work."""
        stop = asyncio.Event()
        task = asyncio.get_running_loop().create_task(run(stop), name=name)
        task.add_done_callback(self._finished)
        self._workers.append((stop, task))

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            logger.error("slack task %s failed", task.get_name(), exc_info=error)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until no task runs (tasks spawned meanwhile included)."""
        async with asyncio.timeout(timeout):
            while self._tasks:
                await asyncio.wait(set(self._tasks))

    async def close(self, timeout: float = 10.0) -> None:
        """Stop the workers, let running work finish for up to `timeout` seconds, then cancel
        what is left."""
        workers, self._workers = self._workers, []
        for stop, _ in workers:
            stop.set()
        for _, task in workers:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, timeout)
        try:
            await self.idle(timeout)
        except TimeoutError:
            logger.warning("cancelling %d slack tasks still running at shutdown", self.pending)
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
