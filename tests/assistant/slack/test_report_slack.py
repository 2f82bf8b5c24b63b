"""`/oiar report` in Slack: the summary people read, and the chart uploaded as a PNG."""

from __future__ import annotations

import pytest
from slack_support import SlackApp, texts

from scoring.explain import money
from tools import analysis
from tools.store import privacy as privacy_store

pytestmark = pytest.mark.anyio

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def test_slash_report_posts_summary_and_uploads_chart_png(slack: SlackApp) -> None:
    await slack.user("UOWEN").command("report")

    post = (await slack.fake.until("chat.postMessage"))[0]
    upload = (await slack.fake.until("upload"))[0]
    complete = (await slack.fake.until("files.completeUploadExternal"))[0]
    reply = (await slack.fake.until("response_url"))[0]
    await slack.idle()
    result = analysis.results_as_shown(slack.runtime.ctx.store, slack.org_id)
    shown = texts(post.args["blocks"])
    assert post.args["channel"] == "C0GENERAL"
    assert shown.startswith("Operating Income at Risk — Alpha Co")
    total = result.total
    assert f"About *{money(total.mean, 'USD')} a year*" in shown
    assert f"(P10–P90 {money(total.p10, 'USD')}–{money(total.p90, 'USD')})" in shown
    for rank, domain in enumerate(result.domains[:3], start=1):
        assert f"{rank}. {domain.label}: about {money(domain.mean, 'USD')} a year" in shown
    assert result.input_sha256[:12] in shown
    assert upload.args["content"].startswith(PNG_SIGNATURE)
    assert len(upload.args["content"]) > 10_000
    assert complete.args["channel_id"] == "C0GENERAL"
    assert complete.args["files"][0]["id"] == upload.args["file_id"]
    assert complete.args["files"][0]["title"].startswith("Operating Income at Risk by domain")
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["text"] == "Posted the report summary and chart here."
    # The read is in the organization's access log, by role (Slack has no key id).
    with slack.runtime.ctx.store.read() as session:
        logged = privacy_store.list_access(session, slack.org_id, limit=5)
    assert [(r.route, r.channel, r.key_id) for r in logged] == [
        ("slack /oiar report", "slack", None)
    ]


async def test_slash_report_needs_a_role_that_reads_results(slack: SlackApp) -> None:
    await slack.user("UDANA").command("report")

    reply = (await slack.fake.until("response_url"))[0]
    await slack.idle()
    assert "Your role in oiar doesn't allow that" in reply.args["text"]
    assert slack.fake.of("chat.postMessage") == []
    assert slack.fake.of("upload") == []


async def test_slash_report_outside_the_channel_answers_privately(slack: SlackApp) -> None:
    slack.fake.errors["chat.postMessage"] = "not_in_channel"

    await slack.user("UOWEN").command("report")

    reply = (await slack.fake.until("response_url"))[0]
    await slack.idle()
    assert reply.args["text"].startswith("*Operating Income at Risk — Alpha Co*")
    assert "invite me with `/invite @oiar`" in reply.args["text"]
    assert slack.fake.of("upload") == []


async def test_slash_help_lists_report(slack: SlackApp) -> None:
    response = await slack.user("UOWEN").command("help")

    assert "`/oiar report`: post the ranked OIaR summary and chart" in response.text


def test_report_summary_escapes_slack_control_characters() -> None:
    from assistant.slack.report import slack_escape

    assert slack_escape("R&D <!channel> a > b") == "R&amp;D &lt;!channel&gt; a &gt; b"
