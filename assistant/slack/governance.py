"""`/oiar initiatives`, `/oiar seams`, `/oiar constraint` and `/oiar decisions`.

Bare, each shows its output (roles that read score detail); with `add` (or `set` for the
constraint) it records an entry in plain words, attributed to the person who typed it.
Initiatives are added and removed by facilitators and admins only (the tools check).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from slack_bolt.async_app import AsyncApp

from assistant.slack.commands import SlashCommand
from tools import admin, governance
from tools.governance import initiatives
from tools.governance.render import (
    constraint_lines,
    decision_lines,
    investment_lines,
    seam_lines,
)
from tools.governance.text import parse_initiative

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

_ENTRY_KINDS = {"seams": "seam", "decisions": "decision", "constraint": "constraint"}
_VERBS = {"seams": "add", "decisions": "add", "constraint": "set"}


def _verb(args: str) -> tuple[str, str]:
    verb, _, rest = args.partition(" ")
    return verb.lower(), rest.strip()


async def _report_lines(ctx: SlackContext, command: SlashCommand, name: str) -> str:
    who = command.who
    report = await asyncio.to_thread(governance.report, ctx.store, who.caller, who.org_id)
    cur = report.score.currency
    lines = {
        "seams": lambda: seam_lines(report.seams, cur),
        "decisions": lambda: decision_lines(report.decisions, cur),
        "constraint": lambda: constraint_lines(report.constraint, cur),
        "initiatives": lambda: investment_lines(report.investments, cur),
    }[name]()
    return "\n".join(lines)


async def on_entry(ctx: SlackContext, command: SlashCommand) -> None:
    """Show the output, or record `add …` / `set …` as the caller's own entry."""
    verb, rest = _verb(command.args)
    if not command.args:
        await command.reply(await _report_lines(ctx, command, command.name))
        return
    expected = _VERBS[command.name]
    if verb != expected or not rest:
        await command.reply(
            f"Try `/oiar {command.name}` to see it, or `/oiar {command.name} "
            f"{expected} …` to enter one."
        )
        return
    who = command.who
    kind = _ENTRY_KINDS[command.name]
    entry = await asyncio.to_thread(
        governance.add_entry,
        ctx.store,
        who.caller,
        who.org_id,
        kind,
        text=rest,
        respondent_id=who.respondent_id,
    )
    shown = ", ".join(f"{k}: {v}" for k, v in entry.data.items())
    await command.reply(f"Recorded your {kind} ({shown}). Thank you.")


async def on_initiatives(ctx: SlackContext, command: SlashCommand) -> None:
    verb, rest = _verb(command.args)
    who = command.who
    if not command.args:
        await command.reply(await _report_lines(ctx, command, "initiatives"))
        return
    if verb == "add" and rest:
        org = await asyncio.to_thread(admin.get_org, ctx.store, who.caller, who.org_id)
        fields = parse_initiative(rest, org.currency)
        view = await asyncio.to_thread(
            initiatives.add_initiative, ctx.store, who.caller, who.org_id, **fields
        )
        await command.reply(f"Added initiative *{view.name}*. `/oiar initiatives` ranks them.")
        return
    if verb == "remove" and rest:
        await asyncio.to_thread(
            initiatives.remove_initiative, ctx.store, who.caller, who.org_id, rest
        )
        await command.reply(f"Removed initiative *{rest}*.")
        return
    await command.reply(
        "Try `/oiar initiatives` for the ranked sequence, `/oiar initiatives add Seam owners | "
        "$60k | handoff_failure 40%`, or `/oiar initiatives remove Seam owners`."
    )


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def entry_command(command: SlashCommand) -> None:
        await on_entry(ctx, command)

    async def initiatives_command(command: SlashCommand) -> None:
        await on_initiatives(ctx, command)

    ctx.commands.add(
        "initiatives",
        initiatives_command,
        usage="/oiar initiatives [add name | cost | driver 40%]",
        summary="the ranked investment sequence, or enter an initiative",
    )
    ctx.commands.add(
        "seams",
        entry_command,
        usage="/oiar seams [add Ops -> Transport: 6 a month, $4k each, owner unclear]",
        summary="the seam-risk map, or enter a handoff you see fail",
    )
    ctx.commands.add(
        "constraint",
        entry_command,
        usage="/oiar constraint [set production | 400-ton press | throughput]",
        summary="what governs the system and the drags on it, or name it",
    )
    ctx.commands.add(
        "decisions",
        entry_command,
        usage="/oiar decisions [add Capex | CFO | 1 a month | 25 days | 10 days]",
        summary="decision rights and cadence, worst first, or enter a decision type",
    )
