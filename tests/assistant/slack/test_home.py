"""App Home: the person's progress with Start/Continue, and the organization's top drags."""

from __future__ import annotations

import pytest
from slack_support import SlackApp, texts

pytestmark = pytest.mark.anyio


async def test_home_shows_start_button_and_top_three_drags(slack: SlackApp) -> None:
    response = await slack.user("UDANA").open_home()

    assert response.status_code == 200
    publish = (await slack.fake.until("views.publish"))[0]
    assert publish.args["user_id"] == "UDANA"
    view = publish.args["view"]
    assert view["type"] == "home"
    progress = view["blocks"][1]
    assert progress["accessory"]["text"]["text"] == "Start the interview"
    assert progress["accessory"]["action_id"] == "oiar_continue"
    shown = texts(view["blocks"])
    assert "*Top drags at Alpha Co*" in shown
    for rank in (1, 2, 3):
        assert f"*{rank}. " in shown
    assert "*4. " not in shown
    assert "bps of revenue" in shown
    await slack.idle()


async def test_home_after_answers_shows_progress_and_continue(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    await dana.say("8 a month")
    await slack.fake.until("chat.postMessage", count=2)

    await dana.open_home()

    view = (await slack.fake.until("views.publish"))[0].args["view"]
    progress = view["blocks"][1]
    assert progress["text"]["text"] == "*Your interview*: 1 of 25 done (active)."
    assert progress["accessory"]["text"]["text"] == "Continue"
    await slack.idle()


async def test_continue_posts_the_open_question_in_the_dm_and_republishes(
    slack: SlackApp,
) -> None:
    dana = slack.user("UDANA")

    await dana.click({"channel": dana.dm, "ts": "1.0"}, "home", "oiar_continue", value="go")

    opened = (await slack.fake.until("conversations.open"))[0]
    assert opened.args["users"] == "UDANA"
    post = (await slack.fake.until("chat.postMessage"))[0]
    assert post.args["channel"] == "DUDANA"
    assert "_1 of 25_" in texts(post.args["blocks"])
    await slack.fake.until("views.publish")
    await slack.idle()


async def test_home_shows_the_sprint_of_the_latest_closed_round(slack: SlackApp) -> None:
    ada = slack.user("UADA")
    await ada.command("round open 2027-Q1")
    await slack.fake.until("response_url")
    slack.fake.clear()
    await ada.command("round close")
    await slack.fake.until("response_url")
    slack.fake.clear()

    await ada.open_home()

    shown = texts((await slack.fake.until("views.publish"))[0].args["view"]["blocks"])
    assert "*90-day sprint from 2027-Q1*: 0 of " in shown
    assert "○ wk 13: Day-90 checkpoint" in shown
    await slack.idle()
