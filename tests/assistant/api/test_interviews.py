"""Interviews over HTTP: start, answer, re-ask, read back; the answers export with history."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest
from api_support import World, bearer

from assistant.api.exports import COLUMNS

pytestmark = pytest.mark.anyio


async def _start(client: httpx.AsyncClient, world: World, role: str = "respondent") -> Any:
    response = await client.post(
        f"/v1/orgs/{world.a.id}/interviews",
        json={"respondent_id": world.a.respondent},
        headers=bearer(world.a.keys[role]),
    )
    assert response.status_code == 201, response.text
    return response.json()


async def _say(client: httpx.AsyncClient, world: World, interview: str, text: str) -> Any:
    response = await client.post(
        f"/v1/interviews/{interview}/messages",
        json={"text": text},
        headers=bearer(world.a.keys["respondent"]),
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_start_returns_welcome_and_first_question(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    assert turn["interview_id"].startswith("itv_") and turn["reply"]
    question = turn["question"]
    assert {"id", "text", "type", "choices", "example"} <= question.keys()
    assert turn["progress"] == {"answered": 0, "skipped": 0, "total": question["total"]}
    assert turn["done"] is False


async def test_answer_is_recorded_and_next_question_follows(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    first = turn["question"]
    turn = await _say(client, world, turn["interview_id"], first["example"])
    assert "Recorded:" in turn["reply"]
    assert turn["progress"]["answered"] == 1
    assert turn["question"]["id"] != first["id"]


async def test_unreadable_answer_is_reasked_with_example(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    again = await _say(client, world, turn["interview_id"], "a purple number")
    assert again["progress"]["answered"] == 0
    assert again["question"]["id"] == turn["question"]["id"]
    assert turn["question"]["example"] in again["reply"]


async def test_interview_runs_to_done_with_examples(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    total = turn["progress"]["total"]
    for _ in range(total):
        turn = await _say(client, world, turn["interview_id"], turn["question"]["example"])
        if turn["done"]:
            break
    assert turn["done"] is True and turn["question"] is None
    assert turn["progress"]["answered"] == total


async def test_get_interview_has_transcript_and_current_answers(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    interview, example = turn["interview_id"], turn["question"]["example"]
    await _say(client, world, interview, example)
    await _say(client, world, interview, "back")
    await _say(client, world, interview, example)  # the same answer again: one current answer
    response = await client.get(
        f"/v1/interviews/{interview}", headers=bearer(world.a.keys["respondent"])
    )
    assert response.status_code == 200
    record = response.json()
    assert record["status"] == "active" and record["respondent_id"] == world.a.respondent
    senders = [m["sender"] for m in record["transcript"]]
    assert senders == ["assistant"] + ["respondent", "assistant"] * 3
    assert record["transcript"][1]["text"] == example
    assert [a["raw_text"] for a in record["answers"]] == [example]
    assert record["progress"]["answered"] == 1 and record["question"]["number"] == 2


async def test_answers_json_keeps_history_and_current_only_on_request(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    interview = turn["interview_id"]
    await _say(client, world, interview, "about 15 a month")
    await _say(client, world, interview, "change my answer to 20 a month")
    url, headers = f"/v1/orgs/{world.a.id}/answers", bearer(world.a.keys["facilitator"])
    history = (await client.get(url, headers=headers)).json()
    assert [row["raw_text"] for row in history][:1] == ["about 15 a month"]
    assert len(history) == 2 and history[0]["question_id"] == history[1]["question_id"]
    current = (await client.get(url, params={"history": "false"}, headers=headers)).json()
    assert len(current) == 1 and current[0]["value"]["likely"] == 20


async def test_answers_csv_has_header_and_one_row_per_event(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    # A spreadsheet would run this as a formula: the export keeps it as text.
    await _say(client, world, turn["interview_id"], "=15 a month")
    response = await client.get(
        f"/v1/orgs/{world.a.id}/answers",
        params={"format": "csv"},
        headers=bearer(world.a.keys["admin"]),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(body) == 1 and body[0]["respondent"] == "Dana Ruiz"
    assert body[0]["raw_text"] == "'=15 a month" and float(body[0]["likely"]) == 15


async def test_an_implausible_answer_asks_for_a_yes_before_it_counts(
    client: httpx.AsyncClient, world: World
) -> None:
    turn = await _start(client, world)
    assert turn["question"]["id"] == "lb_escalated_decisions"

    held = await _say(client, world, turn["interview_id"], "3000")
    assert "That prices decision latency at" in held["reply"]
    assert held["progress"]["answered"] == 0
    assert held["question"]["id"] == "lb_escalated_decisions"

    kept = await _say(client, world, turn["interview_id"], "yes")
    assert kept["reply"].startswith("Recorded: 3,000 a month")
    assert kept["progress"]["answered"] == 1
