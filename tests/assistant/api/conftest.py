"""API fixtures: an in-process client (httpx ASGI transport) and a real uvicorn server, on every
backend the `store` fixture gives; a world of two organizations with a key per role.

`client` and `world` are new for every test. `shared_client` and `shared_world` are built once
per test module and backend, for tables of cases: a new app costs a test about 30 ms on its
first request (FastAPI sets up every route's validation then), and a new store and world about
50 ms more. A test on the shared ones must leave them as it found them for every other test:
read, be refused, or add things of its own (a fresh key, a uniquely named respondent).
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import (
    AbstractContextManager,
    nullcontext,
)
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).parent))

from api_support import (  # noqa: E402
    LOOPBACK,
    ClientFactory,
    World,
    asgi_client,
    build_org,
    make_settings,
    transport_client,
)
from factories import pg_schema  # noqa: E402
from isolation import PG_ENV, isolate  # noqa: E402

from assistant.api.app import create_app  # noqa: E402
from assistant.api.server import BackgroundServer  # noqa: E402
from assistant.config import Settings  # noqa: E402
from tools.store import Store  # noqa: E402


# Module scope, so module-scoped async fixtures (`shared_client`) may run on the test runner.
@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def app(store: Store, settings: Settings) -> FastAPI:
    return create_app(settings, store=store)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(app) as c:
        yield c


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[BackgroundServer]:
    """The app on a real uvicorn, 127.0.0.1 and an ephemeral port; stopped after the test."""
    with BackgroundServer(app) as server:
        yield server


@pytest.fixture
def world(store: Store) -> World:
    """Two organizations in one store: A (the caller's) and B (another tenant)."""
    return World(store=store, a=build_org(store, "Alpha Co"), b=build_org(store, "Beta Co"))


@pytest.fixture(scope="module")
def module_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The autouse isolation for module-scoped fixtures, which are set up before it runs."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(monkeypatch, tmp_path_factory.mktemp("env") / ".oiar")
        yield


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, module_env: None
) -> Iterator[Store]:
    """One store per test module and backend, for read-mostly tables of cases."""
    database: AbstractContextManager[str]
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("api") / "oiar.db"
        database = nullcontext(f"sqlite:///{path.as_posix()}")
    else:
        base = os.environ.get(PG_ENV)
        if not base:
            pytest.skip(f"{PG_ENV} not set: PostgreSQL tests skipped")
        database = pg_schema(base)
    with database as url:
        store = Store.open(url)
        yield store
        store.dispose()


@pytest.fixture(scope="module")
def shared_world(module_store: Store) -> World:
    """Like `world`, built once per module and backend: tests must only add, never change."""
    return World(
        store=module_store,
        a=build_org(module_store, "Alpha Co"),
        b=build_org(module_store, "Beta Co"),
    )


@pytest.fixture(scope="module")
def shared_app(shared_world: World, module_env: None) -> FastAPI:
    return create_app(make_settings(), store=shared_world.store)


@pytest.fixture(scope="module")
async def shared_client(shared_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client on `shared_app`, whose lifespan runs as long as the module's tests do."""
    async with asgi_client(shared_app) as c:
        yield c


@pytest.fixture
def shared_client_from(shared_app: FastAPI, shared_client: httpx.AsyncClient) -> ClientFactory:
    """`async with shared_client_from("10.0.0.7") as c:`: a client on another address, to the
    shared app (started by `shared_client`)."""
    return lambda host=LOOPBACK: transport_client(shared_app, host=host)
