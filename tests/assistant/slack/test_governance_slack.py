"""`/oiar seams|constraint|decisions|initiatives`: entries in plain words, outputs, roles."""

from __future__ import annotations

import pytest
from slack_support import SlackApp

pytestmark = pytest.mark.anyio


async def test_respondent_enters_seam_and_facilitator_sees_map(slack: SlackApp) -> None:
    said = await slack.reply_to(
        "UDANA", "seams add Ops -> Transport: 6 a month, $4k each, owner unclear"
    )
    assert said.startswith("Recorded your seam")
    shown = await slack.reply_to("UADA", "seams")
    assert "Operations → Transport: 6 a month × $4k = $288k a year [owner unclear]" in shown
    assert "Dana Ruiz" in shown
    await slack.idle()


async def test_initiatives_added_by_facilitator_ranked_and_flagged(slack: SlackApp) -> None:
    said = await slack.reply_to("UADA", "constraint set production | 400-ton press | throughput")
    assert said.startswith("Recorded your constraint")
    for text in (
        "initiatives add Seam owners | $60k | handoff_failure 40%",
        "initiatives add Routing pilot | $400k | adoption_friction 20%",
    ):
        assert (await slack.reply_to("UADA", text)).startswith("Added initiative")
    ranked = await slack.reply_to("UADA", "initiatives")
    assert "1. Seam owners" in ranked
    assert "2. Routing pilot" in ranked and "pause: does not relieve the constraint" in ranked
    constraint = await slack.reply_to("UADA", "constraint")
    assert "Production (400-ton press) governs throughput" in constraint
    await slack.idle()


async def test_respondent_cannot_add_initiative(slack: SlackApp) -> None:
    text = await slack.reply_to("UDANA", "initiatives add X | $1k | handoff_failure 10%")
    assert text.startswith("Your role in oiar doesn't allow that")
    await slack.idle()


async def test_unreadable_decision_is_reasked_with_example(slack: SlackApp) -> None:
    text = await slack.reply_to("UDANA", "decisions add capex takes ages")
    assert "a decision takes 5 parts" in text
    assert "Try something like: _Capex approval | CFO | 1 a month | 25 days | 10 days_" in text
    shown = await slack.reply_to(
        "UDANA", "decisions add Capex approval | CFO | 1 a month | 25 days | 10 days"
    )
    assert shown.startswith("Recorded your decision")
    await slack.idle()
