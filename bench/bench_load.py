"""Load run: N concurrent clients doing interview turns for a fixed time. Prints figures.

Runs `oiar serve` (the real command, settings as a user gets them) on 127.0.0.1 only, on a
fresh SQLite file with 1 process, then on a fresh PostgreSQL schema with 1 and 2 processes
(`--workers 2`). Each client interviews one respondent after another, answering every
question with its own example; when an interview ends it creates the next respondent and key
over the API (two setup requests, not timed). Turns (an interview's start, each message) are
timed from request to decoded reply; any non-2xx or failed request is an error and the client
re-reads its interview to go on. Bounded: every phase stops at its time limit.

Targets (issue 16): 0 errors; turn p95 under 50 ms at 16 clients on one process; PostgreSQL
with 2 processes at least 1.6x the throughput of 1. The client runs on the same machine and
shares its cores with the server: the figures say how many.

Usage: python bench/bench_load.py [--clients 16] [--seconds 60] [--pg-url URL]
                                  [--only sqlite,pg1,pg2]
PostgreSQL: --pg-url, else OIAR_TEST_DATABASE_URL, else the local default.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import numpy as np
from bench_chat import DEFAULT_PG_URL, pg_schema, wait_ready
from rich.console import Console
from rich.table import Table

PROFILE = {"name": "Load Co", "revenue": 2e8, "operating_margin": 0.1, "headcount": 900}
ROLES = ("COO", "CFO", "CEO", "VP Operations", "CHRO", "CIO")
WARMUP_S = 3.0


@dataclass
class Tally:
    """What the clients of one phase saw."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    setup_requests: int = 0
    interviews: int = 0
    error_samples: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)


@dataclass
class Result:
    name: str
    processes: int
    clients: int
    wall: float
    tally: Tally
    server_cpu: float
    client_cpu: float

    @property
    def rate(self) -> float:
        return len(self.tally.latencies) / self.wall if self.wall else 0.0

    def percentile(self, q: float) -> float:
        if not self.tally.latencies:
            return float("nan")
        return float(np.percentile(np.array(self.tally.latencies) * 1_000, q))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _group_cpu(pid: int) -> float:
    """CPU seconds of every live process in the server's process group (workers included)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state is field 3, pgrp 5, utime 14, stime 15 (1-based, man proc).
        if int(fields[2]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


@contextmanager
def serve(database_url: str, data_dir: Path, workers: int) -> Iterator[tuple[str, int]]:
    """`oiar serve` on a free loopback port; (url, process group id). Killed on the way out."""
    port = _free_port()
    command = [sys.executable, "-m", "assistant", "serve", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    env = {**os.environ, "OIAR_DATABASE_URL": database_url, "OIAR_DATA_DIR": str(data_dir)}
    env.pop("OIAR_ADMIN_TOKEN", None)  # organizations are created from loopback
    # The bench measures what the server can carry; the per-key limit would cap it at 10 a second.
    env["OIAR_RATE_LIMIT_PER_MINUTE"] = "0"
    log = (data_dir.parent / f"server-{workers}.log").open("wb")
    server = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, [server])
        yield url, server.pid
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)
                server.wait()
        log.close()


class Session:
    """One client's keep-alive connection and the organization's admin key."""

    def __init__(self, http: aiohttp.ClientSession, org: str, admin_key: str) -> None:
        self.http = http
        self.org = org
        self.admin = {"Authorization": f"Bearer {admin_key}"}

    async def call(
        self, method: str, path: str, body: dict[str, Any] | None, headers: dict[str, str]
    ) -> tuple[int, Any]:
        async with self.http.request(method, path, json=body, headers=headers) as reply:
            return reply.status, await reply.json(content_type=None)

    async def new_person(self, tally: Tally, n: int) -> tuple[str, dict[str, str]]:
        body = {"name": f"Leader {n}", "role": ROLES[n % len(ROLES)]}
        status, person = await self.call(
            "POST", f"/v1/orgs/{self.org}/respondents", body, self.admin
        )
        if status != 201:
            msg = f"creating a respondent: HTTP {status}"
            raise RuntimeError(msg)
        key_body = {"role": "respondent", "respondent_id": person["id"]}
        status, key = await self.call("POST", f"/v1/orgs/{self.org}/keys", key_body, self.admin)
        if status != 201:
            msg = f"creating a key: HTTP {status}"
            raise RuntimeError(msg)
        tally.setup_requests += 2
        return person["id"], {"Authorization": f"Bearer {key['key']}"}


async def timed(
    session: Session, tally: Tally, path: str, body: dict[str, Any], key: dict[str, str]
) -> dict[str, Any] | None:
    """A timed turn: the reply, or None (counted as an error)."""
    begin = time.perf_counter()
    try:
        status, reply = await session.call("POST", path, body, key)
    except (aiohttp.ClientError, TimeoutError) as exc:
        tally.error(f"{path}: {exc.__class__.__name__}")
        return None
    if status not in (200, 201):
        tally.error(f"{path}: HTTP {status} {str(reply)[:120]}")
        return None
    tally.latencies.append(time.perf_counter() - begin)
    result: dict[str, Any] = reply
    return result


async def client(session: Session, tally: Tally, index: int, deadline: float) -> None:
    """Interview people one after another until the deadline."""
    n = index * 1_000_000
    while time.monotonic() < deadline:
        n += 1
        try:
            rid, key = await session.new_person(tally, n)
        except (RuntimeError, aiohttp.ClientError, TimeoutError) as exc:
            tally.error(f"setup: {exc}")
            await asyncio.sleep(0.1)
            continue
        path = f"/v1/orgs/{session.org}/interviews"
        turn = await timed(session, tally, path, {"respondent_id": rid}, key)
        if turn is None:
            continue
        tally.interviews += 1
        while not turn["done"] and time.monotonic() < deadline:
            path = f"/v1/interviews/{turn['interview_id']}/messages"
            reply = await timed(session, tally, path, {"text": turn["question"]["example"]}, key)
            if reply is None:
                # Go on from where the interview stands, as a real client would.
                status, state = await session.call(
                    "GET", f"/v1/interviews/{turn['interview_id']}", None, key
                )
                if status != 200 or state["question"] is None:
                    break
                turn = {**turn, "question": state["question"], "done": state["status"] == "done"}
                continue
            turn = reply


async def run_clients(
    url: str, pid: int, clients: int, seconds: float
) -> tuple[Tally, float, float]:
    """(what the clients saw, measured seconds, server CPU seconds over them)."""
    connector = aiohttp.TCPConnector(limit=clients + 1)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as http:
        async with http.post("/v1/orgs", json=PROFILE) as reply:
            created = await reply.json()
        org, admin_key = created["org"]["id"], created["key"]["key"]
        session = Session(http, org, admin_key)
        # Warm-up, not measured: the knowledge index's start-up warm-up (a question on a few
        # connections, so each process gets one) and a few seconds of turns.
        ask = {"text": "what is decision latency?"}
        await asyncio.gather(
            *(session.call("POST", f"/v1/orgs/{org}/ask", ask, session.admin) for _ in range(4))
        )
        warm = Tally()
        until = time.monotonic() + WARMUP_S
        await asyncio.gather(*(client(session, warm, 900 + i, until) for i in range(clients)))
        tally = Tally()
        cpu = _group_cpu(pid)
        begin = time.perf_counter()
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(client(session, tally, i, deadline) for i in range(clients)))
        return tally, time.perf_counter() - begin, _group_cpu(pid) - cpu


def run_phase(name: str, database_url: str, workers: int, clients: int, seconds: float) -> Result:
    with (
        tempfile.TemporaryDirectory() as tmp,
        serve(database_url, Path(tmp) / ".oiar", workers) as (url, pid),
    ):
        client_cpu = time.process_time()
        tally, wall, server_cpu = asyncio.run(run_clients(url, pid, clients, seconds))
        client_cpu = time.process_time() - client_cpu
    return Result(name, workers, clients, wall, tally, server_cpu, client_cpu)


def table(results: list[Result]) -> Table:
    out = Table(title="interview turns under load (127.0.0.1)")
    for column in (
        "backend",
        "procs",
        "clients",
        "turns",
        "turns/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "errors",
        "setup req",
        "client CPU s",
    ):
        out.add_column(column, justify="left" if column == "backend" else "right")
    for r in results:
        out.add_row(
            r.name,
            str(r.processes),
            str(r.clients),
            str(len(r.tally.latencies)),
            f"{r.rate:.1f}",
            f"{r.percentile(50):.1f}",
            f"{r.percentile(95):.1f}",
            f"{r.percentile(99):.1f}",
            f"{max(r.tally.latencies, default=0) * 1000:.1f}",
            str(r.tally.errors),
            str(r.tally.setup_requests),
            f"{r.client_cpu:.1f}",
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured time per phase")
    parser.add_argument("--pg-url", default=os.environ.get("OIAR_TEST_DATABASE_URL"))
    parser.add_argument("--only", default="sqlite,pg1,pg2", help="phases to run")
    args = parser.parse_args()
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 600:
        parser.error("--clients must be 1-256 and --seconds 1-600 (the run is bounded)")
    phases = set(args.only.split(","))
    console = Console(width=132)
    console.print(
        f"python {platform.python_version()} · {os.cpu_count()} CPUs · {platform.platform()}\n"
        f"client: aiohttp, {args.clients} clients in one process on the same machine "
        f"(sharing its {os.cpu_count()} cores with the server); {args.seconds:g} s per phase"
    )
    results: list[Result] = []
    if "sqlite" in phases:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{(Path(tmp) / 'load.db').as_posix()}"
            results.append(run_phase("sqlite", url, 1, args.clients, args.seconds))
    for workers in (1, 2):
        if f"pg{workers}" not in phases:
            continue
        with pg_schema(args.pg_url or DEFAULT_PG_URL) as pg_url:
            if pg_url is not None:
                name = "postgresql"
                results.append(run_phase(name, pg_url, workers, args.clients, args.seconds))
    console.print(table(results))
    for r in results:
        cpu = r.server_cpu / r.wall
        console.print(f"{r.name} x{r.processes}: server CPU {cpu:.2f} cores on average")
        for sample in r.tally.error_samples:
            console.print(f"  error: {sample}", markup=False)
    by_procs = {r.processes: r for r in results if r.name == "postgresql"}
    if 1 in by_procs and 2 in by_procs and by_procs[1].rate:
        console.print(
            f"postgresql 2 processes / 1: {by_procs[2].rate / by_procs[1].rate:.2f}x throughput"
        )


if __name__ == "__main__":
    main()
