"""Scores over HTTP: the organization's score, operators' questions, stateless scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import World, bearer
from typer.testing import CliRunner

from assistant.cli import app as cli
from knowledge import load_sample_assessment
from scoring import DOMAINS, MODEL_VERSION
from scoring.model import MIN_DRAWS

pytestmark = pytest.mark.anyio


def _assessment() -> dict[str, Any]:
    return {**load_sample_assessment(), "draws": MIN_DRAWS}


async def test_org_score_is_the_scoring_cores_json(client: httpx.AsyncClient, world: World) -> None:
    response = await client.get(
        f"/v1/orgs/{world.a.id}/score", headers=bearer(world.a.keys["viewer"])
    )
    assert response.status_code == 200
    result = response.json()
    assert result["model_version"] == MODEL_VERSION and result["organization"] == "Alpha Co"
    assert sorted(d["key"] for d in result["domains"]) == sorted(d.key for d in DOMAINS)
    assert [d["rank"] for d in result["domains"]] == list(range(1, len(DOMAINS) + 1))


async def test_ask_biggest_drag_names_the_top_domain(
    client: httpx.AsyncClient, world: World
) -> None:
    headers = bearer(world.a.keys["viewer"])
    score = (await client.get(f"/v1/orgs/{world.a.id}/score", headers=headers)).json()
    response = await client.post(
        f"/v1/orgs/{world.a.id}/ask", json={"text": "what's our biggest drag?"}, headers=headers
    )
    assert response.status_code == 200
    assert score["domains"][0]["label"] in response.json()["reply"]


async def test_score_assessment_matches_cli_score_json(
    client: httpx.AsyncClient, world: World, tmp_path: Path
) -> None:
    assessment = _assessment()
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(assessment), encoding="utf-8")
    out = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    response = await client.post(
        "/v1/score", json=assessment, headers=bearer(world.a.keys["respondent"])
    )
    assert response.status_code == 200
    assert response.json() == json.loads(out.stdout)


async def test_score_assessment_stores_nothing(client: httpx.AsyncClient, world: World) -> None:
    headers = bearer(world.a.keys["admin"])
    before = (await client.get(f"/v1/orgs/{world.a.id}/answers", headers=headers)).json()
    await client.post("/v1/score", json=_assessment(), headers=headers)
    after = (await client.get(f"/v1/orgs/{world.a.id}/answers", headers=headers)).json()
    assert before == after == []


async def test_score_assessment_with_words_and_ranges(
    client: httpx.AsyncClient, world: World
) -> None:
    assessment = {
        **_assessment(),
        "answers": [
            {"question_id": "lb_escalated_decisions", "value": "about 15 a month"},
            {
                "question_id": "lb_escalated_decisions",
                "value": {"low": 5, "likely": 10, "high": 20},
                "respondent": {"name": "Lee", "department": "Finance"},
            },
        ],
    }
    response = await client.post(
        "/v1/score", json=assessment, headers=bearer(world.a.keys["viewer"])
    )
    assert response.status_code == 200, response.text
    assert response.json()["draws"] == MIN_DRAWS
