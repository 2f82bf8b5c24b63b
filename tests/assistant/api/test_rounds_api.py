"""Two quarterly rounds over HTTP: frozen snapshots, the trend between them, the sprint plan."""

from __future__ import annotations

import io
import re
from typing import Any

import httpx
import pandas as pd
import pytest
from api_support import World, bearer

from knowledge import load_instrument
from scoring import ScoreResult, ScoringInput, score
from scoring.drivers import DRIVERS_BY_KEY, INPUT_DOMAINS, drivers_moved_by
from tools.store import rounds as rounds_store

pytestmark = pytest.mark.anyio

# Halved in the second round: every quantity answer behind these two domains.
HALVED = ("leadership_bandwidth", "training_roi")


def _halve(example: str) -> str:
    number = re.search(r"\d[\d,]*(?:\.\d+)?", example)
    assert number is not None, example
    value = float(number.group().replace(",", "")) / 2
    return example[: number.start()] + f"{value:g}" + example[number.end() :]


async def _interview(
    client: httpx.AsyncClient, world: World, *, halve: frozenset[str] = frozenset()
) -> set[str]:
    """Dana answers every question she is asked with its example (halved where asked);
    returns the inputs she halved."""
    by_id = load_instrument().by_id
    start = await client.post(
        f"/v1/orgs/{world.a.id}/interviews",
        json={"respondent_id": world.a.respondent},
        headers=bearer(world.a.keys["respondent"]),
    )
    assert start.status_code == 201, start.text
    turn: dict[str, Any] = start.json()
    halved: set[str] = set()
    while turn["question"] is not None:
        question = by_id[turn["question"]["id"]]
        text = turn["question"]["example"]
        if question.type in ("number", "range", "currency", "percent") or question.type not in (
            "scale",
            "choice",
            "yes_no",
        ):
            own = set(INPUT_DOMAINS[question.feeds])
            if own & halve and not own - halve and question.worse_when == "higher":
                text = _halve(text)
                halved.add(question.feeds)
        reply = await client.post(
            f"/v1/interviews/{turn['interview_id']}/messages",
            json={"text": text},
            headers=bearer(world.a.keys["respondent"]),
        )
        assert reply.status_code == 200, reply.text
        turn = {**reply.json(), "interview_id": turn["interview_id"]}
    return halved


async def _round(client: httpx.AsyncClient, world: World, label: str) -> str:
    opened = await client.post(
        f"/v1/orgs/{world.a.id}/rounds",
        json={"label": label},
        headers=bearer(world.a.keys["facilitator"]),
    )
    assert opened.status_code == 201, opened.text
    assert opened.json()["status"] == "open"
    return str(opened.json()["id"])


async def _close(client: httpx.AsyncClient, world: World, round_id: str) -> dict[str, Any]:
    closed = await client.post(
        f"/v1/orgs/{world.a.id}/rounds/{round_id}/close",
        headers=bearer(world.a.keys["facilitator"]),
    )
    assert closed.status_code == 200, closed.text
    body: dict[str, Any] = closed.json()
    return body


async def test_two_rounds_freeze_compare_and_plan(client: httpx.AsyncClient, world: World) -> None:
    org, facilitator = world.a.id, bearer(world.a.keys["facilitator"])
    first = await _round(client, world, "2027-Q1")
    await _interview(client, world)
    q1 = await _close(client, world, first)
    frozen_q1 = q1["result"]

    second = await _round(client, world, "2027-Q2")
    halved = await _interview(client, world, halve=frozenset(HALVED))
    assert halved, "the second round halves some answers"
    q2 = await _close(client, world, second)

    # Frozen: the first round's figures did not move when the second round's answers came in,
    # and re-scoring its stored input gives its stored JSON byte for byte.
    again = (await client.get(f"/v1/orgs/{org}/rounds/{first}", headers=facilitator)).json()
    assert again["result"] == frozen_q1
    with world.store.read() as session:
        row = rounds_store.get_round(session, org, first)
        assert row is not None and row.input_json is not None and row.result_json is not None
        rescored = score(ScoringInput.model_validate_json(row.input_json))
        assert rescored.model_dump_json() == row.result_json
        assert row.input_sha256 == rescored.input_sha256 and row.draws == rescored.draws

    trend = await client.get(f"/v1/orgs/{org}/trend", headers=facilitator)
    assert trend.status_code == 200, trend.text
    body = trend.json()
    assert [r["label"] for r in body["rounds"]] == ["2027-Q1", "2027-Q2"]
    step = body["steps"][0]
    before, after = ScoreResult.model_validate(frozen_q1), ScoreResult.model_validate(q2["result"])
    changes = {c["key"]: c for c in step["comparison"]["domains"]}
    for domain in before.domains:
        later = next(d for d in after.domains if d.key == domain.key)
        assert changes[domain.key]["change"] == pytest.approx(later.mean - domain.mean, abs=0.005)
    assert step["comparison"]["total"]["change"] == pytest.approx(
        after.total.mean - before.total.mean, abs=0.005
    )
    for key in HALVED:
        assert changes[key]["probability_decreased"] > 0.95, changes[key]
        assert changes[key]["verdict"] == "fell"
        assert {m["key"] for m in changes[key]["moved_inputs"]} <= halved | {
            m["key"] for m in changes[key]["moved_inputs"] if m["key"] not in halved
        }
        assert changes[key]["moved_inputs"], "the answers that moved it are named"
    touched = {DRIVERS_BY_KEY[d].domain for d in drivers_moved_by(halved)}
    untouched = [k for k, c in changes.items() if k not in touched and c["before"] > 0]
    assert untouched, "some domain kept every answer"
    for key in untouched:
        assert 0.3 <= changes[key]["probability_decreased"] <= 0.7, changes[key]
    assert "2027-Q1" in body["summary"] and "2027-Q2" in body["summary"]
    # The operator asks in chat, in their own words; the reply is the trend's figures.
    for question in ("is our drag shrinking?", "What changed since last quarter?"):
        asked = await client.post(
            f"/v1/orgs/{org}/ask", json={"text": question}, headers=bearer(world.a.keys["viewer"])
        )
        assert asked.status_code == 200, asked.text
        reply = asked.json()["reply"]
        assert reply == body["summary"]
        assert "shrank" in reply and any(changes[k]["label"] in reply for k in HALVED)

    # The first round's sprint plan targets its top domains and its constraint, and the trend
    # says per item whether the inputs it watched moved.
    plan = q1["plan"]
    top = [d["key"] for d in sorted(frozen_q1["domains"], key=lambda d: d["rank"])[:3]]
    assert {i["domain"] for i in plan if i["key"].startswith("ws-")} >= set(top)
    assert any("constraint" in i["key"] or i["step"] == 4 for i in plan)
    assert [i["due_week"] for i in plan][-1] == 13
    checks = {c["item"]["key"]: c for c in step["sprint"]}
    for key in HALVED:
        if f"ws-{key}" in checks:
            assert checks[f"ws-{key}"]["targeted_moved"] is True

    # The report: a trend page with its chart on the current report, and a round selector
    # giving a closed round's frozen page with its sprint plan; the workbook gains both sheets.
    page = await client.get(f"/v1/orgs/{org}/report", headers=facilitator)
    assert page.status_code == 200
    assert 'id="trend"' in page.text and "2027-Q1" in page.text and "<polyline" in page.text
    frozen_page = await client.get(
        f"/v1/orgs/{org}/report", params={"round": first, "format": "json"}, headers=facilitator
    )
    assert frozen_page.status_code == 200, frozen_page.text
    frozen_json = frozen_page.json()
    assert frozen_json["round"] == "2027-Q1" and frozen_json["plan"]
    assert frozen_json["summary"]["mean"] == frozen_q1["total"]["mean"]
    workbook = await client.get(
        f"/v1/orgs/{org}/report", params={"round": first, "format": "xlsx"}, headers=facilitator
    )
    sheets = pd.read_excel(io.BytesIO(workbook.content), sheet_name=None)
    assert {"Trend", "Sprint plan"} <= set(sheets)
    # No total rows: each round's domains add up to its total.
    trend_sheet = sheets["Trend"]
    totals = trend_sheet.groupby("Round", sort=False)["Mean a year"].sum().tolist()
    assert totals == pytest.approx([before.total.mean, after.total.mean], abs=0.05)
    csv = await client.get(f"/v1/orgs/{org}/trend", params={"format": "csv"}, headers=facilitator)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    csv_rows = pd.read_csv(io.StringIO(csv.text))
    assert csv_rows[csv_rows["domain"] == "total"]["mean"].tolist() == pytest.approx(
        totals, abs=0.05
    )
    bad = await client.get(f"/v1/orgs/{org}/report", params={"round": "x y"}, headers=facilitator)
    assert bad.status_code == 422


async def test_round_rules_over_http(client: httpx.AsyncClient, world: World) -> None:
    org, facilitator = world.a.id, bearer(world.a.keys["facilitator"])
    first = await _round(client, world, "2027-Q1")
    again = await client.post(
        f"/v1/orgs/{org}/rounds", json={"label": "2027-Q2"}, headers=facilitator
    )
    assert again.status_code == 409 and "still open" in again.text
    viewer = await client.post(
        f"/v1/orgs/{org}/rounds/{first}/close", headers=bearer(world.a.keys["viewer"])
    )
    assert viewer.status_code == 403
    blank = await client.post(f"/v1/orgs/{org}/rounds", json={"label": ""}, headers=facilitator)
    assert blank.status_code == 422
    early = await client.get(f"/v1/orgs/{org}/report", params={"round": first}, headers=facilitator)
    assert early.status_code == 409 and "still open" in early.text
    closed = await _close(client, world, first)
    twice = await client.post(f"/v1/orgs/{org}/rounds/{first}/close", headers=facilitator)
    assert twice.status_code == 409 and "already closed" in twice.text
    item = closed["plan"][0]
    edited = await client.patch(
        f"/v1/orgs/{org}/plan/{item['id']}",
        json={"owner": "Finance", "due_week": 5, "status": "in_progress"},
        headers=facilitator,
    )
    assert edited.status_code == 200, edited.text
    assert (edited.json()["owner"], edited.json()["due_week"], edited.json()["edited"]) == (
        "Finance",
        5,
        True,
    )
    bad_week = await client.patch(
        f"/v1/orgs/{org}/plan/{item['id']}", json={"due_week": 14}, headers=facilitator
    )
    assert bad_week.status_code == 422
    other = await client.get(
        f"/v1/orgs/{world.b.id}/rounds/{first}", headers=bearer(world.b.keys["facilitator"])
    )
    assert other.status_code == 404
    listed = (await client.get(f"/v1/orgs/{org}/rounds", headers=facilitator)).json()
    assert [(r["label"], r["status"]) for r in listed] == [("2027-Q1", "closed")]
    assert listed[0]["total"] == closed["result"]["total"]["mean"]


async def test_second_round_offers_last_rounds_answers_and_same_keeps_them(
    client: httpx.AsyncClient, world: World
) -> None:
    org, respondent = world.a.id, bearer(world.a.keys["respondent"])
    first = await _round(client, world, "2027-Q1")
    typed_first = 0
    start = await client.post(
        f"/v1/orgs/{org}/interviews", json={"respondent_id": world.a.respondent}, headers=respondent
    )
    turn = start.json()
    interview = turn["interview_id"]
    while turn["question"] is not None:
        assert turn["question"]["last_round"] is None
        typed_first += len(turn["question"]["example"])
        turn = (
            await client.post(
                f"/v1/interviews/{interview}/messages",
                json={"text": turn["question"]["example"]},
                headers=respondent,
            )
        ).json()
    await _close(client, world, first)

    second = await _round(client, world, "2027-Q2")
    start = await client.post(
        f"/v1/orgs/{org}/interviews", json={"respondent_id": world.a.respondent}, headers=respondent
    )
    turn = start.json()
    interview = turn["interview_id"]
    assert "Last round you said" in turn["reply"]
    typed_second = 0
    while turn["question"] is not None:
        question = turn["question"]
        reply = "yes" if question["type"] == "yes_no" else "same"
        if question["type"] != "yes_no":
            assert question["last_round"], question
        typed_second += len(reply)
        turn = (
            await client.post(
                f"/v1/interviews/{interview}/messages", json={"text": reply}, headers=respondent
            )
        ).json()
    assert typed_second * 3 < typed_first

    with world.store.read() as session:
        events = rounds_store.round_current_events(session, org, second)
        earlier = rounds_store.round_current_events(session, org, first)
    # Every answer of the second round is a new event by the same person, holding last
    # round's value, never a copy with a lost author.
    old = {e.question_id: e for e in earlier}
    assert {e.question_id for e in events} == set(old)
    for event in events:
        assert event.respondent_id == world.a.respondent
        assert event.id > old[event.question_id].id
        if event.raw_text == "same":
            assert {k: event.value[k] for k in ("low", "likely", "high")} == {
                k: old[event.question_id].value[k] for k in ("low", "likely", "high")
            }
    closed = await _close(client, world, second)
    trend = (
        await client.get(f"/v1/orgs/{org}/trend", headers=bearer(world.a.keys["facilitator"]))
    ).json()
    total = trend["steps"][0]["comparison"]["total"]
    assert total["change"] == 0.0 and total["verdict"] == "unchanged"
    assert closed["result"]["total"]["mean"] == trend["rounds"][0]["total"]
