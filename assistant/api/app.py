"""The HTTP API's app factory: routers, error handlers, the store and engine on `app.state`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from assistant.api import (
    campaigns,
    health,
    interviews,
    invite_pages,
    orgs,
    reports,
    scoring,
    sessions,
    web,
)
from assistant.api import governance as governance_api
from assistant.api import invites as invites_api
from assistant.api import privacy as privacy_api
from assistant.api import rounds as rounds_api
from assistant.api import what_if as what_if_api
from assistant.api.errors import install_error_handlers
from assistant.api.limits import BodyLimit
from assistant.api.rate_limit import RateLimit
from assistant.config import Settings, get_settings
from assistant.heap import freeze_after_startup, freeze_startup_heap
from assistant.services import Services
from assistant.slack.routes import mount_slack
from tools import Store

logger = logging.getLogger("oiar.api")

DESCRIPTION = """\
oiar interviews business leaders about execution drag and prices it as
**Operating Income at Risk**. Every route but `/healthz` takes a bearer API key
(`Authorization: Bearer oiar_…`) scoped to one organization and one role, or a
browser's session cookie (`/web/session`; writes then send `X-CSRF-Token`);
anything of another organization is 404. Errors are
`{"error": {"code", "message", "field"?, "example"?}}`.
"""


def _log_org_creation(settings: Settings) -> None:
    """Say at start who may create organizations (a warning when it rests on loopback alone)."""
    if settings.admin_token and settings.admin_token.get_secret_value():
        logger.info("organization creation requires the operator token (OIAR_ADMIN_TOKEN)")
        return
    logger.warning(
        "OIAR_ADMIN_TOKEN is not set: organizations can only be created by clients on the "
        "loopback address"
    )


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the API; opens the store from settings at startup unless one is passed.

    Args:
        settings: Used instead of `get_settings()` (also by every request's dependencies, which
            read them from `app.state.settings`).
        store: An open store to serve; the caller keeps ownership and disposes it.
    """

    current = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = Services.build(current, store)
        app.state.services = services
        app.state.store = services.store
        app.state.engine = services.engine(current)
        services.start(warm_knowledge=current.warm_knowledge, then=freeze_startup_heap)
        services.start_retention(current)
        _log_org_creation(current)
        freeze_after_startup()
        try:
            yield
        finally:
            services.stop()

    app = FastAPI(
        title="oiar",
        summary="Operating Income at Risk from leadership interviews",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    # On app.state, not in dependency_overrides: with any override set, FastAPI rebuilds every
    # route's dependency tree on every request (about 0.5 ms a request).
    app.state.settings = current
    app.add_middleware(BodyLimit)
    # Added last, so it runs first: a refused request costs no body read and no handler.
    app.add_middleware(
        RateLimit, per_minute=current.rate_limit_per_minute, burst=current.rate_limit_burst
    )
    install_error_handlers(app)
    routers = (health.router, orgs.router, interviews.router, scoring.router, campaigns.router)
    for router in (*routers, reports.router):
        app.include_router(router)
    app.include_router(what_if_api.router)
    app.include_router(governance_api.router)
    app.include_router(rounds_api.router)
    app.include_router(privacy_api.router)
    app.include_router(sessions.router)
    app.include_router(invites_api.router)
    app.include_router(invite_pages.router)
    mount_slack(app, current)
    web.mount_web(app)
    return app
