"""`/oiar round` and `/oiar trend` from Slack: open, close with its plan, roles, the trend."""

from __future__ import annotations

import pytest
from slack_support import SlackApp

pytestmark = pytest.mark.anyio


async def test_facilitator_opens_and_closes_a_round_and_reads_the_plan(slack: SlackApp) -> None:
    opened = await slack.reply_to("UADA", "round open 2027-Q1")
    assert opened.startswith("Opened *2027-Q1*")
    again = await slack.reply_to("UADA", "round open 2027-Q2")
    assert "still open" in again
    listed = await slack.reply_to("UADA", "round")
    assert "2027-Q1" in listed and "open" in listed
    closed = await slack.reply_to("UADA", "round close")
    assert "Closed *2027-Q1*" in closed and "90-day sprint plan" in closed
    assert "Day-90 checkpoint" in closed and "wk 13" in closed
    plan = await slack.reply_to("UADA", "round plan")
    assert "2027-Q1 sprint plan" in plan and "Workstream" in plan
    trend = await slack.reply_to("UADA", "trend")
    assert "One closed round so far (2027-Q1" in trend
    await slack.idle()


async def test_respondent_cannot_open_a_round(slack: SlackApp) -> None:
    text = await slack.reply_to("UDANA", "round open 2027-Q1")
    assert text.startswith("Your role in oiar doesn't allow that")
    await slack.idle()
