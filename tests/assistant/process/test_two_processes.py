"""Two app processes on one PostgreSQL database: what one does, the other never does again
or gets wrong. Real `oiar serve` processes; Slack's Web API is the fake on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from factories import make_workspace_of, pg_schema
from isolation import PG_ENV
from process_support import Servers, bearer, create_people

sys.path.insert(0, str(Path(__file__).parents[1] / "slack"))

from fake_slack import FakeSlack, Team  # noqa: E402

from tools.slack import workspaces  # noqa: E402
from tools.store import Store  # noqa: E402
from tools.store.schema import CampaignMember  # noqa: E402

MEMBERS = 30
TOKEN = "xoxb-two-processes"


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL tests skipped")
    with pg_schema(base) as url:
        yield url


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.add_team(TOKEN, Team(id="TTWO", name="Two Co"))
    yield fake
    fake.stop()


def test_serve_workers_on_sqlite_exits_2_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--workers", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --workers 2 needs PostgreSQL (OIAR_DATABASE_URL): SQLite has one writer"
    ]


def _campaign(store: Store) -> str:
    """An organization linked to the fake workspace, with a campaign of `MEMBERS` people."""
    team = make_workspace_of(store, name="Two Co")
    workspaces.link_workspace(store, team_key="TTWO", org_id=team.org.id)
    people = [team.person(f"Leader {i}", slack_user_id=f"U{i:03d}").id for i in range(MEMBERS)]
    team.department_only(people, now=datetime.now(UTC) - timedelta(days=1))
    return team.org.id


def _due_one_by_one(store: Store) -> None:
    """Each member's first reminder falls due 20 ms after the previous one: each is a moment
    both processes' looks race for it."""
    start = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=0.5)
    with store.write() as session:
        members = session.query(CampaignMember).order_by(CampaignMember.id).all()
        for i, member in enumerate(members):
            member.next_reminder_at = start + timedelta(seconds=0.02 * i)


def _reminders(fake: FakeSlack) -> Counter[str]:
    calls = fake.of("chat.postMessage")
    return Counter(c.args["channel"] for c in calls if "Reminder" in (c.args.get("text") or ""))


def test_two_workers_send_each_campaign_reminder_once(
    servers: Servers, pg_url: str, fake_slack: FakeSlack
) -> None:
    store = Store.open(pg_url)
    try:
        org_id = _campaign(store)
        env = {
            "OIAR_DATABASE_URL": pg_url,
            "OIAR_SLACK_SIGNING_SECRET": "two-processes-secret",
            "OIAR_SLACK_BOT_TOKEN": TOKEN,
            "OIAR_SLACK_API_URL": fake_slack.url,
            "OIAR_SLACK_ORG_ID": org_id,
            # Both processes look every 10 ms: their claims overlap all the time.
            "OIAR_CAMPAIGN_TICK_S": "0.01",
        }
        servers.start(env, workers=2)
        _due_one_by_one(store)
    finally:
        store.dispose()

    fake_slack.wait_for(
        "chat.postMessage", lambda c: "Reminder" in (c.args.get("text") or ""), count=MEMBERS
    )
    time.sleep(1.0)  # a hundred more looks by each process: none may send one again

    sent = _reminders(fake_slack)
    assert sent == Counter({f"DU{i:03d}": 1 for i in range(MEMBERS)})


def _interview(url: str, people: Any, turn_urls: list[str]) -> list[str]:
    """One interview answered with each question's example, turn i through turn_urls[i % n];
    after every turn each process must score the committed answers byte for byte alike (the
    estimate the next question is chosen from). The questions in the order they were asked."""
    rid, key = people.respondents[0]
    admin = bearer(people.admin_key)
    with httpx.Client(timeout=60, headers=bearer(key)) as http:
        turn = http.post(
            f"{url}/v1/orgs/{people.org_id}/interviews", json={"respondent_id": rid}
        ).raise_for_status()
        state = turn.json()
        asked: list[str] = []
        while not state["done"]:
            question = state["question"]
            asked.append(question["id"])
            target = turn_urls[len(asked) % len(turn_urls)]
            state = (
                http.post(
                    f"{target}/v1/interviews/{state['interview_id']}/messages",
                    json={"text": question["example"]},
                )
                .raise_for_status()
                .json()
            )
            scores = {
                http.get(f"{u}/v1/orgs/{people.org_id}/score", headers=admin)
                .raise_for_status()
                .content
                for u in turn_urls
            }
            assert len(scores) == 1, f"processes disagree after {question['id']}"
    return asked


def test_adaptive_estimate_is_the_same_in_either_process(servers: Servers, pg_url: str) -> None:
    env = {
        "OIAR_DATABASE_URL": pg_url,
        "OIAR_QUESTION_ORDER": "adaptive",
        "OIAR_ADAPTIVE_REFRESH_S": "0",
    }
    a, b = servers.start(env), servers.start(env)
    # Each turn's estimate reads the organization's answers as committed, whichever process
    # recorded them. (Two organizations with the same answers need not ask in the same order:
    # respondents' ids seed the simulation, so near-ties of value may break either way.)
    both = _interview(a.url, create_people(a.url, 1), [a.url, b.url])
    assert len(set(both)) == len(both) > 5
