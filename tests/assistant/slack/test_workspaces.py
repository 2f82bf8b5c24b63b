"""Multi-workspace: OAuth install stores an installation and maps the team to an organization;
each workspace only ever reads its own organization's results."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from factories import make_workspace_of
from fake_slack import FakeSlack, Team
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_support import SlackApp, SlackUser, slack_settings, texts

from api_support import asgi_client  # isort: skip
from assistant.api.app import create_app
from tools import admin
from tools.slack import workspaces as ws
from tools.store import Store

pytestmark = [
    pytest.mark.anyio,
    # slack_sdk's oauth.v2.access uses aiohttp's BasicAuth, deprecated in aiohttp 3.12+.
    pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning"),
]

CLIENT_ID = "111.222"


def _installation(team_id: str, name: str, token: str) -> Installation:
    return Installation(
        app_id="A0001",
        team_id=team_id,
        team_name=name,
        bot_token=token,
        bot_id="BBOT",
        bot_user_id="UBOT",
        bot_scopes=["chat:write", "commands"],
        user_id="UINSTALL",
        token_type="bot",
    )


@dataclass
class TwoTeams:
    slack: SlackApp
    store: Store


@pytest.fixture
async def oauth(fake_slack: FakeSlack, store: Store) -> AsyncIterator[TwoTeams]:
    """OAuth mode on every backend, nothing installed yet."""
    settings = slack_settings(
        fake_slack, slack_client_id=CLIENT_ID, slack_client_secret="client-secret"
    )
    api = create_app(settings, store=store)
    async with asgi_client(api) as client:
        yield TwoTeams(SlackApp(api, client, fake_slack, "TALPHA"), store)


def _grant(fake: FakeSlack, team_id: str, name: str, token: str) -> None:
    """The fake Slack knows the team and grants `token` for the install code "good-code"."""
    fake.add_team(token, Team(id=team_id, name=name))
    fake.oauth_grants["good-code"] = {
        "ok": True,
        "app_id": "A0001",
        "authed_user": {"id": "UINSTALL"},
        "scope": "chat:write,commands",
        "token_type": "bot",
        "access_token": token,
        "bot_user_id": "UBOT",
        "team": {"id": team_id, "name": name},
        "enterprise": None,
        "is_enterprise_install": False,
    }


async def _install_flow(client: httpx.AsyncClient) -> httpx.Response:
    page = await client.get("/slack/install")
    assert page.status_code == 200
    state = re.search(r"state=([^&\"']+)", page.text)
    assert state is not None
    # Bolt binds the state to the browser with a Secure cookie; send it back as a browser
    # would over HTTPS (the test client speaks plain HTTP).
    cookie = page.headers["set-cookie"].split(";", 1)[0]
    return await client.get(
        f"/slack/oauth_redirect?code=good-code&state={state.group(1)}", headers={"Cookie": cookie}
    )


async def test_oauth_install_stores_installation_and_maps_team_to_org(oauth: TwoTeams) -> None:
    fake = oauth.slack.fake
    _grant(fake, "TNEW", "Newco", "xoxb-new")

    finished = await _install_flow(oauth.slack.client)

    assert finished.status_code == 200
    access = fake.of("oauth.v2.access")
    assert [c.args["code"] for c in access] == ["good-code"]
    workspace = ws.find_workspace(oauth.store, "TNEW")
    assert workspace is not None
    assert (workspace.org_name, workspace.placeholder_profile) == ("Newco", True)
    bot = await oauth.slack.runtime.ctx.installations.async_find_bot(  # type: ignore[union-attr]
        enterprise_id=None, team_id="TNEW"
    )
    assert bot is not None and bot.bot_token == "xoxb-new"

    # The new workspace's people are answered with its own token and organization.
    fake.add_user("UNEW", "Nia Ode")
    await SlackUser(oauth.slack.client, fake, "TNEW", "UNEW").mention("what's our biggest drag?")
    post = (await fake.until("chat.postMessage"))[0]
    assert post.token == "xoxb-new"
    assert "stand-in profile" in texts(post.args["blocks"])
    await oauth.slack.idle()


async def test_oauth_callback_with_forged_state_is_refused(oauth: TwoTeams) -> None:
    response = await oauth.slack.client.get("/slack/oauth_redirect?code=x&state=1.abc.def")

    assert response.status_code == 400
    assert oauth.slack.fake.of("oauth.v2.access") == []


async def test_workspace_a_user_never_reads_workspace_b_results(oauth: TwoTeams) -> None:
    fake, store = oauth.slack.fake, oauth.store
    installations = oauth.slack.runtime.ctx.installations
    assert installations is not None
    # Two tenants of very different size: their figures cannot be confused.
    alpha = make_workspace_of(store, name="Alpha Co", revenue=50_000_000.0)
    beta = make_workspace_of(store, name="Beta Co", revenue=40_000_000_000.0)
    for team_id, name, token, org in (
        ("TALPHA", "Alpha Co", "xoxb-alpha", alpha.org.id),
        ("TBETA", "Beta Co", "xoxb-beta", beta.org.id),
    ):
        ws.link_workspace(store, team_key=team_id, org_id=org)
        await installations.async_save(_installation(team_id, name, token))
        fake.add_team(token, Team(id=team_id, name=name))
    fake.add_user("UDANA", "Dana Ruiz")

    # A user of A names B's organization and id in the text: the team decides, not the words.
    dana = SlackUser(oauth.slack.client, fake, "TALPHA", "UDANA")
    await dana.mention(f"what's the biggest drag at Beta Co ({beta.org.id})?")
    await dana.open_home()

    post = (await fake.until("chat.postMessage"))[0]
    home = (await fake.until("views.publish"))[0]
    await oauth.slack.idle()
    assert post.token == home.token == "xoxb-alpha"
    assert "Figures for Alpha Co" in texts(post.args["blocks"])
    assert "Top drags at Alpha Co" in texts(home.args["view"]["blocks"])
    assert "Beta" not in texts(post.args["blocks"]) + texts(home.args["view"]["blocks"])
    # Dana became a respondent of Alpha only.
    assert ws.find_workspace(store, "TALPHA").org_id == alpha.org.id  # type: ignore[union-attr]
    names_a = [r.name for r in admin.list_respondents(store, alpha.admin, alpha.org.id)]
    names_b = [r.name for r in admin.list_respondents(store, beta.admin, beta.org.id)]
    assert "Dana Ruiz" in names_a
    assert "Dana Ruiz" not in names_b


async def test_event_for_uninstalled_team_is_not_served(oauth: TwoTeams) -> None:
    await SlackUser(oauth.slack.client, oauth.slack.fake, "TGHOST", "UX").mention("biggest drag?")
    await oauth.slack.idle()

    assert oauth.slack.fake.of("chat.postMessage") == []


async def test_app_uninstalled_removes_the_token_and_stops_replies(oauth: TwoTeams) -> None:
    fake = oauth.slack.fake
    _grant(fake, "TGONE", "Goneco", "xoxb-gone")
    assert (await _install_flow(oauth.slack.client)).status_code == 200
    installations = oauth.slack.runtime.ctx.installations
    assert installations is not None
    assert await installations.async_find_bot(enterprise_id=None, team_id="TGONE") is not None
    fake.add_user("UGONE", "Gil One")
    user = SlackUser(oauth.slack.client, fake, "TGONE", "UGONE")

    response = await user.event({"type": "app_uninstalled"})

    assert response.status_code == 200
    await oauth.slack.idle()
    assert await installations.async_find_bot(enterprise_id=None, team_id="TGONE") is None
    fake.clear()
    await user.mention("what's our biggest drag?")
    await oauth.slack.idle()
    assert fake.of("chat.postMessage") == []
