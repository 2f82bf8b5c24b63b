"""`/oiar round [open LABEL | close | plan]` and `/oiar trend`: quarterly rounds from Slack.

Facilitators and admins open and close rounds; the trend and the plan are for roles that read
score detail. Every reply is ephemeral, to the person who typed the command.
"""

from __future__ import annotations

import asyncio

from slack_bolt.async_app import AsyncApp

from assistant.slack.commands import SlashCommand
from assistant.slack.context import SlackContext
from assistant.slack.report import slack_escape
from tools import admin, rounds
from tools.rounds.render import plan_lines, rounds_lines, trend_lines

USAGE = "Try `/oiar round open 2027-Q1`, `/oiar round close`, `/oiar round plan` or `/oiar trend`."


def _verb(args: str) -> tuple[str, str]:
    verb, _, rest = args.strip().partition(" ")
    return verb.lower(), rest.strip()


def _code(lines: list[str]) -> str:
    return "```" + slack_escape("\n".join(lines)) + "```"


async def on_round(ctx: SlackContext, command: SlashCommand) -> None:
    who = command.who
    verb, rest = _verb(command.args)
    org = await asyncio.to_thread(admin.get_org, ctx.store, who.caller, who.org_id)
    listed = await asyncio.to_thread(rounds.list_rounds, ctx.store, who.caller, who.org_id)
    if verb in ("", "list"):
        await command.reply(_code(rounds_lines(listed, org.currency)))
        return
    if verb == "open" and rest:
        view = await asyncio.to_thread(
            rounds.open_round,
            ctx.store,
            who.caller,
            who.org_id,
            label=rest,
            opened_by=f"slack:{who.caller.respondent_id or 'operator'}",
        )
        await command.reply(
            f"Opened *{slack_escape(view.label)}*: interviews and answers from now on belong to "
            f"it ({view.answers} so far). `/oiar round close` freezes it."
        )
        return
    open_now = [r for r in listed if r.status == "open"]
    if verb == "close":
        if not open_now:
            await command.reply("No round is open. " + USAGE)
            return
        detail = await asyncio.to_thread(
            rounds.close_round, ctx.store, who.caller, who.org_id, open_now[0].id
        )
        head = f"Closed *{slack_escape(detail.round.label)}*; its figures are frozen."
        await command.reply(
            head + "\n*90-day sprint plan*\n" + _code(plan_lines(detail.plan, org.currency))
        )
        return
    if verb == "plan":
        closed = [r for r in listed if r.status == "closed"]
        if not closed:
            await command.reply("No round has been closed yet: the plan comes from a closed round.")
            return
        detail = await asyncio.to_thread(
            rounds.get_round, ctx.store, who.caller, who.org_id, closed[-1].id
        )
        await command.reply(
            f"*{slack_escape(detail.round.label)} sprint plan*\n"
            + _code(plan_lines(detail.plan, org.currency))
        )
        return
    await command.reply(USAGE)


async def on_trend(ctx: SlackContext, command: SlashCommand) -> None:
    who = command.who
    built = await asyncio.to_thread(rounds.trend, ctx.store, who.caller, who.org_id)
    await command.reply(_code(trend_lines(built)))


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def round_command(command: SlashCommand) -> None:
        await on_round(ctx, command)

    async def trend_command(command: SlashCommand) -> None:
        await on_trend(ctx, command)

    ctx.commands.add(
        "round",
        round_command,
        usage="/oiar round [open 2027-Q1 | close | plan]",
        summary="assessment rounds: open one a quarter, close it to freeze it and plan the sprint",
    )
    ctx.commands.add(
        "trend",
        trend_command,
        usage="/oiar trend",
        summary="OIaR per round, what changed since last quarter and how sure it fell",
    )
