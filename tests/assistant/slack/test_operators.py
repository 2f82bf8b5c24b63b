"""Mentions answered in their thread, `/oiar` subcommands, roles from Slack's flags."""

from __future__ import annotations

import pytest
from slack_support import SlackApp, texts

from tools import admin

pytestmark = pytest.mark.anyio


async def test_mention_is_answered_in_thread_with_figures(slack: SlackApp) -> None:
    owen = slack.user("UOWEN")

    response = await owen.mention("what's our biggest drag?")

    assert response.status_code == 200
    post = (await slack.fake.until("chat.postMessage"))[0]
    event_ts = post.args["thread_ts"]
    assert post.args["channel"] == "C0GENERAL"
    assert event_ts and event_ts != post.response["ts"]
    shown = texts(post.args["blocks"])
    assert "is your biggest drag: about *$" in shown
    assert "bps of revenue" in shown
    assert "Largest driver:" in shown
    assert "Figures for Alpha Co" in shown
    await slack.idle()


async def test_mention_inside_thread_replies_in_that_thread(slack: SlackApp) -> None:
    await slack.user("UDANA").mention("where does the money leak?", thread_ts="1699.000100")

    post = (await slack.fake.until("chat.postMessage"))[0]
    assert post.args["thread_ts"] == "1699.000100"
    assert "*Operating Income at Risk: about $" in post.args["text"]
    await slack.idle()


async def test_mention_without_question_explains_what_to_ask(slack: SlackApp) -> None:
    await slack.user("UDANA").mention("hello there")

    post = (await slack.fake.until("chat.postMessage"))[0]
    assert "_what's our biggest drag?_" in post.args["text"]
    await slack.idle()


async def test_slash_drag_responds_ephemerally_with_figures(slack: SlackApp) -> None:
    response = await slack.user("UDANA").command("drag")

    assert response.status_code == 200
    assert response.text == ""
    reply = (await slack.fake.until("response_url"))[0]
    assert reply.args["response_type"] == "ephemeral"
    assert "is your biggest drag" in reply.args["text"]
    await slack.idle()


async def test_slash_why_names_the_domain(slack: SlackApp) -> None:
    await slack.user("UDANA").command("why hiring")

    reply = (await slack.fake.until("response_url"))[0]
    assert reply.args["text"].startswith("*What's behind Hiring Friction (ranked")
    await slack.idle()


async def test_slash_why_unknown_domain_lists_the_known_ones(slack: SlackApp) -> None:
    await slack.user("UDANA").command("why weather")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert text.startswith("`weather` is not a domain I know.")
    assert "Hiring Friction" in text
    await slack.idle()


async def test_slash_help_and_unknown_are_answered_in_the_ack(slack: SlackApp) -> None:
    dana = slack.user("UDANA")

    help_reply = await dana.command("help")
    unknown = await dana.command("launch rockets")

    assert "`/oiar why <domain>`" in help_reply.text
    assert unknown.text.startswith("I don't know `/oiar launch`.")
    await slack.idle()
    assert slack.fake.of("response_url") == []


async def test_slash_status_tells_role_and_progress(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    await dana.say("10 a month")
    await slack.fake.until("chat.postMessage", count=2)

    await dana.command("status")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert "You are *respondent* in *Alpha Co*." in text
    assert "*1 of 25* answered" in text
    await slack.idle()


async def test_respondent_cannot_set_the_profile(slack: SlackApp) -> None:
    await slack.user("UDANA").command("profile revenue=1B")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert text.startswith("Your role in oiar doesn't allow that")
    org = admin.get_org(slack.runtime.ctx.store, slack.admin_caller(), slack.org_id)
    assert org.revenue == 100_000_000
    await slack.idle()


async def test_workspace_admin_is_facilitator_and_cannot_set_profile(slack: SlackApp) -> None:
    await slack.user("UADA").command("profile revenue=1B")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert text.startswith("Your role in oiar doesn't allow that")
    await slack.idle()


async def test_workspace_owner_sets_the_profile(slack: SlackApp) -> None:
    await slack.user("UOWEN").command(
        "profile revenue=250M margin=12% headcount=1200 industry=manufacturing"
    )

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert text.startswith("Profile of *Alpha Co* saved: revenue 250,000,000 USD")
    org = admin.get_org(slack.runtime.ctx.store, slack.admin_caller(), slack.org_id)
    assert (org.revenue, org.operating_margin, org.headcount) == (250e6, 0.12, 1200)
    await slack.idle()


async def test_profile_with_unreadable_value_names_it(slack: SlackApp) -> None:
    await slack.user("UOWEN").command("profile revenue=lots")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert text.startswith("revenue:")
    assert "Try something like: _revenue=250M margin=12%" in text
    await slack.idle()
