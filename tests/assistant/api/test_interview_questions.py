"""What the web chat's finished page reads and writes: the questions with their answers, and
changing one answer by its question's id, on a finished interview too."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from api_support import World, bearer

pytestmark = pytest.mark.anyio


async def _finished(client: httpx.AsyncClient, world: World) -> tuple[str, Any]:
    """Dana's interview with the first question answered and every other one skipped."""
    key = bearer(world.a.keys["respondent"])
    turn = (
        await client.post(
            f"/v1/orgs/{world.a.id}/interviews",
            json={"respondent_id": world.a.respondent},
            headers=key,
        )
    ).json()
    first = turn["question"]
    text = first["example"]
    while not turn["done"]:
        turn = (
            await client.post(
                f"/v1/interviews/{turn['interview_id']}/messages", json={"text": text}, headers=key
            )
        ).json()
        text = "skip"
    return turn["interview_id"], first


async def test_questions_list_each_with_its_current_answer(
    client: httpx.AsyncClient, world: World
) -> None:
    interview, first = await _finished(client, world)
    response = await client.get(
        f"/v1/interviews/{interview}/questions", headers=bearer(world.a.keys["respondent"])
    )
    assert response.status_code == 200, response.text
    rows = response.json()
    by_id = {row["question"]["id"]: row for row in rows}
    assert by_id[first["id"]]["status"] == "answer" and by_id[first["id"]]["display"]
    assert {row["status"] for row in rows if row["question"]["id"] != first["id"]} == {"skip"}
    assert {"text", "type", "choices", "example"} <= by_id[first["id"]]["question"].keys()


async def test_change_answer_on_a_finished_interview_records_it_and_stays_done(
    client: httpx.AsyncClient, world: World
) -> None:
    interview, _ = await _finished(client, world)
    key = bearer(world.a.keys["respondent"])
    rows = (await client.get(f"/v1/interviews/{interview}/questions", headers=key)).json()
    skipped = next(row["question"] for row in rows if row["status"] == "skip")
    response = await client.put(
        f"/v1/interviews/{interview}/answers/{skipped['id']}",
        json={"text": skipped["example"]},
        headers=key,
    )
    assert response.status_code == 200, response.text
    turn = response.json()
    assert turn["done"] is True and turn["reply"].startswith("Recorded")
    assert turn["progress"]["answered"] == 2
    rows = (await client.get(f"/v1/interviews/{interview}/questions", headers=key)).json()
    assert {row["question"]["id"]: row["status"] for row in rows}[skipped["id"]] == "answer"
    record = (await client.get(f"/v1/interviews/{interview}", headers=key)).json()
    assert record["status"] == "done"
    assert skipped["example"] in [a["raw_text"] for a in record["answers"]]


async def test_change_answer_that_cannot_be_read_is_refused_and_the_old_one_stays(
    client: httpx.AsyncClient, world: World
) -> None:
    interview, first = await _finished(client, world)
    key = bearer(world.a.keys["respondent"])
    url = f"/v1/interviews/{interview}/answers/{first['id']}"
    refused = await client.put(url, json={"text": "a purple number"}, headers=key)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "rejected"
    rows = (await client.get(f"/v1/interviews/{interview}/questions", headers=key)).json()
    assert {row["question"]["id"]: row["status"] for row in rows}[first["id"]] == "answer"


async def test_change_answer_of_a_question_not_asked_is_not_found(
    client: httpx.AsyncClient, world: World
) -> None:
    interview, _ = await _finished(client, world)
    response = await client.put(
        f"/v1/interviews/{interview}/answers/no_such_question",
        json={"text": "3"},
        headers=bearer(world.a.keys["respondent"]),
    )
    assert response.status_code == 404
