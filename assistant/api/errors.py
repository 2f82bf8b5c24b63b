"""One place that turns every error into a status and one JSON body (never a traceback).

Body: ``{"error": {"code", "message", "field"?, "example"?}}``

ToolError (tools.errors)              -> by subclass:
    NotFoundError                         404 not_found
    ForbiddenError                        403 forbidden
    ConflictError                         409 conflict
    AnswerRejected                        422 rejected (with ``example`` when the tool gave one)
    any other ToolError                   400 bad_request
AssessmentError, ScoringError         -> 422 invalid_assessment / invalid_input
RequestValidationError                -> 422 invalid_request naming the first bad field
                                         (invalid_json, field "body", for unparsable JSON)
HTTPException (401, 404 route, 405 …) -> its status, same body (413 too_large: limits.py)
ApiError                              -> its own status and code (403 csrf_failed)
database down, locked or pool full    -> 503 unavailable (Retry-After: 1)
anything else                         -> 500 internal_error, logged (bad input never gets here)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from scoring import ScoringError
from tools import STORE_UNAVAILABLE
from tools.analysis.assessment import AssessmentError
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError, ToolError

logger = logging.getLogger("oiar.api")

_TOOL_ERRORS: tuple[tuple[type[ToolError], int, str], ...] = (
    (NotFoundError, 404, "not_found"),
    (ForbiddenError, 403, "forbidden"),
    (ConflictError, 409, "conflict"),
    (AnswerRejected, 422, "rejected"),
)
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}
# Tool messages start with the field they are about ("revenue: ...", "answers[2].value: ...").
_LEADING_FIELD = re.compile(r"^([A-Za-z_][\w.\[\]]*): ")


class ApiError(Exception):
    """An HTTP error with its own code (`csrf_failed`), where the status alone says too little."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_body(
    code: str, message: str, *, field: str | None = None, example: str | None = None
) -> dict[str, Any]:
    """The one error shape every response uses."""
    error: dict[str, Any] = {"code": code, "message": message}
    if field:
        error["field"] = field
    if example:
        error["example"] = example
    return {"error": error}


def _field_of(message: str) -> str | None:
    found = _LEADING_FIELD.match(message)
    return found.group(1) if found else None


def _tool_error(_: Request, exc: Exception) -> JSONResponse:
    message = str(exc)
    status, code = next(
        ((s, c) for kind, s, c in _TOOL_ERRORS if isinstance(exc, kind)), (400, "bad_request")
    )
    example = exc.example if isinstance(exc, AnswerRejected) else None
    return JSONResponse(
        error_body(code, message, field=_field_of(message), example=example), status_code=status
    )


def _scoring_error(_: Request, exc: Exception) -> JSONResponse:
    message = str(exc)
    code = "invalid_assessment" if isinstance(exc, AssessmentError) else "invalid_input"
    return JSONResponse(error_body(code, message, field=_field_of(message)), status_code=422)


def _location(loc: Sequence[Any]) -> str:
    # ("body", "answers", 2, "value") -> "answers[2].value"; ("path", "org_id") -> "org_id"
    parts = list(loc[1:]) if len(loc) > 1 else list(loc)
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "body"


def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if not errors:
        return JSONResponse(error_body("invalid_request", "invalid request"), status_code=422)
    first = errors[0]
    if first.get("type") == "json_invalid":
        detail = first.get("ctx", {}).get("error", "invalid JSON")
        return JSONResponse(
            error_body("invalid_json", f"body: invalid JSON ({detail})", field="body"),
            status_code=422,
        )
    field = _location(first.get("loc", ()))
    reason = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    message = f"{field}: {reason}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more)"
    return JSONResponse(error_body("invalid_request", message, field=field), status_code=422)


def _allowed_methods(request: Request) -> str:
    """Every method the path takes, from the published schema: FastAPI makes one route per
    method, and the route that refuses a method would name only its own. Where a literal path
    and a template both match (`/initiatives/ranked`, `/initiatives/{initiative}`), the one
    with fewer parameters is the resource meant."""
    matches: list[tuple[int, set[str]]] = []
    for template, operations in request.app.openapi()["paths"].items():
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            matches.append((template.count("{"), {method.upper() for method in operations}))
    fewest = min((params for params, _ in matches), default=0)
    methods = set().union(*(m for params, m in matches if params == fewest))
    return ", ".join(sorted(methods))


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "error")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return JSONResponse(
        error_body(code, str(exc.detail)), status_code=exc.status_code, headers=headers or None
    )


def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)


def _unavailable(_: Request, exc: Exception) -> JSONResponse:
    logger.error("database unavailable: %s", exc.__class__.__name__, exc_info=exc)
    body = error_body("unavailable", "the database is unavailable or busy; retry shortly")
    return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})


def _internal(_: Request, exc: Exception) -> JSONResponse:
    logger.error("unhandled error", exc_info=exc)
    body = error_body("internal_error", "internal error; the server log has the details")
    return JSONResponse(body, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on the app (the only place errors become HTTP statuses)."""
    app.add_exception_handler(ToolError, _tool_error)
    app.add_exception_handler(AssessmentError, _scoring_error)
    app.add_exception_handler(ScoringError, _scoring_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(ApiError, _api_error)
    for unavailable in STORE_UNAVAILABLE:
        app.add_exception_handler(unavailable, _unavailable)
    app.add_exception_handler(Exception, _internal)
