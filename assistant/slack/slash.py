"""The `/oiar` slash command: one dispatcher over the subcommand table.

`/oiar <name> <args>` is acknowledged at once; the named subcommand's handler then runs in the
background with the caller resolved (`SlashCommand.who`) and replies through `respond`
(ephemeral, via the command's response_url). `help` (or nothing) lists the table.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from assistant.slack.boundary import guard
from assistant.slack.commands import COMMAND, SlashCommand, split
from assistant.slack.context import SlackContext
from assistant.slack.identity import TeamRef


def register(app: AsyncApp, ctx: SlackContext) -> None:
    @app.command(COMMAND)
    async def on_oiar(
        ack: AsyncAck,
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
        respond: AsyncRespond,
    ) -> None:
        name, args = split(str(body.get("text") or ""))
        if name in ("", "help"):
            await ack(ctx.commands.help_text())
            return
        sub = ctx.commands.get(name)
        if sub is None:
            await ack(f"I don't know `{COMMAND} {name}`.\n{ctx.commands.help_text()}")
            return
        await ack()
        team, user_id = TeamRef.of(context), str(body.get("user_id") or context.user_id)

        async def run() -> None:
            who = await ctx.identities.who(team, user_id, client)
            command = SlashCommand(
                name=name,
                args=args,
                who=who,
                channel_id=body.get("channel_id"),
                trigger_id=body.get("trigger_id"),
                client=client,
                respond=respond,
                body=body,
            )
            await sub.handler(command)

        ctx.tasks.spawn(
            guard(
                run(),
                say=lambda text: respond(text, response_type="ephemeral"),
                what=f"{COMMAND} {name}",
            ),
            name=f"slash-{name}",
        )
