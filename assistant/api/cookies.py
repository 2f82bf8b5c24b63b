"""The session cookie: its name, its flags, and the CSRF header every cookie write must send.

`oiar_session` is HttpOnly (no script reads it), SameSite=Lax (other sites' forms and fetches
do not carry it), Path=/, and Secure whenever the request came over https (its own scheme or
the proxy's X-Forwarded-Proto) or OIAR_COOKIE_SECURE is set.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import Request, Response

from assistant.config import Settings

COOKIE = "oiar_session"
CSRF_HEADER = "X-CSRF-Token"


def is_secure(request: Request, settings: Settings) -> bool:
    """Whether the cookie gets `Secure`: https by scheme or by the proxy's header, or forced."""
    if settings.cookie_secure or request.url.scheme == "https":
        return True
    forwarded = request.headers.get("x-forwarded-proto", "")
    return forwarded.split(",")[0].strip().lower() == "https"


def set_session_cookie(
    response: Response, request: Request, settings: Settings, value: str, expires_at: datetime
) -> None:
    """Set the cookie to live exactly as long as its session."""
    expires = expires_at.replace(tzinfo=UTC) if expires_at.tzinfo is None else expires_at
    max_age = max(0, int((expires - datetime.now(UTC)).total_seconds()))
    response.set_cookie(
        COOKIE,
        value,
        max_age=max_age,
        path="/",
        secure=is_secure(request, settings),
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, request: Request, settings: Settings) -> None:
    response.delete_cookie(
        COOKIE, path="/", secure=is_secure(request, settings), httponly=True, samesite="lax"
    )
