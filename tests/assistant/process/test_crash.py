"""A server killed with SIGKILL in the middle of 20 concurrent interviews loses no
acknowledged answer, stores none twice, and every interview resumes where it stood."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from process_support import People, Server, Servers, bearer, create_people

CLIENTS = 20
# Acknowledged answers (all clients together) before the kill: about a quarter of the load,
# so every interview is mid-way when the server dies.
KILL_AFTER = 120


@dataclass
class Client:
    """One respondent's interview as its client saw it."""

    respondent_id: str
    key: str
    interview_id: str = ""
    question: dict[str, Any] | None = None
    acked: list[str] = field(default_factory=list)  # question ids answered with a 2xx
    in_flight: str | None = None  # the question whose answer got no reply
    after: list[str] = field(default_factory=list)  # answered after the restart
    done: bool = False


class Killer:
    """Counts acknowledged answers and kills the server at the `KILL_AFTER`th."""

    def __init__(self, server: Server | None) -> None:
        self.server = server
        self.acked = 0

    def ack(self) -> None:
        self.acked += 1
        if self.server is not None and self.acked == KILL_AFTER:
            self.server.kill()


async def answer(http: httpx.AsyncClient, client: Client, log: list[str], killer: Killer) -> None:
    """Answer the open question with its example until done, or until a request fails."""
    while not client.done and client.question is not None:
        question = client.question["id"]
        try:
            reply = await http.post(
                f"/v1/interviews/{client.interview_id}/messages",
                json={"text": client.question["example"]},
                headers=bearer(client.key),
            )
        except httpx.TransportError:
            client.in_flight = question
            return
        if reply.status_code != 200:
            client.in_flight = question
            return
        turn = reply.json()
        log.append(question)
        killer.ack()
        client.question, client.done = turn["question"], turn["done"]


async def start_all(url: str, people: People) -> list[Client]:
    clients = [Client(rid, key) for rid, key in people.respondents]
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        for client in clients:
            reply = await http.post(
                f"/v1/orgs/{people.org_id}/interviews",
                json={"respondent_id": client.respondent_id},
                headers=bearer(client.key),
            )
            turn = reply.raise_for_status().json()
            client.interview_id, client.question = turn["interview_id"], turn["question"]
    return clients


async def run_all(url: str, clients: list[Client], *, kill: Server | None, after: bool) -> None:
    killer = Killer(kill)
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as http:
        await asyncio.gather(
            *(answer(http, c, c.after if after else c.acked, killer) for c in clients)
        )


def stored_events(url: str, people: People) -> Counter[tuple[str, str]]:
    """Every answer event ever stored, counted by (respondent, question)."""
    rows = httpx.get(
        f"{url}/v1/orgs/{people.org_id}/answers",
        params={"history": "true"},
        headers=bearer(people.admin_key),
        timeout=30,
    )
    return Counter((r["respondent_id"], r["question_id"]) for r in rows.raise_for_status().json())


def open_question(url: str, client: Client) -> dict[str, Any] | None:
    reply = httpx.get(
        f"{url}/v1/interviews/{client.interview_id}", headers=bearer(client.key), timeout=30
    )
    question: dict[str, Any] | None = reply.raise_for_status().json()["question"]
    return question


def test_sigkill_mid_load_keeps_every_acknowledged_answer_once(
    servers: Servers, database_url: str
) -> None:
    env = {"OIAR_DATABASE_URL": database_url}
    first = servers.start(env)
    people = create_people(first.url, CLIENTS)
    clients = asyncio.run(start_all(first.url, people))

    asyncio.run(run_all(first.url, clients, kill=first, after=False))
    assert first.process.poll() is not None, "the load ended before the kill"
    assert all(c.in_flight for c in clients), "an interview was not mid-way at the kill"

    second = servers.start(env)
    events = stored_events(second.url, people)
    assert max(events.values()) == 1, "an answer was stored twice"
    for client in clients:
        mine = {q for (rid, q) in events if rid == client.respondent_id}
        assert set(client.acked) <= mine, "an acknowledged answer is missing"
        assert mine - set(client.acked) <= {client.in_flight}, "an answer nobody sent is stored"
        # The question whose answer died with the server is asked again, unless it committed.
        resumed = open_question(second.url, client)
        assert resumed is not None
        if client.in_flight not in mine:
            assert resumed["id"] == client.in_flight
        assert resumed["id"] not in mine
        if client.in_flight in mine:
            client.acked.append(client.in_flight)
        client.question = resumed

    asyncio.run(run_all(second.url, clients, kill=None, after=True))

    # Same role, same example answers: every interview asks the same questions in the same
    # order, so one resumed at the wrong question would show a different sequence.
    sequences = {tuple(c.acked + c.after) for c in clients}
    assert len(sequences) == 1
    assert all(c.done for c in clients)
    final = stored_events(second.url, people)
    assert max(final.values()) == 1
    assert len(final) == CLIENTS * len(sequences.pop())
