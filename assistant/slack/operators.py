"""Operators' questions: `@oiar …` in a channel (answered in the thread) and the
`/oiar drag | why <domain> | status | profile` subcommands.

Answers come from the engine (`Engine.ask`: the driver and the analysis tools), with the
caller's role: tools decide what each role may read.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from assistant.drivers.intents import match_domain
from assistant.slack import blocks as bk
from assistant.slack.boundary import guard
from assistant.slack.commands import COMMAND, SlashCommand
from assistant.slack.dedup import first_delivery
from assistant.slack.identity import TeamRef, Who
from assistant.slack.profile import parse_profile
from prompts import render
from scoring import DOMAINS
from tools import admin
from tools.interview import current_interview
from tools.slack import workspaces as ws

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
ASK_HELP = (
    "I answer questions about your organization's results, for example: "
    "_what's our biggest drag?_, _why hiring?_, _where does the money leak?_ "
    f"Type `{COMMAND} help` for commands."
)


def question_of(text: str) -> str:
    """The question in a mention, without the `<@U…>` mentions."""
    return " ".join(_MENTION.sub(" ", text).split())


def _ask(ctx: SlackContext, who: Who, question: str) -> str:
    if not question:
        return ASK_HELP
    reply = ctx.engine.ask(who.caller, question)
    return ASK_HELP if reply == render("not_understood") else reply


async def answer(ctx: SlackContext, who: Who, question: str) -> tuple[str, list[dict[str, Any]]]:
    """(text, blocks) answering an operator's question with the caller's own organization."""
    text = await asyncio.to_thread(_ask, ctx, who, question)
    workspace = who.workspace
    return text, bk.answer_blocks(
        text, org_name=workspace.org_name, placeholder=workspace.placeholder_profile
    )


class Operators:
    def __init__(self, ctx: SlackContext) -> None:
        self.ctx = ctx

    async def on_mention(
        self,
        event: dict[str, Any],
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        channel = str(event.get("channel") or "")
        if channel.startswith("D"):  # a DM: the interview's message listener has it
            return
        team, user_id = TeamRef.of(context), str(event.get("user"))
        thread_ts = str(event.get("thread_ts") or event.get("ts"))
        question = question_of(str(event.get("text") or ""))

        async def say(text: str) -> None:
            await client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)

        async def work() -> None:
            if not await first_delivery(self.ctx, body):
                return
            who = await self.ctx.identities.who(team, user_id, client)
            text, blocks = await answer(self.ctx, who, question)
            await client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, text=text, blocks=blocks
            )

        self.ctx.tasks.spawn(guard(work(), say=say, what="mention"), name="mention")

    async def drag(self, command: SlashCommand) -> None:
        text, blocks = await answer(self.ctx, command.who, "what's our biggest drag?")
        await command.reply(text=text, blocks=blocks)

    async def why(self, command: SlashCommand) -> None:
        domain = match_domain(command.args) if command.args else None
        if domain is None:
            names = ", ".join(d.label for d in DOMAINS)
            named = f"`{command.args}` is not" if command.args else "Name"
            await command.reply(
                f"{named} a domain I know. Try `{COMMAND} why hiring`, or one of: {names}."
            )
            return
        label = next(d.label for d in DOMAINS if d.key == domain)
        text, blocks = await answer(self.ctx, command.who, f"why {label}")
        await command.reply(text=text, blocks=blocks)

    async def status(self, command: SlashCommand) -> None:
        who = command.who
        current = await asyncio.to_thread(
            current_interview, self.ctx.store, who.caller, who.respondent_id
        )
        if current is None:
            mine = "You haven't started your interview yet: open my *Home* tab and press *Start*."
        elif current.status == "done":
            mine = f"Your interview is complete: *{current.progress.answered} answered*."
        else:
            p = current.progress
            mine = (
                f"Your interview: *{p.answered} of {p.total}* answered, {p.skipped} skipped "
                f"({current.status}). Say anything in our DM to continue."
            )
        lines = [f"You are *{who.caller.role}* in *{who.workspace.org_name}*.", mine]
        if who.caller.role in ("admin", "facilitator") and "campaign" in self.ctx.commands.names():
            lines.append(f"`{COMMAND} campaign status` shows who has answered.")
        if who.workspace.placeholder_profile:
            lines.append(bk.placeholder_note(who.workspace.org_name))
        await command.reply("\n".join(lines))

    async def profile(self, command: SlashCommand) -> None:
        changes = parse_profile(command.args)
        who = command.who
        org = await asyncio.to_thread(
            admin.update_org, self.ctx.store, who.caller, who.org_id, changes
        )
        await asyncio.to_thread(ws.confirm_profile, self.ctx.store, who.org_id)
        await command.reply(
            f"Profile of *{org.name}* saved: revenue {org.revenue:,.0f} {org.currency}, "
            f"operating margin {org.operating_margin:.1%}, headcount {org.headcount:,}, "
            f"industry {org.industry}."
        )


def register(app: AsyncApp, ctx: SlackContext) -> None:
    ops = Operators(ctx)
    app.event("app_mention")(ops.on_mention)
    table = ctx.commands
    table.add("drag", ops.drag, usage=f"{COMMAND} drag", summary="our biggest drag, priced")
    table.add(
        "why", ops.why, usage=f"{COMMAND} why <domain>", summary="what's behind a domain's figure"
    )
    table.add("status", ops.status, usage=f"{COMMAND} status", summary="where you and we stand")
    table.add(
        "profile",
        ops.profile,
        usage=f"{COMMAND} profile revenue=250M margin=12% headcount=1200 industry=manufacturing",
        summary="set the organization's profile (workspace owners)",
    )
