"""Against a real uvicorn on 127.0.0.1: a whole flow, and 20 interviews answered at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from api_support import bearer
from factories import make_workspace

from assistant.api.server import BackgroundServer
from tools import admin, analysis
from tools.store import Store

CLIENTS = 20
ANSWERS_EACH = 5
ROLES = ("COO", "CFO", "CEO", "VP Operations")


def test_live_server_serves_an_interview(live_server: BackgroundServer) -> None:
    with httpx.Client(base_url=live_server.url, timeout=10) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        profile = {"name": "Live Co", "revenue": 5e7, "operating_margin": 0.1, "headcount": 90}
        created = http.post("/v1/orgs", json=profile)  # we are on loopback, no token set
        assert created.status_code == 201, created.text
        org, key = created.json()["org"]["id"], bearer(created.json()["key"]["key"])
        person = http.post(f"/v1/orgs/{org}/respondents", json={"name": "Ana"}, headers=key)
        turn = http.post(
            f"/v1/orgs/{org}/interviews", json={"respondent_id": person.json()["id"]}, headers=key
        ).json()
        reply = http.post(
            f"/v1/interviews/{turn['interview_id']}/messages",
            json={"text": turn["question"]["example"]},
            headers=key,
        )
        assert reply.status_code == 200 and reply.json()["progress"]["answered"] == 1
        record = http.get(f"/v1/interviews/{turn['interview_id']}", headers=key).json()
        assert len(record["answers"]) == 1 and len(record["transcript"]) == 3
        assert http.get(f"/v1/orgs/{org}/score").status_code == 401


def _interview(
    url: str, org: str, key: str, respondent: str, start: threading.Barrier
) -> list[tuple[str, str]]:
    """One respondent's session; returns (question_id, text) of every answer the API accepted."""
    accepted: list[tuple[str, str]] = []
    with httpx.Client(base_url=url, headers=bearer(key), timeout=30) as http:
        start.wait()
        response = http.post(f"/v1/orgs/{org}/interviews", json={"respondent_id": respondent})
        assert response.status_code == 201, response.text
        turn = response.json()
        # The question's own example (numbers in plain words), and one answer it must re-ask.
        texts = [None, "banana"] + [None] * (ANSWERS_EACH - 1)
        for text in texts:
            question = turn["question"]
            said = text or question["example"]
            response = http.post(
                f"/v1/interviews/{turn['interview_id']}/messages", json={"text": said}
            )
            assert response.status_code == 200, response.text
            before, turn = turn["progress"]["answered"], response.json()
            if turn["progress"]["answered"] == before + 1:
                accepted.append((question["id"], said))
    return accepted


def test_concurrent_interviews_store_every_accepted_answer_exactly_once(
    store: Store, live_server: BackgroundServer
) -> None:
    org, _, caller = make_workspace(store)
    people = []
    for i in range(CLIENTS):
        person = admin.add_respondent(
            store, caller, org.id, name=f"Leader {i}", role=ROLES[i % len(ROLES)]
        )
        key = admin.create_key(store, caller, org.id, role="respondent", respondent_id=person.id)
        assert key.key is not None
        people.append((key.key, person.id))
    start = threading.Barrier(CLIENTS)
    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = {
            rid: pool.submit(_interview, live_server.url, org.id, key, rid, start)
            for key, rid in people
        }
        accepted = {rid: future.result(timeout=120) for rid, future in futures.items()}

    stored: dict[str, list[tuple[str, str]]] = {rid: [] for _, rid in people}
    for row in analysis.list_answers(store, caller, org.id):
        stored[row.respondent_id].append((row.question_id, row.raw_text))
    assert all(len(answers) == ANSWERS_EACH for answers in accepted.values())
    assert stored == accepted
