"""Chat turn latency over real HTTP. Prints figures; asserts nothing.

Starts the API (uvicorn, `create_app`) in its own process(es) on 127.0.0.1 and an ephemeral
port (an inherited socket, so no port race), on a fresh SQLite file and, when reachable, a fresh
PostgreSQL schema. Creates an organization and respondents over the API, then runs interviews
with 1 and 16 concurrent clients, each answering every question with its own example, and
prints turn latency p50/p95/max and turns per second. Each phase stops at its turn quota or its
time limit, whichever comes first.

Usage: python bench/bench_chat.py [--clients 1,16] [--turns 400] [--seconds 20] [--workers 1]
                                  [--pg-url URL] [--client aiohttp|httpx]
PostgreSQL: --pg-url, else OIAR_TEST_DATABASE_URL, else the local default below.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from tools.store import Store

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ROLES = ("COO", "CFO", "CEO", "VP Operations", "CHRO", "CIO")
STARTUP_TIMEOUT_S = 30.0
OPERATOR_TOKEN = secrets.token_urlsafe(24)
WARMUP_TURNS = 20


@dataclass
class Phase:
    backend: str
    clients: int
    latencies: list[float]
    wall: float
    client_cpu: float  # seconds of the client process's CPU over the phase

    def row(self) -> str:
        ms = sorted(x * 1_000 for x in self.latencies)
        if not ms:
            return f"{self.backend:<11}{self.clients:>8}{0:>8}   (no turns)"
        p50 = statistics.median(ms)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        rate = len(ms) / self.wall
        return (
            f"{self.backend:<11}{self.clients:>8}{len(ms):>8}{p50:>10.1f}{p95:>10.1f}"
            f"{ms[-1]:>10.1f}{rate:>11.1f}{1_000 * self.client_cpu / len(ms):>13.2f}"
        )


HEADER = (
    f"{'backend':<11}{'clients':>8}{'turns':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}"
    f"{'turns/s':>11}{'client ms/t':>13}"
)


@contextmanager
def serve(database_url: str, workers: int = 1) -> Iterator[str]:
    """The API in `workers` child processes sharing one inherited loopback socket."""
    # proto=IPPROTO_TCP: asyncio then sets TCP_NODELAY on accepted connections (with proto 0,
    # or uvicorn's --fd, it does not, and every response waits ~40 ms for a delayed ACK).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    Store.open(database_url).dispose()  # migrate once, so workers never race to create tables
    env = {**os.environ, "OIAR_DATABASE_URL": database_url, "OIAR_ADMIN_TOKEN": OPERATOR_TOKEN}
    command = [sys.executable, __file__, "--serve-fd", str(sock.fileno())]
    servers = [subprocess.Popen(command, env=env, pass_fds=[sock.fileno()]) for _ in range(workers)]
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, servers)
        yield url
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        sock.close()


def run_server(fd: int) -> None:
    """The child: uvicorn serving `create_app()` (settings from the environment) on `fd`."""
    import uvicorn

    sock = socket.socket(fileno=fd)
    config = uvicorn.Config(
        "assistant.api.app:create_app", factory=True, log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])


def wait_ready(url: str, servers: list[subprocess.Popen[bytes]]) -> None:
    """Return once /healthz answers; raise if a server exits or the timeout passes."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        for server in servers:
            if server.poll() is not None:
                msg = f"a server exited during startup (code {server.returncode})"
                raise RuntimeError(msg)
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    msg = f"the server did not answer /healthz within {STARTUP_TIMEOUT_S:g} s"
    raise TimeoutError(msg)


def setup_org(url: str, respondents: int) -> tuple[str, list[tuple[str, str]]]:
    """An organization and `respondents` people with respondent keys: (org id, [(key, id)])."""
    profile = {"name": "Bench Co", "revenue": 2e8, "operating_margin": 0.1, "headcount": 900}
    with httpx.Client(base_url=url, timeout=30) as http:
        operator = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}
        created = http.post("/v1/orgs", json=profile, headers=operator).raise_for_status().json()
        org = created["org"]["id"]
        http.headers["Authorization"] = f"Bearer {created['key']['key']}"
        people = []
        for i in range(respondents):
            body = {"name": f"Leader {i}", "role": ROLES[i % len(ROLES)]}
            person = http.post(f"/v1/orgs/{org}/respondents", json=body).raise_for_status()
            rid = person.json()["id"]
            key = http.post(
                f"/v1/orgs/{org}/keys", json={"role": "respondent", "respondent_id": rid}
            ).raise_for_status()
            people.append((key.json()["key"], rid))
        # A knowledge question waits for the server's start-up warm-up (index open, model
        # loaded), which would otherwise land in the measured phase as seconds of CPU.
        http.post(f"/v1/orgs/{org}/ask", json={"text": "what is decision latency?"}, timeout=120)
    return org, people


class Poster:
    """POSTs JSON over keep-alive connections and returns the decoded reply.

    aiohttp by default: the client shares this machine's two cores with the server, and
    aiohttp's C parser spends about a third of httpx's CPU per request (measured 0.25 against
    0.71 ms a turn), CPU that would otherwise be taken from the server and counted as its
    latency. `--client httpx` measures with httpx instead.
    """

    def __init__(self, url: str, clients: int, kind: str) -> None:
        self.url = url
        self.kind = kind
        self.clients = clients

    async def __aenter__(self) -> Poster:
        if self.kind == "httpx":
            limits = httpx.Limits(
                max_connections=self.clients, max_keepalive_connections=self.clients
            )
            self._httpx = httpx.AsyncClient(base_url=self.url, timeout=30, limits=limits)
        else:
            connector = aiohttp.TCPConnector(limit=self.clients)
            timeout = aiohttp.ClientTimeout(total=30)
            self._aiohttp = aiohttp.ClientSession(self.url, connector=connector, timeout=timeout)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.kind == "httpx":
            await self._httpx.aclose()
        else:
            await self._aiohttp.close()

    async def post(self, path: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {key}"}
        if self.kind == "httpx":
            response = await self._httpx.post(path, json=body, headers=headers)
            reply: dict[str, Any] = response.raise_for_status().json()
            return reply
        async with self._aiohttp.post(path, json=body, headers=headers) as answer:
            answer.raise_for_status()
            decoded: dict[str, Any] = await answer.json()
            return decoded


async def client(
    http: Poster,
    org: str,
    people: list[tuple[str, str]],
    *,
    quota: int,
    deadline: float,
) -> list[float]:
    """Interview people one after another until `quota` turns or the deadline; turn latencies."""
    latencies: list[float] = []
    for key, rid in people:
        turn = await http.post(f"/v1/orgs/{org}/interviews", {"respondent_id": rid}, key)
        while not turn["done"]:
            if len(latencies) >= quota or time.monotonic() > deadline:
                return latencies
            begin = time.perf_counter()
            turn = await http.post(
                f"/v1/interviews/{turn['interview_id']}/messages",
                {"text": turn["question"]["example"]},
                key,
            )
            latencies.append(time.perf_counter() - begin)
    return latencies


async def run_phase(
    url: str,
    org: str,
    people: list[tuple[str, str]],
    clients: int,
    turns: int,
    seconds: float,
    kind: str,
) -> tuple[list[float], float]:
    quota = max(1, turns // clients)
    share = len(people) // clients
    async with Poster(url, clients, kind) as http:
        # Warm up the server (imports, caches, connection pool) outside the measurement.
        await client(http, org, people[-1:], quota=WARMUP_TURNS, deadline=time.monotonic() + 10)
        begin = time.perf_counter()
        deadline = time.monotonic() + seconds
        results = await asyncio.gather(
            *(
                client(http, org, people[i * share : (i + 1) * share], quota=quota,
                       deadline=deadline)
                for i in range(clients)
            )
        )  # fmt: skip
        wall = time.perf_counter() - begin
    return [x for r in results for x in r], wall


def bench_backend(
    backend: str,
    database_url: str,
    clients: list[int],
    *,
    turns: int,
    seconds: float,
    workers: int,
    client_kind: str,
) -> list[Phase]:
    phases = []
    with serve(database_url, workers) as url:
        for n in clients:
            # About 24 questions per interview: enough people that no client runs out.
            org, people = setup_org(url, n * (turns // max(1, n) // 15 + 2) + 1)
            cpu = time.process_time()
            latencies, wall = asyncio.run(
                run_phase(url, org, people, n, turns, seconds, client_kind)
            )
            phases.append(Phase(backend, n, latencies, wall, time.process_time() - cpu))
            print(phases[-1].row(), flush=True)
    return phases


@contextmanager
def pg_schema(base: str) -> Iterator[str | None]:
    """A fresh schema on the server at `base` (dropped afterwards), or None if unreachable."""
    schema = f"oiar_bench_{secrets.token_hex(4)}"
    try:
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except SQLAlchemyError as exc:
        print(f"PostgreSQL at {base} unreachable ({exc.__class__.__name__}): skipped")
        yield None
        return
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,16", help="comma-separated client counts")
    parser.add_argument("--turns", type=int, default=400, help="turns per phase")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per phase")
    parser.add_argument("--pg-url", default=os.environ.get("OIAR_TEST_DATABASE_URL"))
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--client", choices=("aiohttp", "httpx"), default="aiohttp", help="HTTP client library"
    )
    parser.add_argument("--serve-fd", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fd is not None:
        run_server(args.serve_fd)
        return
    clients = [int(c) for c in args.clients.split(",")]
    options = {
        "turns": args.turns,
        "seconds": args.seconds,
        "workers": args.workers,
        "client_kind": args.client,
    }
    print(f"python {platform.python_version()} · {os.cpu_count()} CPUs · {platform.platform()}")
    print(
        f"server: {args.workers} uvicorn process(es) on 127.0.0.1; "
        f"client: {args.client}, one process"
    )
    print(HEADER)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{(Path(tmp) / 'bench.db').as_posix()}"
        bench_backend("sqlite", sqlite_url, clients, **options)
    with pg_schema(args.pg_url or DEFAULT_PG_URL) as pg_url:
        if pg_url is not None:
            bench_backend("postgresql", pg_url, clients, **options)


if __name__ == "__main__":
    main()
