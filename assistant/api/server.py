"""Serve an app with uvicorn on a loopback ephemeral port, in a background thread.

For tests and benchmarks that need real HTTP: `with BackgroundServer(app) as server:` then
talk to `server.url`; leaving the block shuts the server down and joins its thread.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

STARTUP_TIMEOUT_S = 15.0


class BackgroundServer:
    """uvicorn in a daemon thread, bound before start so the port is known and never raced."""

    def __init__(
        self, app: ASGIApp, *, host: str = "127.0.0.1", log_level: str = "warning"
    ) -> None:
        self.host = host
        # proto=IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections only when
        # the proto says TCP; without it every response waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, 0))
        self.port: int = self._socket.getsockname()[1]
        config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Start serving; returns once the app's startup has run (or raises)."""
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive():
                msg = "the server stopped during startup; see its log"
                raise RuntimeError(msg)
            if time.monotonic() > deadline:
                self.stop()
                msg = f"the server did not start within {STARTUP_TIMEOUT_S:g} s"
                raise TimeoutError(msg)
            time.sleep(0.01)

    def stop(self) -> None:
        """Ask the server to finish its requests and exit; wait for its thread."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=STARTUP_TIMEOUT_S)
        self._socket.close()

    def __enter__(self) -> BackgroundServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
