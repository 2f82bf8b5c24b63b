"""Slack ack latency over real HTTP. Prints figures; asserts nothing.

Starts the API with Slack mounted (single workspace) on a real uvicorn (`BackgroundServer`,
127.0.0.1, ephemeral port) over a fresh SQLite file, with the fake Slack Web API of the tests
(a local HTTP server) standing in for slack.com. A separate process plays Slack (the fake
Web API, and the sender): rounds of 50
concurrent signed Events API requests (DM messages from 50 people: first contact, then
answers), each timed until its acknowledgement. Between rounds the bench waits until the
background work has posted every reply. Prints p50 / p99 / max; the target is p99 < 300 ms.

Usage: python bench/bench_slack.py [--concurrency 50] [--rounds 6]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "assistant" / "slack"))

from fake_slack import FakeSlack, Team  # noqa: E402
from slack_support import SECRET, event_body, signed_headers  # noqa: E402

TEAM = "TBENCH"
ANSWERS = ("about 15 a month", "3-5 days", "$8k a day", "don't know", "20%", "skip")


def _users(concurrency: int) -> list[str]:
    return [f"UB{n:04d}" for n in range(concurrency)]


def _dm(user: str, text: str, n: int) -> str:
    event = {
        "type": "message",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": f"1700000000.{n:06d}",
    }
    return json.dumps(event_body(TEAM, event))


# -- the Slack side: a separate process, so its work never shares the server's GIL -----------


async def _client_round(url: str, bodies: list[str]) -> list[float]:
    limits = httpx.Limits(max_connections=len(bodies), max_keepalive_connections=len(bodies))
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def send(body: str) -> float:
            headers = {"Content-Type": "application/json", **signed_headers(body)}
            start = time.perf_counter()
            response = await client.post("/slack/events", content=body, headers=headers)
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                msg = f"ack failed: {response.status_code} {response.text[:200]}"
                raise RuntimeError(msg)
            return elapsed

        return list(await asyncio.gather(*(send(b) for b in bodies)))


def client_main(concurrency: int) -> None:
    """Serve the fake Web API and print its URL; then read `<server url> <round> <text>` lines
    and answer each, once every reply of the round was posted, with its latencies (JSON)."""
    users = _users(concurrency)
    fake = FakeSlack().start()
    fake.add_team("xoxb-bench", Team(id=TEAM, name="Bench Co"))
    for user in users:
        fake.add_user(user, f"Person {user}")
    print(fake.url, flush=True)
    for line in sys.stdin:
        url, round_no, text = line.rstrip("\n").split(" ", 2)
        bodies = [_dm(u, text, int(round_no) * 1000 + i) for i, u in enumerate(users)]
        took = asyncio.run(_client_round(url, bodies))
        fake.wait_for("chat.postMessage", count=concurrency * (int(round_no) + 1), timeout=120)
        print(json.dumps(took), flush=True)
    fake.stop()


# -- the server side ---------------------------------------------------------------------------


def _percentile(ms: list[float], q: float) -> float:
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]


def server_main(concurrency: int, rounds: int) -> None:
    from assistant.api.app import create_app
    from assistant.api.server import BackgroundServer
    from assistant.config import Settings
    from tools.store import Store

    slack = subprocess.Popen(
        [sys.executable, __file__, "--client", "--concurrency", str(concurrency)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert slack.stdin is not None and slack.stdout is not None
    api_url = slack.stdout.readline().strip()
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/oiar.db")
        settings = Settings(
            _env_file=None,
            slack_signing_secret=SECRET,
            slack_bot_token="xoxb-bench",
            slack_api_url=api_url,
        )
        with BackgroundServer(create_app(settings, store=store)) as server:
            for round_no in range(rounds + 1):
                text = "hi" if round_no == 0 else ANSWERS[(round_no - 1) % len(ANSWERS)]
                slack.stdin.write(f"{server.url} {round_no} {text}\n")
                slack.stdin.flush()
                took = json.loads(slack.stdout.readline())
                if round_no > 0:  # round 0 warms up (first contact: users.info, respondents)
                    latencies.extend(took)
            slack.stdin.close()
            slack.wait(timeout=30)
        store.dispose()
    ms = sorted(x * 1000 for x in latencies)
    print(f"slack ack latency: {concurrency} concurrent signed events x {rounds} rounds, SQLite")
    print(
        f"  n={len(ms)}  p50={statistics.median(ms):.1f} ms  p99={_percentile(ms, 0.99):.1f} ms"
        f"  max={ms[-1]:.1f} ms  (target p99 < 300 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(args.concurrency)
    else:
        server_main(args.concurrency, args.rounds)


if __name__ == "__main__":
    main()
