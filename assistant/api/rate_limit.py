"""Per-key rate limit on the write and scoring routes: a token bucket per credential, 429 with
Retry-After when it is empty, before any handler (or the database) is touched.

A bucket is keyed by a hash of the bearer credential, else of the session cookie (a browser
session is its own credential), or by the client address when there is neither, so one
integration hammering the API slows only itself. Buckets live in the process:
behind N processes a key gets up to N times the rate, which still bounds it (the limit is
about fairness between clients, not billing). Reads of stored things are not limited; reads
that run the model (score, report, governance, trend, a campaign's summary, ranked
initiatives) are, like every write.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi.responses import JSONResponse
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.cookies import COOKIE
from assistant.api.errors import error_body

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# GET routes that score the organization on every call.
_SCORING_READ = re.compile(
    r"^/v1/orgs/[^/]+/(score|report|trend|governance(/[^/]+)?|initiatives/ranked"
    r"|campaigns/[^/]+/summary)/?$"
)
# Past this many buckets, full ones (clients idle for a whole refill) are dropped.
_PRUNE_AT = 10_000


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


def is_limited(method: str, path: str) -> bool:
    """Whether a request counts against its key's rate: writes and scoring reads under /v1."""
    if not path.startswith("/v1/"):
        return False
    return method in _WRITES or (method == "GET" and _SCORING_READ.match(path) is not None)


class RateLimit:
    """Pure ASGI middleware: `per_minute` requests a minute per key, bursts up to `burst`."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.rate = per_minute / 60.0
        self.burst = float(max(burst, 1))
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or self.rate <= 0
            or not is_limited(scope["method"], scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        wait = self._take(_client_key(scope))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        message = f"too many requests for this key: retry in {seconds} s"
        response = JSONResponse(
            error_body("rate_limited", message),
            status_code=429,
            headers={"Retry-After": str(seconds)},
        )
        await response(scope, receive, send)

    def _take(self, key: str) -> float:
        """Spend one token; 0 when there was one, else the seconds until there will be."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= _PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        refill = self.burst / self.rate
        idle = [k for k, b in self._buckets.items() if now - b.updated >= refill]
        for key in idle:
            del self._buckets[key]


def _client_key(scope: Scope) -> str:
    session = None
    for name, value in scope["headers"]:
        if name == b"authorization":
            # A digest, so no credential is kept in memory longer than the request.
            return "key:" + hashlib.sha256(value).hexdigest()[:32]
        if name == b"cookie" and session is None:
            session = cookie_parser(value.decode("latin-1")).get(COOKIE)
    if session:
        return "session:" + hashlib.sha256(session.encode()).hexdigest()[:32]
    client = scope.get("client")
    return f"addr:{client[0] if client else 'unknown'}"
