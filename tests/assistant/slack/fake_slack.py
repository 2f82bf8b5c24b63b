"""A fake Slack Web API on 127.0.0.1: a real HTTP server in a thread that records every call
(method, token, arguments) and answers like Slack does, enough for Bolt and our listeners.

Point clients at `server.url` (`OIAR_SLACK_API_URL`); response_url posts go to
`server.response_url(name)` and are recorded as method `response_url`. Tests wait for calls
with `wait_for(method, where=..., timeout=...)`, never with sleeps.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DEFAULT_TIMEOUT_S = 10.0


@dataclass
class Call:
    method: str
    token: str | None
    args: dict[str, Any]
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class Team:
    id: str
    name: str
    bot_user_id: str = "UBOT"
    bot_id: str = "BBOT"
    enterprise_id: str | None = None


@dataclass
class FakeSlack:
    """State of the fake: workspaces by bot token, users, and the calls received."""

    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    oauth_grants: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    # Method -> Slack error code to answer it with (e.g. "not_in_channel").
    errors: dict[str, str] = field(default_factory=dict)
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def response_url(self, name: str = "cmd") -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/response/{name}"

    # -- what tests use ------------------------------------------------------------------

    def add_team(self, token: str, team: Team) -> None:
        self.teams[token] = team

    def add_user(self, user_id: str, name: str, **flags: Any) -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": name.lower().replace(" ", "."),
            "real_name": name,
            "profile": {
                "real_name": name,
                "display_name": name.split()[0],
                "title": flags.pop("title", ""),
            },
            **flags,
        }

    def of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda c: True,
        *,
        count: int = 1,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> list[Call]:
        """Block until `count` calls of `method` matching `where` arrived; return them."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and where(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    msg = f"no {count} x {method} within {timeout}s; calls so far: {seen}"
                    raise AssertionError(msg)
                self._cond.wait(left)

    async def until(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda c: True,
        *,
        count: int = 1,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> list[Call]:
        """`wait_for` from async code: the wait runs in a thread, so the app keeps working."""
        return await asyncio.to_thread(self.wait_for, method, where, count=count, timeout=timeout)

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    # -- the server ----------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if parts.path.startswith("/upload/"):  # files_upload_v2's step 2: the file's bytes
            self._record_upload(request, parts.path.removeprefix("/upload/"), raw)
            return
        args: dict[str, Any] = dict(parse_qsl(parts.query))
        if raw:
            if "json" in (request.headers.get("Content-Type") or ""):
                args.update(json.loads(raw))
            else:
                args.update(dict(parse_qsl(raw.decode())))
        # Form-encoded clients send these as JSON strings.
        for key in ("blocks", "view", "files"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        auth = request.headers.get("Authorization") or ""
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.get("token")
        if parts.path.startswith("/response/"):
            method = "response_url"
        else:
            method = parts.path.removeprefix("/api/")
        body = self._respond(method, token, args)
        with self._cond:
            self.calls.append(Call(method=method, token=token, args=args, response=body))
            self._cond.notify_all()
        data = json.dumps(body).encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _record_upload(self, request: BaseHTTPRequestHandler, file_id: str, raw: bytes) -> None:
        """Recorded as method `upload` with the file id and its bytes (args["content"])."""
        with self._cond:
            self.calls.append(
                Call(method="upload", token=None, args={"file_id": file_id, "content": raw})
            )
            self._cond.notify_all()
        data = b"OK - " + str(len(raw)).encode()
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _respond(self, method: str, token: str | None, args: dict[str, Any]) -> dict[str, Any]:
        team = self.teams.get(token or "")
        if method in self.errors:
            return {"ok": False, "error": self.errors[method]}
        if method == "auth.test":
            if team is None:
                return {"ok": False, "error": "invalid_auth"}
            return {
                "ok": True,
                "url": f"https://{team.id.lower()}.slack.com/",
                "team": team.name,
                "user": "oiar",
                "team_id": team.id,
                "user_id": team.bot_user_id,
                "bot_id": team.bot_id,
                "enterprise_id": team.enterprise_id,
                "is_enterprise_install": False,
            }
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            ts = args.get("ts") or f"1700000000.{next(self._ts):06d}"
            message = {"text": args.get("text"), "blocks": args.get("blocks"), "ts": ts}
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": message}
        if method in ("views.open", "views.publish", "views.update"):
            return {"ok": True, "view": {"id": "V0001", **(args.get("view") or {})}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{args.get('users')}"}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):06d}"
            assert self._server is not None
            port = self._server.server_address[1]
            return {
                "ok": True,
                "upload_url": f"http://127.0.0.1:{port}/upload/{file_id}",
                "file_id": file_id,
            }
        if method == "files.completeUploadExternal":
            files = [{"id": f["id"], "title": f.get("title")} for f in args.get("files") or []]
            return {"ok": True, "files": files}
        if method == "oauth.v2.access":
            grant = self.oauth_grants.get(str(args.get("code")))
            return grant or {"ok": False, "error": "invalid_code"}
        return {"ok": True}
