"""`/oiar whatif`: plain words or key=value pairs, answered ephemerally; bad input explained."""

from __future__ import annotations

import pytest
from slack_support import SlackApp

from assistant.slack.what_if import pairs_of

pytestmark = pytest.mark.anyio


def test_pairs_of_values_with_spaces() -> None:
    assert pairs_of("decision_wait_days=1 day time_to_fill_days = 20 days") == [
        "decision_wait_days=1 day",
        "time_to_fill_days=20 days",
    ]


async def test_slash_whatif_plain_words_replies_with_new_ranking(slack: SlackApp) -> None:
    response = await slack.user("UDANA").command("whatif approvals took 1 day")

    assert response.status_code == 200
    reply = (await slack.fake.until("response_url"))[0]
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["text"].startswith("What if days an escalated decision waits were 1 day")
    assert "Leadership Bandwidth" in reply.args["text"]
    await slack.idle()


async def test_slash_whatif_pairs_reply_with_deltas(slack: SlackApp) -> None:
    await slack.user("UDANA").command("whatif decision_wait_days=1 day")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert "days an escalated decision waits = 1 (days)" in text
    assert "no change" in text
    await slack.idle()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ("decision_wait_day=1", "did you mean decision_wait_days"),
        ("decision_wait_days=900", "outside"),
    ],
)
async def test_slash_whatif_bad_pair_says_what_is_wrong(
    slack: SlackApp, args: str, words: str
) -> None:
    await slack.user("UDANA").command(f"whatif {args}")

    text = (await slack.fake.until("response_url"))[0].args["text"]
    assert text.startswith("I can't price that:")
    assert words in text
    await slack.idle()
