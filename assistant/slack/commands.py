"""The `/oiar` subcommand table and the invocation a subcommand handler receives.

The dispatcher that reads the table lives in `slash`, so this module needs nothing of the
Slack context and every listener module can import it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from assistant.slack.identity import Who

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
