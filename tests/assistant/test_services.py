"""The services an app owns: built from settings, started with the server, stopped with it."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.services import Services
from tools import Store


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def asgi_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan run, as a server would run it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50_000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


def _gone(pid: int, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_services_follow_the_settings(sqlite_url: str, tmp_path: Path) -> None:
    settings = make_settings(
        database_url=sqlite_url,
        data_dir=tmp_path / "data",
        question_order="priority",
        adaptive_refresh_s=5.0,
    )
    services = Services.build(settings)
    try:
        assert services.owns_store
        assert services.estimator.order == "priority" and services.estimator.refresh_s == 5.0
        assert services.knowledge.data_dir == tmp_path / "data"
        assert services.knowledge.on_answers in services.store.answer_listeners
    finally:
        services.stop()
    assert services.knowledge.on_answers not in services.store.answer_listeners


@pytest.mark.anyio
async def test_the_app_starts_and_stops_its_estimator_process(
    sqlite_url: str, tmp_path: Path
) -> None:
    settings = make_settings(
        database_url=sqlite_url, data_dir=tmp_path / "data", question_order="adaptive"
    )
    app = create_app(settings)
    async with asgi_client(app) as client:
        assert (await client.get("/healthz")).status_code == 200
        services: Services = app.state.services
        assert app.state.engine.estimator is services.estimator
        (pid,) = services.estimator.process_ids()
        assert pid != os.getpid()
    assert services.estimator.process_ids() == []
    assert _gone(pid), f"the estimator process {pid} outlived the app"


@pytest.mark.anyio
async def test_two_apps_on_one_store_share_no_state(sqlite_url: str, tmp_path: Path) -> None:
    store = Store.open(sqlite_url)
    settings = make_settings(data_dir=tmp_path / "data", question_order="priority")
    first, second = create_app(settings, store=store), create_app(settings, store=store)
    try:
        async with asgi_client(first), asgi_client(second):
            one, two = first.state.services, second.state.services
            assert one.estimator is not two.estimator
            assert one.knowledge is not two.knowledge
            both = {one.knowledge.on_answers, two.knowledge.on_answers}
            assert both <= set(store.answer_listeners)
        # Stopped apps leave the store they were given open, and stop feeding it.
        assert store.answer_listeners == []
        with store.read() as session:
            assert session.connection() is not None
    finally:
        store.dispose()


@pytest.mark.parametrize("order", ["adaptive", "priority"])
def test_the_question_order_is_one_setting(order: str, tmp_path: Path) -> None:
    settings = make_settings(data_dir=tmp_path, question_order=order)
    assert settings.question_order == order
    with pytest.raises(ValueError, match="question_order"):
        make_settings(data_dir=tmp_path, question_order="random")
