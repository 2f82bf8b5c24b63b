"""At server start the knowledge index is opened, built and its model loaded in the background,
so the first knowledge question in a chat turn (which runs on the event loop on SQLite) does not
pay seconds of setup; a remote index makes turns leave the loop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from api_support import make_settings

from assistant.api.app import create_app
from assistant.api.server import BackgroundServer
from assistant.engine import Engine, make_driver
from tools.knowledge import open_knowledge
from tools.store import Store


def _warm_up_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "oiar-knowledge-warm-up"]


def test_server_start_builds_the_knowledge_index_in_the_background(
    store: Store, tmp_path: Path
) -> None:
    settings = make_settings(warm_knowledge=True, data_dir=tmp_path / "data")
    with BackgroundServer(create_app(settings, store=store)):
        for thread in _warm_up_threads():
            thread.join(timeout=120)
        service = open_knowledge(store, data_dir=settings.data_dir, chroma_url=None)
        started = time.perf_counter()
        hits = service.index.search_knowledge("what is decision latency?", k=1)
        first_search = time.perf_counter() - started
    assert hits, "the warmed index answers"
    # Warm: a search is milliseconds; cold it would build the collection (seconds).
    assert first_search < 1.0, first_search
    assert service.index.knowledge_is_current()


def test_no_warm_up_when_switched_off(store: Store, tmp_path: Path) -> None:
    settings = make_settings(warm_knowledge=False, data_dir=tmp_path / "data")
    with BackgroundServer(create_app(settings, store=store)):
        assert not _warm_up_threads()


def test_turns_leave_the_event_loop_when_the_index_is_a_chroma_server(
    store: Store, tmp_path: Path
) -> None:
    local = make_settings(data_dir=tmp_path / "data")
    remote = make_settings(data_dir=tmp_path / "data", chroma_url="http://127.0.0.1:9")
    assert Engine(store, make_driver(store, local)).quick
    assert not Engine(store, make_driver(store, remote)).quick
