"""Slack fixtures: the fake Web API, the real FastAPI app with Slack mounted (single workspace
bound to one organization), and people in that workspace sending signed requests."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "api"))

from api_support import asgi_client  # noqa: E402
from factories import Workspace, make_workspace_of  # noqa: E402
from fake_slack import FakeSlack, Team  # noqa: E402
from slack_support import ALPHA_TOKEN, SlackApp, slack_settings  # noqa: E402

from assistant.api.app import create_app  # noqa: E402
from tools.store import Store  # noqa: E402


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.add_team(ALPHA_TOKEN, Team(id="TALPHA", name="Alpha Co"))
    fake.add_user("UDANA", "Dana Ruiz", title="COO")
    fake.add_user("UOWEN", "Owen Hart", title="CEO", is_owner=True)
    fake.add_user("UADA", "Ada Lane", title="IT lead", is_admin=True)
    yield fake
    fake.stop()


@pytest.fixture
def slack_store(sqlite_url: str) -> Iterator[Store]:
    store = Store.open(sqlite_url)
    yield store
    store.dispose()


@pytest.fixture
def alpha(slack_store: Store) -> Workspace:
    return make_workspace_of(slack_store, name="Alpha Co")


@pytest.fixture
async def slack(
    fake_slack: FakeSlack, slack_store: Store, alpha: Workspace
) -> AsyncIterator[SlackApp]:
    """Single-workspace mode, the workspace bound to Alpha Co by OIAR_SLACK_ORG_ID."""
    settings = slack_settings(fake_slack, slack_bot_token=ALPHA_TOKEN, slack_org_id=alpha.org.id)
    api = create_app(settings, store=slack_store)
    async with asgi_client(api) as client:
        yield SlackApp(api=api, client=client, fake=fake_slack, team_id="TALPHA")
