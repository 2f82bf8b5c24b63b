"""`/oiar report`: the board summary and the ranked chart, posted to the channel it was typed in.

The summary is a message (mrkdwn) everyone in the channel reads; the chart follows as a PNG
uploaded with `files_upload_v2`. Roles that may read score detail only (admin, facilitator,
viewer). When the app cannot post there (not invited), the person gets the summary privately
and a line saying how to invite the app.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from assistant.slack.commands import COMMAND, SlashCommand
from tools import privacy

if TYPE_CHECKING:
    from assistant.reports import Report
    from assistant.slack.context import SlackContext

logger = logging.getLogger("oiar.slack")

CHART_FILENAME = "oiar-ranked-domains.png"
CANNOT_POST = ("not_in_channel", "channel_not_found", "is_archived", "restricted_action")


def _build(ctx: SlackContext, command: SlashCommand) -> tuple[Report, str, bytes]:
    # Imported here: matplotlib and pandas load only when someone asks for a report.
    from assistant.reports import org_report
    from assistant.reports.charts import ranked_png
    from assistant.reports.markdown import summary_mrkdwn

    report = org_report(ctx.store, command.who.caller, command.who.org_id)
    privacy.record_access(
        ctx.store, command.who.caller, route="slack /oiar report", target=command.who.org_id
    )
    return report, slack_escape(summary_mrkdwn(report)), ranked_png(report)


def slack_escape(text: str) -> str:
    """Names and departments are people's text: `<!channel>` in one must not ping anyone."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def summary_blocks(summary: str, report: Report) -> list[dict[str, Any]]:
    head, _, rest = summary.partition("\n")
    *body, audit = rest.split("\n")
    return [
        {"type": "header", "text": {"type": "plain_text", "text": head.strip("*")[:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(body)[:3000]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": audit}]},
    ]


async def on_report(ctx: SlackContext, command: SlashCommand) -> None:
    report, summary, chart = await asyncio.to_thread(_build, ctx, command)
    channel = command.channel_id
    if not channel:
        await command.reply(summary)
        return
    try:
        await command.client.chat_postMessage(
            channel=channel, text=summary, blocks=summary_blocks(summary, report)
        )
        await command.client.files_upload_v2(
            channel=channel,
            content=chart,
            filename=CHART_FILENAME,
            title=f"Operating Income at Risk by domain — {report.organization}",
            alt_txt="Domains ranked by operating income at risk, with P10–P90 ranges",
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error"))
        if error not in CANNOT_POST:
            raise
        logger.info("%s report: cannot post in %s (%s)", COMMAND, channel, error)
        await command.reply(
            f"{summary}\n\n_I can't post in this channel ({error}); invite me with "
            f"`/invite @oiar` to share the report and its chart here._"
        )
        return
    await command.reply("Posted the report summary and chart here.")


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def report_command(command: SlashCommand) -> None:
        await on_report(ctx, command)

    ctx.commands.add(
        "report",
        report_command,
        usage=f"{COMMAND} report",
        summary="post the ranked OIaR summary and chart in this channel",
    )
