"""Request body limits, before any handler reads the body: over the size limit is a 413, JSON
nested deeper than any route needs is a 422, both in the usual error shape (FastAPI's own
answers are plain text, or a vague 400 once the parser has recursed too deep)."""

from __future__ import annotations

import re
from itertools import accumulate

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import error_body

# The largest body any route needs (an assessment with hundreds of answers) is well under this.
MAX_BODY_BYTES = 1_000_000
# The deepest body of any route (a what-if override's {low, likely, high} in a list) is 5.
MAX_JSON_DEPTH = 32

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)


def too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text nests arrays and objects deeper than `limit` (brackets inside
    strings do not count)."""
    marks = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    if len(marks) <= limit:  # too few brackets to nest that deep: the usual body stops here
        return False
    return max(accumulate(1 if mark in b"[{" else -1 for mark in marks)) > limit


class BodyLimit:
    """Pure ASGI middleware: reads the body up to `limit` bytes, then replays it to the app."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if _is_json(scope) and too_deep(body):
            message = f"body: JSON nested deeper than {MAX_JSON_DEPTH} levels"
            response = JSONResponse(
                error_body("invalid_json", message, field="body"), status_code=422
            )
            await response(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"the request body is over {self.limit:,} bytes"
        response = JSONResponse(error_body("too_large", message), status_code=413)
        await response(scope, receive, send)


def _is_json(scope: Scope) -> bool:
    content_type = dict(scope["headers"]).get(b"content-type", b"")
    return b"json" in content_type.lower()
