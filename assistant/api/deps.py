"""FastAPI dependencies as `Annotated` aliases: settings, store, engine, the authenticated caller.

A caller is a bearer API key or, without one, the browser's session cookie (`oiar_session`).
A bearer header wins and cookies are then ignored entirely; a cookie-authenticated write
(POST, PUT, PATCH, DELETE) must also send the session's CSRF token in `X-CSRF-Token`, else 403
`csrf_failed`, before anything is read or stored.

The settings, store and engine live on `app.state` (made once by `create_app`). Every
dependency is `async def`: FastAPI runs a sync one in its threadpool, a hop that every request
would pay. The one that reads the store (the caller) goes through `run_store_work`.
"""

from __future__ import annotations

import ipaddress
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.cookies import COOKIE, CSRF_HEADER
from assistant.api.errors import ApiError
from assistant.api.offload import run_store_work
from assistant.api.schemas import ID_PATTERN
from assistant.config import Settings
from assistant.engine import Engine
from tools import Store, admin, web
from tools.access import Caller, require_org

_bearer = HTTPBearer(
    auto_error=False,
    description="An organization API key (`oiar_…`), or the operator token for POST /v1/orgs.",
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def get_store(request: Request) -> Store:
    """The store opened by the app at startup."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


async def get_engine(request: Request) -> Engine:
    """The conversation engine shared by every request of this app."""
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=message,
        headers={"WWW-Authenticate": "Bearer"},
    )


_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def get_session(request: Request, store: StoreDep) -> web.SessionGrant | None:
    """The live session of this browser's cookie, or None (no cookie, or a dead session)."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    return await run_store_work(store, True, web.resolve, store, cookie)


SessionDep = Annotated[web.SessionGrant | None, Depends(get_session)]


def check_csrf(request: Request, grant: web.SessionGrant) -> None:
    """A cookie-authenticated write must echo the session's CSRF token in its header."""
    if request.method not in _WRITES:
        return
    given = request.headers.get(CSRF_HEADER, "")
    if not secrets.compare_digest(given.encode(), grant.csrf_token.encode()):
        msg = f"missing or wrong {CSRF_HEADER} header: send the csrf_token of GET /web/session"
        raise ApiError(status.HTTP_403_FORBIDDEN, "csrf_failed", msg)


async def get_caller(request: Request, store: StoreDep, credentials: BearerDep) -> Caller:
    """The caller a bearer API key, or else the session cookie, stands for; 401 when neither
    is live, 403 `csrf_failed` for a cookie write without the session's CSRF token."""
    if credentials is None:
        if request.cookies.get(COOKIE):
            grant = await get_session(request, store)
            if grant is None:
                msg = "your session has ended: sign in again, or open your invitation link"
                raise _unauthorized(msg)
            check_csrf(request, grant)
            return grant.caller
        msg = "missing API key: send 'Authorization: Bearer <key>'"
        raise _unauthorized(msg)
    # A read: it never waits on the writer lock, so it is quick whatever the driver.
    caller = await run_store_work(
        store, True, admin.authenticate, store, credentials.credentials, channel="api"
    )
    if caller is None:
        msg = "unknown or revoked API key"
        raise _unauthorized(msg)
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


async def get_org_caller(
    caller: CallerDep, org_id: Annotated[str, Path(pattern=ID_PATTERN)]
) -> Caller:
    """The caller, for a route under /v1/orgs/{org_id}; another organization's is 404."""
    require_org(caller, org_id)
    return caller


OrgCallerDep = Annotated[Caller, Depends(get_org_caller)]


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8 and ::1 (also IPv4-mapped); False for names and the unknown."""
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


async def require_operator(request: Request, settings: SettingsDep, credentials: BearerDep) -> None:
    """Creating organizations: the operator token when one is set, else loopback clients only."""
    token = settings.admin_token.get_secret_value() if settings.admin_token else ""
    if token:
        given = credentials.credentials if credentials else ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            msg = "creating organizations needs the operator token (OIAR_ADMIN_TOKEN)"
            raise _unauthorized(msg)
        return
    if not is_loopback(request.client.host if request.client else None):
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN,
            detail="OIAR_ADMIN_TOKEN is not set: organizations can only be created from loopback",
        )


OperatorDep = Depends(require_operator)
