"""Real `oiar serve` processes for tests: started on a free loopback port, killed for sure.

`Servers` starts each server in its own process group, so a SIGKILL reaches uvicorn's
workers too, and `close` (the fixture's teardown) kills whatever is still running even when
the test failed. Each server's log goes to a file the test can read.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

STARTUP_TIMEOUT_S = 30.0
PROFILE = {"name": "Process Co", "revenue": 2e8, "operating_margin": 0.1, "headcount": 900}


def free_port() -> int:
    """A port the kernel just handed out on 127.0.0.1 (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """One `oiar serve` process (and its workers, if any)."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group: no shutdown hook runs, as in a crash."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Ask for a clean shutdown (SIGTERM), then kill what is left after 10 s."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                msg = f"oiar serve exited with {self.process.returncode}:\n{self.log_text()}"
                raise RuntimeError(msg)
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        msg = f"oiar serve did not answer /healthz in {STARTUP_TIMEOUT_S:g} s:\n{self.log_text()}"
        raise TimeoutError(msg)


@dataclass
class Servers:
    """Starts servers in `workdir` with extra environment; `close` ends every one."""

    workdir: Path
    started: list[Server] = field(default_factory=list)

    def start(self, env: dict[str, str], *, workers: int = 1, wait: bool = True) -> Server:
        port = free_port()
        log = self.workdir / f"server-{len(self.started)}-{port}.log"
        command = [sys.executable, "-m", "assistant", "serve", "--port", str(port)]
        if workers > 1:
            command += ["--workers", str(workers)]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                env={**os.environ, **env},
                cwd=self.workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(process, port, log)
        self.started.append(server)
        if wait:
            server.wait_ready()
        return server

    def close(self) -> None:
        for server in self.started:
            server.kill()


@dataclass(frozen=True)
class People:
    """An organization created over the API, with respondents and their keys."""

    org_id: str
    admin_key: str
    respondents: list[tuple[str, str]]  # (respondent id, respondent key)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def create_people(url: str, count: int, *, role: str = "COO") -> People:
    """An organization (from loopback: no operator token needed) and `count` respondents of
    one role, so every interview asks the same questions in the same order."""
    with httpx.Client(base_url=url, timeout=30) as http:
        created = http.post("/v1/orgs", json=PROFILE).raise_for_status().json()
        org, admin_key = created["org"]["id"], created["key"]["key"]
        http.headers.update(bearer(admin_key))
        people = []
        for i in range(count):
            body = {"name": f"Leader {i}", "role": role}
            rid = http.post(f"/v1/orgs/{org}/respondents", json=body).raise_for_status()
            person = rid.json()["id"]
            key = http.post(
                f"/v1/orgs/{org}/keys", json={"role": "respondent", "respondent_id": person}
            ).raise_for_status()
            people.append((person, key.json()["key"]))
    return People(org, admin_key, people)
