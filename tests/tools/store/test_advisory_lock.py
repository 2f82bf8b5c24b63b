"""`Store.advisory_lock` on PostgreSQL: a second holder waits for the first to let go."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from factories import pg_schema
from isolation import PG_ENV

from tools.store import Store

LOCK_ID = 7_100_999


@pytest.fixture
def pg_store() -> Iterator[Store]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL tests skipped")
    with pg_schema(base) as url:
        store = Store.open(url)
        yield store
        store.dispose()


def test_advisory_lock_second_holder_waits_for_the_first(pg_store: Store) -> None:
    order: list[str] = []
    held = threading.Event()

    def first() -> None:
        with pg_store.advisory_lock(LOCK_ID):
            held.set()
            time.sleep(0.3)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(5)
    with pg_store.advisory_lock(LOCK_ID):
        order.append("second in")
    thread.join(5)

    assert order == ["first done", "second in"]
