"""Helpers of the API tests: clients, bearer headers, and a two-organization world."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from factories import make_workspace
from fastapi import FastAPI

from assistant.config import Settings
from tools import admin
from tools import interview as iv
from tools.access import Caller, Role
from tools.store import Store

LOOPBACK = "127.0.0.1"
ClientFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def asgi_client(app: FastAPI, *, host: str = LOOPBACK) -> AsyncIterator[httpx.AsyncClient]:
    """A client over the ASGI transport, from `host`; unhandled app errors fail the test."""
    async with app.router.lifespan_context(app), transport_client(app, host=host) as client:
        yield client


@asynccontextmanager
async def transport_client(
    app: FastAPI, *, host: str = LOOPBACK
) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app whose lifespan another client already runs."""
    transport = httpx.ASGITransport(app=app, client=(host, 50_000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@dataclass
class Org:
    """One organization: its id, a key per role, two respondents and their interviews."""

    id: str
    keys: dict[str, str]
    callers: dict[str, Caller]
    respondent: str
    peer: str
    interview: str
    peer_interview: str


def _key(store: Store, caller: Caller, org_id: str, role: Role, respondent: str | None) -> str:
    key = admin.create_key(store, caller, org_id, role=role, respondent_id=respondent)
    assert key.key is not None
    return key.key


def build_org(store: Store, name: str) -> Org:
    """An organization through the tools: keys for every role; the respondent key is Dana's."""
    org, admin_key, caller = make_workspace(store, name=name)
    dana = admin.add_respondent(store, caller, org.id, name="Dana Ruiz", role="COO")
    lee = admin.add_respondent(store, caller, org.id, name="Lee Park", role="CFO")
    keys = {
        "admin": admin_key,
        "facilitator": _key(store, caller, org.id, "facilitator", None),
        "respondent": _key(store, caller, org.id, "respondent", dana.id),
        "viewer": _key(store, caller, org.id, "viewer", None),
    }
    callers = {role: admin.authenticate(store, key) for role, key in keys.items()}
    return Org(
        id=org.id,
        keys=keys,
        callers={role: c for role, c in callers.items() if c is not None},
        respondent=dana.id,
        peer=lee.id,
        interview=iv.start_interview(store, caller, respondent_id=dana.id).id,
        peer_interview=iv.start_interview(store, caller, respondent_id=lee.id).id,
    )


@dataclass
class World:
    store: Store
    a: Org
    b: Org
