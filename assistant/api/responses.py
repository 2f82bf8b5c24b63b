"""Documented error responses for /docs: every route shares the one error body."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None
    example: str | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail


def _doc(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


_COMMON: dict[int | str, dict[str, Any]] = {
    400: _doc("The body could not be read as the declared content type."),
    422: _doc("A field is missing or invalid; `field` names it."),
    413: _doc("The body is over the size limit."),
    429: _doc("This key's rate on write and scoring routes is spent; see Retry-After."),
}
AUTHED: dict[int | str, dict[str, Any]] = {
    **_COMMON,
    401: _doc("Missing, unknown or revoked API key."),
    403: _doc("This key's role may not do that."),
    404: _doc("Not found, or of another organization."),
    409: _doc("Clashes with what is stored."),
}
OPERATOR: dict[int | str, dict[str, Any]] = {
    **_COMMON,
    401: _doc("OIAR_ADMIN_TOKEN is set and the bearer token is not it."),
    403: _doc("OIAR_ADMIN_TOKEN is unset and the client is not on loopback."),
}
