"""The browser's session: sign in with an API key, see who is signed in, sign out.

| route               | who                                                             |
|---------------------|-----------------------------------------------------------------|
| GET    /web/session | a live session cookie (console or invite): who, company, round  |
| POST   /web/session | anyone with a live API key: sets the cookie (12 hours)          |
| DELETE /web/session | the session itself (X-CSRF-Token): ends it, clears the cookie   |

The cookie is HttpOnly; a page reads `csrf_token` from GET /web/session, keeps it in memory
and sends it as `X-CSRF-Token` on every write.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.cookies import COOKIE, clear_session_cookie, set_session_cookie
from assistant.api.deps import SessionDep, SettingsDep, StoreDep, check_csrf
from assistant.api.offload import run_store_work
from assistant.api.responses import ErrorOut
from assistant.api.schemas import Text
from tools import web
from tools.web import SessionView

router = APIRouter(prefix="/web", tags=["web session"])

_NO_SESSION = "no live session: sign in with an API key, or open your invitation link"
_DOCS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No live session (or, signing in, a bad key)."},
    403: {"model": ErrorOut, "description": "A write without the session's X-CSRF-Token."},
    422: {"model": ErrorOut, "description": 'The body is not `{"key": "oiar_…"}`.'},
}


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"key": "oiar_…"}]})

    key: Annotated[Text, Field(min_length=1, max_length=200, description="An API key.")]


def _no_session() -> HTTPException:
    return HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail=_NO_SESSION)


async def live_session(grant: SessionDep) -> web.SessionGrant:
    if grant is None:
        raise _no_session()
    return grant


LiveSessionDep = Annotated[web.SessionGrant, Depends(live_session)]


async def _describe(store: StoreDep, grant: web.SessionGrant) -> SessionView:
    view = await run_store_work(store, True, web.describe, store, grant)
    if view is None:
        raise _no_session()
    return view


@router.get("/session", responses=_DOCS)
async def get_session(grant: LiveSessionDep, store: StoreDep, response: Response) -> SessionView:
    """Who this browser is signed in as, for which company and round, and the CSRF token its
    writes must send."""
    response.headers["Cache-Control"] = "no-store"
    return await _describe(store, grant)


@router.post("/session", responses=_DOCS)
async def sign_in(
    body: SignIn, request: Request, response: Response, store: StoreDep, settings: SettingsDep
) -> SessionView:
    """Sign in with an API key (any role): sets the session cookie for 12 hours."""
    signed = await run_store_work(
        store, True, web.sign_in, store, body.key, previous=request.cookies.get(COOKIE)
    )
    if signed is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED, detail="unknown or revoked API key"
        )
    grant, cookie = signed
    set_session_cookie(response, request, settings, cookie, grant.expires_at)
    response.headers["Cache-Control"] = "no-store"
    return await _describe(store, grant)


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT, responses=_DOCS)
async def sign_out(
    request: Request, grant: SessionDep, store: StoreDep, settings: SettingsDep
) -> Response:
    """Sign out: the session ends server-side and the cookie is cleared. A live session must
    send its X-CSRF-Token; a dead one is only cleared."""
    cookie = request.cookies.get(COOKIE, "")
    if grant is not None:
        check_csrf(request, grant)
        await run_store_work(store, True, web.sign_out, store, cookie)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(response, request, settings)
    return response
