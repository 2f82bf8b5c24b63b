"""`/oiar invite` from Slack: the link reaches the facilitator in a DM, never the channel."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from api_support import asgi_client
from factories import Workspace
from fake_slack import FakeSlack
from slack_support import ALPHA_TOKEN, SlackApp, slack_settings

from assistant.api.app import create_app
from tools import web
from tools.store import Store

pytestmark = pytest.mark.anyio
PUBLIC = "https://oiar.example.com"


@pytest.fixture
async def public_slack(
    fake_slack: FakeSlack, slack_store: Store, alpha: Workspace
) -> AsyncIterator[SlackApp]:
    settings = slack_settings(
        fake_slack, slack_bot_token=ALPHA_TOKEN, slack_org_id=alpha.org.id, public_url=PUBLIC
    )
    api = create_app(settings, store=slack_store)
    async with asgi_client(api) as client:
        yield SlackApp(api=api, client=client, fake=fake_slack, team_id="TALPHA")


async def test_facilitator_gets_the_link_in_a_dm_only(
    public_slack: SlackApp, alpha: Workspace, slack_store: Store
) -> None:
    alpha.person("Lee Park", department="Finance")

    reply = await public_slack.reply_to("UADA", "invite lee park 7")

    assert "I sent you the link for *Lee Park* in a DM" in reply
    assert PUBLIC not in reply
    posted = await public_slack.fake.until("chat.postMessage")
    opened = public_slack.fake.of("conversations.open")
    assert opened[0].args["users"] == "UADA"
    assert posted[0].args["channel"] != "C0GENERAL"
    assert f"{PUBLIC}/i/" in posted[0].args["text"]
    listed = web.list_invites(slack_store, alpha.admin, alpha.org.id)
    assert [(i.respondent_name, i.status) for i in listed] == [("Lee Park", "pending")]
    await public_slack.idle()


async def test_a_mention_invites_that_slack_user(
    public_slack: SlackApp, slack_store: Store, alpha: Workspace
) -> None:
    reply = await public_slack.reply_to("UADA", "invite <@UDANA|dana>")

    assert "*Dana Ruiz*" in reply
    assert web.list_invites(slack_store, alpha.admin, alpha.org.id)[0].respondent_name == (
        "Dana Ruiz"
    )
    await public_slack.idle()


async def test_a_respondent_cannot_make_links(public_slack: SlackApp) -> None:
    reply = await public_slack.reply_to("UDANA", "invite Dana Ruiz")

    assert reply.startswith("Your role in oiar doesn't allow that")
    await public_slack.idle()


async def test_an_unknown_name_and_a_missing_public_url_are_explained(
    public_slack: SlackApp, slack: SlackApp
) -> None:
    assert "I don't know Nobody Here" in await public_slack.reply_to("UADA", "invite Nobody Here")
    assert "OIAR_PUBLIC_URL" in await slack.reply_to("UADA", "invite Dana Ruiz")
    await public_slack.idle()
    await slack.idle()
