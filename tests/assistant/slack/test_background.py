"""Slack's background work: request tasks drain at shutdown, long-running workers stop first."""

from __future__ import annotations

import asyncio

import pytest

from assistant.slack.background import Background

pytestmark = pytest.mark.anyio


async def test_close_stops_workers_then_drains_request_work() -> None:
    tasks = Background()
    happened: list[str] = []

    async def worker(stop: asyncio.Event) -> None:
        while not stop.is_set():
            happened.append("tick")
            await asyncio.sleep(0.01)
        happened.append("worker stopped")

    async def request() -> None:
        await asyncio.sleep(0.05)
        happened.append("request done")

    tasks.keep_running(worker, name="ticks")
    tasks.spawn(request(), name="request")
    await asyncio.sleep(0.02)
    assert tasks.pending == 1  # the worker is not request work: idle() does not wait for it

    await tasks.close(timeout=5)

    assert "tick" in happened
    assert happened.index("worker stopped") < happened.index("request done")
    assert tasks.pending == 0


async def test_a_worker_that_ignores_stop_is_cancelled_at_the_timeout() -> None:
    tasks = Background()
    cancelled = asyncio.Event()

    async def stubborn(stop: asyncio.Event) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    tasks.keep_running(stubborn, name="stubborn")
    await asyncio.sleep(0)
    await tasks.close(timeout=0.05)
    assert cancelled.is_set()
