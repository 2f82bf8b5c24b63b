"""`/oiar invite <@person | name> [days]`: a facilitator makes an interview link in Slack.

The link goes to the facilitator alone, in a DM from the app (never into the channel the
command was typed in): they pass it on themselves. The channel gets an ephemeral note. Links
start with OIAR_PUBLIC_URL (Slack's requests say nothing of where respondents reach the
server), so without it the command says to set it.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

from slack_bolt.async_app import AsyncApp

from assistant.slack.commands import SlashCommand
from assistant.slack.context import SlackContext
from assistant.slack.identity import Who
from assistant.slack.report import slack_escape
from tools import admin, web
from tools.access import require
from tools.slack import workspaces as ws

USAGE = "Try `/oiar invite @Dana` or `/oiar invite Dana Ruiz 7` (days until it expires)."
_MENTION = re.compile(r"^<@([A-Z0-9]+)(?:\|[^>]*)?>$")
_DAYS = re.compile(r"^(\d{1,3})d?$")


def parse(args: str) -> tuple[str, int]:
    """`"<@U1> 7"` -> `("<@U1>", 7)`; the days default to the invite's own default."""
    words = args.split()
    if len(words) > 1 and (found := _DAYS.fullmatch(words[-1])) is not None:
        return " ".join(words[:-1]), int(found.group(1))
    return " ".join(words), web.DEFAULT_DAYS


async def _respondent_id(ctx: SlackContext, command: SlashCommand, person: str) -> str | None:
    """The respondent a mention, an id or an exact name names (case-insensitive)."""
    who = command.who
    mention = _MENTION.fullmatch(person)
    if mention is not None:
        user, _ = await ctx.identities.person(who.team, mention.group(1), command.client)
        return await asyncio.to_thread(
            lambda: ws.slack_respondent(ctx.store, org_id=who.org_id, person=user)
        )
    wanted = person.removeprefix("@").strip().lower()
    listed = await asyncio.to_thread(admin.list_respondents, ctx.store, who.caller, who.org_id)
    for respondent in listed:
        if wanted in (respondent.id.lower(), respondent.name.lower()):
            return respondent.id
    return None


def _date(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


async def _dm(command: SlashCommand, who: Who, text: str) -> None:
    channel = (await command.client.conversations_open(users=who.user_id))["channel"]["id"]
    # No unfurl: Slack's previewer fetching the link must not be its first open.
    await command.client.chat_postMessage(
        channel=channel, text=text, unfurl_links=False, unfurl_media=False
    )


async def on_invite(ctx: SlackContext, command: SlashCommand) -> None:
    who = command.who
    person, days = parse(command.args)
    if not person:
        await command.reply(USAGE)
        return
    if not ctx.config.public_url:
        await command.reply(
            "Invitation links need the address respondents reach oiar at: ask the operator "
            "to set OIAR_PUBLIC_URL, then try again."
        )
        return
    # Checked before looking anyone up: a respondent may not learn who else is interviewed.
    require(who.caller, "invite")
    respondent_id = await _respondent_id(ctx, command, person)
    if respondent_id is None:
        await command.reply(
            f"I don't know {slack_escape(person)} here: give their @mention, or their name "
            "exactly as oiar has it. " + USAGE
        )
        return
    made = await asyncio.to_thread(
        lambda: web.create_invite(
            ctx.store,
            who.caller,
            who.org_id,
            respondent_id=respondent_id,
            base_url=ctx.config.public_url or "",
            expires_in_days=days,
            created_by=who.name,
        )
    )
    name = slack_escape(made.respondent_name)
    await _dm(
        command,
        who,
        f"Interview link for *{name}* (single use, expires {_date(made.expires_at)}). "
        f"Send it to them yourself; whoever opens it first answers as {name}:\n{made.url}",
    )
    await command.reply(
        f"I sent you the link for *{name}* in a DM. `/oiar invite` again makes a new one; "
        "an admin can withdraw one from the API or `oiar invite revoke`."
    )


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def invite_command(command: SlashCommand) -> None:
        await on_invite(ctx, command)

    ctx.commands.add(
        "invite",
        invite_command,
        usage="/oiar invite @person [days]",
        summary="an interview link for one person, sent to you in a DM to pass on",
    )
