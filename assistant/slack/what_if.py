"""`/oiar whatif …`: re-price the organization's answers with a figure changed.

Two forms: plain words (`/oiar whatif approvals took 1 day`), read by the rules driver like the
question "what if approvals took 1 day?" in chat, or `key=value` pairs
(`/oiar whatif decision_wait_days=1 day handoff_failures_per_month=2`). The reply is ephemeral:
the new ranking with each domain's change. Bad keys and values are answered with what is wrong.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from slack_bolt.async_app import AsyncApp

from assistant.slack.commands import COMMAND, SlashCommand
from scoring import ScoringError
from tools.analysis import what_if
from tools.errors import ToolError

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

USAGE = f"{COMMAND} whatif approvals took 1 day  |  {COMMAND} whatif decision_wait_days=1"
# `key=value` pairs whose values may hold spaces: a value runs until the next `key=`.
_PAIR = re.compile(r"([A-Za-z_]\w*)\s*=\s*(.+?)(?=\s+[A-Za-z_]\w*\s*=|$)")


def pairs_of(args: str) -> list[str]:
    """`"a=1 day b=2"` -> `["a=1 day", "b=2"]`."""
    return [f"{key}={value.strip()}" for key, value in _PAIR.findall(args)]


def _priced(ctx: SlackContext, command: SlashCommand) -> str:
    caller, store = command.who.caller, ctx.store
    if "=" not in command.args:
        return ctx.engine.ask(caller, f"what if {command.args}")
    try:
        currency = what_if.org_currency(store, caller.org_id)
        overrides = what_if.parse_assignments(pairs_of(command.args), currency=currency)
        result = what_if.what_if_for_chat(store, caller, overrides)
    except (ScoringError, ToolError) as exc:
        return f"I can't price that: {exc}"
    return what_if.what_if_text(result, changes=what_if.describe_overrides(result))


async def on_whatif(ctx: SlackContext, command: SlashCommand) -> None:
    if not command.args:
        await command.reply(f"Try `{USAGE}`.")
        return
    await command.reply(await asyncio.to_thread(_priced, ctx, command))


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def whatif_command(command: SlashCommand) -> None:
        await on_whatif(ctx, command)

    ctx.commands.add(
        "whatif",
        whatif_command,
        usage=f"{COMMAND} whatif approvals took 1 day",
        summary="re-price the ranking with one figure changed (or key=value pairs)",
    )
