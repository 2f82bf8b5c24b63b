"""A real `chroma run` on an ephemeral loopback port, for the tests of server mode
(OIAR_CHROMA_URL): the knowledge index's and erasure's."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from chromadb.api import ServerAPI
from chromadb.api.shared_system_client import SharedSystemClient

START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _close_orphaned_sessions(before: set[str]) -> None:
    """Close what chromadb 1.5's HttpClient leaves behind.

    Each HttpClient registers one extra system (its tenant check's) that no client counts or
    releases, holding an open HTTP session until interpreter exit; its sockets would then be
    reported as unclosed. Production runs one client per process, so only tests see it.
    """
    for identifier in set(SharedSystemClient._identifier_to_system) - before:
        if identifier in SharedSystemClient._identifier_to_refcount:
            continue
        system = SharedSystemClient._identifier_to_system.pop(identifier)
        session = getattr(system.instance(ServerAPI), "_session", None)  # type: ignore[type-abstract]
        system.stop()
        if session is not None:
            session.close()


def chroma_binary() -> str | None:
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


@contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """The server's URL while it runs with its data in `folder`; skips when it cannot start."""
    binary = chroma_binary()
    if binary is None:
        pytest.skip("the chroma command is not installed")
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [binary, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    systems_before = set(SharedSystemClient._identifier_to_system)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"chroma run did not start; see {folder / 'server.log'}")
            time.sleep(0.2)
        yield url
    finally:
        _close_orphaned_sessions(systems_before)
        server.terminate()
        server.wait(timeout=10)
        log.close()
