"""The DM interview through signed requests to the real app and the fake Slack Web API."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fake_slack import Call
from slack_support import SlackApp, SlackUser, block_ids, message_of, texts

from scoring.voi import RankingUncertainty
from tools import analysis
from tools.access import Caller

pytestmark = pytest.mark.anyio

ANSWER_PREFIX = "oiar_answer_"


def to(user: SlackUser) -> Any:
    return lambda call: call.args.get("channel") == user.dm


def question_block(blocks: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((b for b in blocks if str(b.get("block_id", "")).startswith("oiar_q|")), None)


def controls(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return next(b for b in blocks if str(b.get("block_id", "")).startswith("oiar_c|"))


async def latest_post(slack: SlackApp, user: SlackUser, count: int) -> Call:
    return (await slack.fake.until("chat.postMessage", to(user), count=count))[-1]


async def test_first_dm_opens_interview_with_question_blocks(slack: SlackApp) -> None:
    dana = slack.user("UDANA")

    response = await dana.say("hi")

    assert response.status_code == 200
    post = await latest_post(slack, dana, 1)
    blocks = post.args["blocks"]
    shown = texts(blocks)
    assert shown.startswith("Hi Dana.")
    assert "*Roughly how many decisions a month" in shown
    assert "_1 of 25_ · Leadership Bandwidth" in shown
    assert [e["text"]["text"] for e in controls(blocks)["elements"]] == [
        "Skip",
        "Don't know",
        "Pause",
    ]
    number = question_block(blocks)
    assert number is not None
    assert [(e["action_id"], e["text"]["text"]) for e in number["elements"]] == [
        ("oiar_number", "Enter a number")
    ]
    # The example is scaled to the organization (tools/interview/examples.py).
    assert re.search(r"Type your answer in plain words, e\.g\. _about [\d.,]+ a month_", shown)
    assert post.token == "xoxb-alpha"
    await slack.idle()


async def test_first_dm_that_is_a_question_is_answered_not_taken_as_hello(slack: SlackApp) -> None:
    owen = slack.user("UOWEN")

    await owen.say("what's our biggest drag?")

    post = await latest_post(slack, owen, 1)
    shown = texts(post.args["blocks"])
    assert "is your biggest drag: about *$" in shown
    assert "say *start*" in shown
    assert "1 of 25" not in shown
    # The next message opens the interview as usual.
    await owen.say("start")
    opened = texts((await latest_post(slack, owen, 2)).args["blocks"])
    assert "_1 of " in opened
    await slack.idle()


async def test_full_interview_by_buttons_and_text_records_every_answer(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hello")
    posts = 1
    clicked = typed = 0
    while True:
        post = await latest_post(slack, dana, posts)
        blocks = post.args["blocks"]
        if "That's everything" in texts(blocks):
            break
        question = question_block(blocks)
        buttons = [
            e for e in (question or {}).get("elements", []) if e["action_id"].startswith("oiar_a")
        ]
        radios = [e for e in (question or {}).get("elements", []) if e["type"] == "radio_buttons"]
        if buttons:
            await dana.click(
                message_of(post),
                question["block_id"],
                buttons[-1]["action_id"],
                value=buttons[-1]["value"],
            )
            update = (await slack.fake.until("chat.update", count=clicked + 1))[-1]
            assert update.args["ts"] == post.response["ts"]
            recorded = texts(update.args["blocks"])
            assert f"Recorded: *{buttons[-1]['text']['text']}" in recorded
            # The updated message keeps only its Change button: no answer buttons left.
            assert block_ids(update.args["blocks"], "oiar_q|") == []
            clicked += 1
        elif radios:
            choice = radios[0]["options"][0]["value"]
            await dana.click(message_of(post), question["block_id"], "oiar_choice", selected=choice)
            await slack.fake.until("chat.update", count=clicked + 1)
            clicked += 1
        else:
            example = texts(blocks).rsplit("e.g. _", 1)[1].split("_")[0]
            await dana.say(example)
            typed += 1
        posts += 1
    await slack.idle()

    store = slack.runtime.ctx.store
    org_id = slack.runtime.ctx.config.org_id
    assert org_id is not None
    rows = analysis.list_answers(store, Caller(org_id=org_id, role="admin"), org_id)
    assert len(rows) == 25
    assert {r.kind for r in rows} == {"answer"}
    assert {r.channel for r in rows} == {"slack"}
    assert clicked >= 2 and typed >= 10
    assert rows[0].respondent == "Dana Ruiz"


async def test_text_answer_is_confirmed_with_next_question_and_progress(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    await latest_post(slack, dana, 1)

    await dana.say("about 15 a month")

    shown = texts((await latest_post(slack, dana, 2)).args["blocks"])
    assert shown.startswith("Recorded: 15 a month.")
    assert "_2 of 25_" in shown
    await slack.idle()


async def test_implausible_answer_in_a_dm_waits_for_a_yes(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    await latest_post(slack, dana, 1)

    await dana.say("3000 a month")
    held = texts((await latest_post(slack, dana, 2)).args["blocks"])
    assert held.startswith("That prices decision latency at")
    assert "Say *yes* to keep 3,000 a month" in held

    await dana.say("yes")
    kept = texts((await latest_post(slack, dana, 3)).args["blocks"])
    assert kept.startswith("Recorded: 3,000 a month.")
    assert "_2 of 25_" in kept
    await slack.idle()


async def test_unreadable_answer_gets_reask_with_example(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    await latest_post(slack, dana, 1)

    await dana.say("purple")

    reply = (await latest_post(slack, dana, 2)).args["text"]
    assert re.search(r"Try something like: _about [\d.,]+ a month_", reply)
    await slack.idle()


async def test_skip_and_dont_know_buttons_update_message_and_move_on(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    block = controls(first.args["blocks"])["block_id"]

    await dana.click(message_of(first), block, "oiar_skip", value="skip")

    update = (await slack.fake.until("chat.update"))[0]
    assert ":fast_forward: Skipped" in texts(update.args["blocks"])
    second = await latest_post(slack, dana, 2)
    assert "_2 of 25_" in texts(second.args["blocks"])

    await dana.click(
        message_of(second),
        controls(second.args["blocks"])["block_id"],
        "oiar_dont_know",
        value="dont_know",
    )
    update = (await slack.fake.until("chat.update", count=2))[-1]
    assert "Don't know: a benchmark stands in" in texts(update.args["blocks"])
    assert "_3 of 25_" in texts((await latest_post(slack, dana, 3)).args["blocks"])
    await slack.idle()


async def test_pause_then_continue_resumes_where_left(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    await dana.say("12 a month")
    second = await latest_post(slack, dana, 2)

    await dana.click(
        message_of(second), controls(second.args["blocks"])["block_id"], "oiar_pause", value="pause"
    )

    update = (await slack.fake.until("chat.update"))[0]
    assert "Paused at *1 of 25*" in texts(update.args["blocks"])
    assert block_ids(update.args["blocks"], "oiar_c|") == []
    await slack.idle()

    # Days later: the App Home's Continue button picks up at question 2.
    await dana.click({"channel": dana.dm, "ts": "1.0"}, "home", "oiar_continue", value="continue")
    resumed = await latest_post(slack, dana, 3)
    shown = texts(resumed.args["blocks"])
    assert shown.startswith("Welcome back.")
    assert "_2 of 25_" in shown
    await slack.idle()


async def test_number_modal_records_number_in_question_unit(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    question = question_block(first.args["blocks"])
    assert question is not None

    await dana.click(message_of(first), question["block_id"], "oiar_number", value="x")

    opened = (await slack.fake.until("views.open"))[0]
    view = opened.args["view"]
    assert view["callback_id"] == "oiar_number_modal"
    field = view["blocks"][1]
    assert field["element"]["type"] == "number_input"
    assert field["label"]["text"] == "Number (a month)"
    await slack.idle()

    response = await dana.submit(view, "12")

    assert response.status_code == 200
    update = (await slack.fake.until("chat.update"))[0]
    assert update.args["ts"] == first.response["ts"]
    assert "Recorded: *12 a month*" in texts(update.args["blocks"])
    assert "_2 of 25_" in texts((await latest_post(slack, dana, 2)).args["blocks"])
    await slack.idle()


async def test_modal_with_unreadable_answer_shows_error_under_field(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    await dana.click(
        message_of(first),
        question_block(first.args["blocks"])["block_id"],
        "oiar_number",
        value="x",
    )
    view = (await slack.fake.until("views.open"))[0].args["view"]

    response = await dana.submit(view, "lots and lots")

    body = response.json()
    assert body["response_action"] == "errors"
    assert re.search(r"Try something like: _about [\d.,]+ a month_", body["errors"]["answer"])
    await slack.idle()


async def test_change_button_edits_an_earlier_answer(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    await dana.click(
        message_of(first), controls(first.args["blocks"])["block_id"], "oiar_skip", value="skip"
    )
    answered = (await slack.fake.until("chat.update"))[0]
    change = next(b for b in answered.args["blocks"] if "accessory" in b)
    assert change["accessory"]["text"]["text"] == "Change"
    await latest_post(slack, dana, 2)

    await dana.click(
        message_of(answered),
        change["block_id"],
        "oiar_edit",
        value=change["accessory"]["value"],
    )
    view = (await slack.fake.until("views.open"))[0].args["view"]
    assert view["callback_id"] == "oiar_edit_modal"
    await slack.idle()
    await dana.submit(view, "about 20 a month")

    updated = (await slack.fake.until("chat.update", count=2))[-1]
    assert updated.args["ts"] == first.response["ts"]
    assert "Recorded: *20 a month*" in texts(updated.args["blocks"])
    revised = (await latest_post(slack, dana, 3)).args["text"]
    assert revised.startswith("Changed _Roughly how many decisions a month")
    assert "from no answer to *20 a month*" in revised
    await slack.idle()


async def test_settled_ranking_ends_a_button_interview_with_the_settled_message(
    adaptive_order: None, slack: SlackApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    # From the first answer on, the top three hold their ranks: the stop rule ends the interview.
    settled = RankingUncertainty(
        input_sha256="x", order=(), hold={}, settled=True, values={"decision_wait_days": 1.0}
    )
    estimator = slack.runtime.ctx.engine.estimator
    assert estimator is not None and estimator.adaptive
    monkeypatch.setattr(estimator, "ranking_uncertainty", lambda *_, **__: settled)

    block = controls(first.args["blocks"])["block_id"]
    await dana.click(message_of(first), block, "oiar_skip", value="skip")

    closing = texts((await latest_post(slack, dana, 2)).args["blocks"])
    assert "That's enough to settle the ranking" in closing
    assert "keep going" in closing
    await slack.idle()


async def test_button_click_is_a_turn_of_the_one_engine(
    slack: SlackApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = slack.runtime.ctx.engine
    chosen: list[tuple[str, str]] = []
    choose = engine.choose

    def spy(caller: Caller, interview_id: str, **kwargs: Any) -> Any:
        chosen.append((kwargs["question_id"], kwargs["choice"]))
        return choose(caller, interview_id, **kwargs)

    monkeypatch.setattr(engine, "choose", spy)
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    block = controls(first.args["blocks"])["block_id"]

    await dana.click(message_of(first), block, "oiar_skip", value="skip")
    await slack.fake.until("chat.update")
    await slack.idle()

    question_id = block.split("|")[-1]
    assert chosen == [(question_id, "skip")]
    answers = analysis.list_answers(
        slack.runtime.ctx.store, slack.admin_caller(), slack.org_id, history=True
    )
    assert [(a.question_id, a.kind, a.channel) for a in answers] == [(question_id, "skip", "slack")]


async def test_a_double_click_on_an_answer_button_records_one_answer(slack: SlackApp) -> None:
    dana = slack.user("UDANA")
    await dana.say("hi")
    first = await latest_post(slack, dana, 1)
    block = controls(first.args["blocks"])["block_id"]

    await dana.click(message_of(first), block, "oiar_skip", value="skip")
    await dana.click(message_of(first), block, "oiar_skip", value="skip")
    await slack.idle()

    # One update of the message, one next question, one event: the second click was stale.
    assert len(slack.fake.of("chat.update")) == 1
    nexts = [
        c
        for c in slack.fake.of("chat.postMessage")
        if "_2 of 25_" in texts(c.args.get("blocks") or [])
    ]
    assert len(nexts) == 1
    store = slack.runtime.ctx.store
    events = analysis.list_answers(store, slack.admin_caller(), slack.org_id)
    assert [e.kind for e in events] == ["skip"]
