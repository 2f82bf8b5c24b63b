"""The `/oiar` slash command: one dispatcher, a table of subcommands any module can add to.

`/oiar <name> <args>` is acknowledged at once; the named subcommand's handler then runs in the
background with the caller resolved (`SlashCommand.who`) and replies through `respond`
(ephemeral, via the command's response_url). `help` (or nothing) lists the table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from assistant.slack.boundary import guard
from assistant.slack.identity import TeamRef, Who

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

COMMAND = "/oiar"


@dataclass(frozen=True, slots=True)
class SlashCommand:
    """One `/oiar` invocation, with its caller resolved from Bolt's context."""

    name: str
    args: str
    who: Who
    channel_id: str | None
    trigger_id: str | None
    client: AsyncWebClient
    respond: AsyncRespond
    body: dict[str, Any]

    async def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """Answer only the person who typed the command (ephemeral, via response_url)."""
        await self.respond(text=text, blocks=blocks, response_type="ephemeral")


SubcommandHandler = Callable[[SlashCommand], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Subcommand:
    name: str
    handler: SubcommandHandler
    usage: str
    summary: str


class CommandTable:
    """Subcommand name -> handler; modules add theirs in `register(app, ctx)`."""

    def __init__(self) -> None:
        self._table: dict[str, Subcommand] = {}

    def add(self, name: str, handler: SubcommandHandler, *, usage: str, summary: str) -> None:
        if name in self._table or name == "help":
            msg = f"/oiar {name} is registered twice"
            raise ValueError(msg)
        self._table[name] = Subcommand(name=name, handler=handler, usage=usage, summary=summary)

    def get(self, name: str) -> Subcommand | None:
        return self._table.get(name)

    def names(self) -> list[str]:
        return list(self._table)

    def help_text(self) -> str:
        lines = [f"• `{c.usage}`: {c.summary}" for c in self._table.values()]
        lines.append(f"• `{COMMAND} help`: this list")
        return "*What `/oiar` can do*\n" + "\n".join(lines)


def split(text: str) -> tuple[str, str]:
    """`"why hiring"` -> `("why", "hiring")`; names are case-insensitive."""
    name, _, args = text.strip().partition(" ")
    return name.lower(), args.strip()


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
