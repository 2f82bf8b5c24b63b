"""`/oiar campaign`: launch an interview campaign from a modal, follow it, remind, post results.

- `/oiar campaign` opens the launch modal (people or a user group, due date, results channel,
  attribution); its second step asks each person's department. Launching DMs every person an
  invitation whose Start button is the interview's own Continue action.
- `/oiar campaign status` shows the newest campaign: who has finished, who has been reminded.
- A background loop (`reminder_loop`, started with the app) calls `tick(ctx, now)` every
  minute: it DMs the reminders this process claimed and posts ready summaries to the results
  channel. Claims are row-locked in the store, so several app processes never send one twice.

Decisions: the due date picked in the modal means 17:00 in the facilitator's time zone; each
person's time zone comes from users.info (`tz`), UTC when Slack gives none.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from assistant.slack import blocks as bk
from assistant.slack import campaign_blocks as cb
from assistant.slack.boundary import guard
from assistant.slack.commands import SlashCommand
from assistant.slack.identity import TeamRef
from tools import campaigns
from tools.access import require
from tools.campaigns import MemberIn
from tools.campaigns import worker as campaigns_worker
from tools.campaigns.schedule import zone
from tools.errors import ForbiddenError

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

logger = logging.getLogger("oiar.slack")

TICK_SECONDS = 60.0
DEFAULT_DUE_DAYS = 10
DUE_TIME = time(17, 0)
MAX_PEOPLE = 100


# -- /oiar campaign -----------------------------------------------------------------------------


async def _groups(client: AsyncWebClient) -> list[tuple[str, str]]:
    """The workspace's user groups, when the app may read them (usergroups:read)."""
    try:
        response = await client.usergroups_list()
    except SlackApiError:
        return []
    groups = response.get("usergroups") or []
    return [(str(g["id"]), str(g.get("name") or g.get("handle") or g["id"])) for g in groups]


async def on_campaign(ctx: SlackContext, command: SlashCommand) -> None:
    require(command.who.caller, "manage_people")  # facilitators (Slack admins) and owners
    if command.args.lower() == "status":
        await _status(ctx, command)
        return
    if command.args:
        await command.respond("Try `/oiar campaign` to launch one, `/oiar campaign status`.")
        return
    today = datetime.now(zone(await _tz(command.client, command.who.user_id))).date()
    view = cb.launch_modal(
        default_due=today + timedelta(days=DEFAULT_DUE_DAYS),
        groups=await _groups(command.client),
        channel=command.channel_id if (command.channel_id or "").startswith("C") else None,
    )
    await command.client.views_open(trigger_id=command.trigger_id, view=view)


async def _status(ctx: SlackContext, command: SlashCommand) -> None:
    caller, org_id = command.who.caller, command.who.org_id
    found = await asyncio.to_thread(campaigns.list_campaigns, ctx.store, caller, org_id)
    if not found:
        await command.respond("No campaign yet: `/oiar campaign` launches one.")
        return
    newest = next((c for c in found if c.status == "open"), found[0])
    status = await asyncio.to_thread(
        campaigns.campaign_status, ctx.store, caller, org_id, newest.id
    )
    await command.respond(text=status.progress, blocks=cb.status_blocks(status))


# -- the launch modal ---------------------------------------------------------------------------


def _value(values: dict[str, Any], block: str) -> dict[str, Any]:
    return dict((values.get(block) or {}).get(cb.VALUE) or {})


async def _group_users(client: AsyncWebClient, group: str) -> list[str] | None:
    try:
        response = await client.usergroups_users_list(usergroup=group)
    except SlackApiError:
        return None
    return [str(u) for u in response.get("users") or []]


async def _step_one(
    values: dict[str, Any], client: AsyncWebClient, today: date
) -> tuple[dict[str, Any], dict[str, str]]:
    """The launch modal's values, or errors by block id for Slack to show under the fields."""
    errors: dict[str, str] = {}
    users = list(_value(values, cb.USERS).get("selected_users") or [])
    group = (_value(values, cb.GROUP).get("selected_option") or {}).get("value")
    if group:
        members = await _group_users(client, group)
        if members is None:
            errors[cb.GROUP] = "I couldn't read that group's members; pick people instead."
        users += [u for u in members or [] if u not in users]
    if not users and cb.GROUP not in errors:
        errors[cb.USERS] = "Pick at least one person or a user group."
    elif len(users) > MAX_PEOPLE:
        errors[cb.USERS] = f"At most {MAX_PEOPLE} people per campaign ({len(users)} picked)."
    due = _value(values, cb.DUE).get("selected_date")
    if not due or date.fromisoformat(due) <= today:
        errors[cb.DUE] = "Pick a due date after today."
    name = str(_value(values, cb.NAME).get("value") or "").strip()
    if not name:
        errors[cb.NAME] = "Give the campaign a name."
    attribution = (_value(values, cb.ATTRIBUTION).get("selected_option") or {}).get("value")
    step = {
        "name": name,
        "users": users,
        "due": due,
        "channel": _value(values, cb.CHANNEL).get("selected_conversation"),
        "attribution": attribution or "department",
    }
    return step, errors


async def _known_departments(
    ctx: SlackContext, client: AsyncWebClient, team: TeamRef, user_id: str, users: list[str]
) -> dict[str, str | None]:
    """The departments already known for these people, to prefill step two.

    Only for a submitter who may manage people; anyone else gets blank fields and is refused at
    launch, as before.
    """
    who = await ctx.identities.who(team, user_id, client)
    try:
        return await asyncio.to_thread(
            campaigns.known_departments, ctx.store, who.caller, who.org_id, users
        )
    except ForbiddenError:
        return {}


async def on_launch_submit(
    ctx: SlackContext,
    ack: AsyncAck,
    body: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    values = body["view"]["state"]["values"]
    user_id = str((body.get("user") or {}).get("id"))
    today = datetime.now(zone(await _tz(client, user_id))).date()
    step, errors = await _step_one(values, client, today)
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    known = await _known_departments(ctx, client, TeamRef.of(context), user_id, step["users"])
    await ack(response_action="update", view=cb.departments_modal(step, known))


async def on_departments_submit(
    ctx: SlackContext,
    ack: AsyncAck,
    body: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    view = body["view"]
    step = json.loads(view.get("private_metadata") or "{}")
    values = view["state"]["values"]
    departments: dict[str, str] = {}
    errors: dict[str, str] = {}
    for user in step.get("users") or []:
        block = f"{cb.DEPT_PREFIX}{user}"
        text = str(_value(values, block).get("value") or "").strip()
        if not text:
            errors[block] = "Give a department, e.g. Operations."
        departments[user] = text
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    team, user_id = TeamRef.of(context), str((body.get("user") or {}).get("id"))

    async def tell(text: str) -> None:
        channel = (await client.conversations_open(users=user_id))["channel"]["id"]
        await client.chat_postMessage(channel=channel, text=text)

    ctx.tasks.spawn(
        guard(_launch(ctx, client, team, user_id, step, departments), say=tell, what="campaign"),
        name="campaign-launch",
    )


async def _tz(client: AsyncWebClient, user_id: str) -> str | None:
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError:
        return None
    tz = (response.get("user") or {}).get("tz")
    return str(tz) if tz else None


async def _launch(
    ctx: SlackContext,
    client: AsyncWebClient,
    team: TeamRef,
    facilitator: str,
    step: dict[str, Any],
    departments: dict[str, str],
) -> None:
    boss = await ctx.identities.who(team, facilitator, client)
    due_local = datetime.combine(date.fromisoformat(step["due"]), DUE_TIME)
    due_at = due_local.replace(tzinfo=zone(await _tz(client, facilitator))).astimezone(UTC)
    members: list[MemberIn] = []
    slack_ids: dict[str, str] = {}
    for user in step["users"]:
        who = await ctx.identities.who(team, user, client)
        slack_ids[who.respondent_id] = user
        members.append(
            MemberIn(
                respondent_id=who.respondent_id,
                department=departments.get(user),
                tz=await _tz(client, user),
            )
        )
    status = await asyncio.to_thread(
        lambda: campaigns.create_campaign(
            ctx.store,
            boss.caller,
            boss.org_id,
            name=step["name"],
            due_at=due_at,
            attribution=step["attribution"],
            results_channel=step.get("channel"),
            members=members,
            created_by=f"slack:{facilitator}",
        )
    )
    campaign = status.campaign
    for member in status.members:
        user = slack_ids[member.respondent_id]
        channel = (await client.conversations_open(users=user))["channel"]["id"]
        await client.chat_postMessage(
            channel=channel,
            text=f"You're invited to {campaign.name}",
            blocks=cb.invitation_blocks(
                campaign=campaign.name,
                facilitator=facilitator,
                due_at=campaign.due_at,
                attribution=campaign.attribution,
                department=member.department,
            ),
        )
    mine = (await client.conversations_open(users=facilitator))["channel"]["id"]
    await client.chat_postMessage(
        channel=mine,
        text=f"{campaign.name} launched: {len(status.members)} invited.",
        blocks=[
            *cb.status_blocks(status),
            bk.context("`/oiar campaign status` shows who has finished."),
        ],
    )


# -- reminders and the summary post ----------------------------------------------------------


async def tick(ctx: SlackContext, now: datetime | None = None) -> tuple[int, int]:
    """Send the reminders and summaries due at `now`; (reminders sent, summaries posted)."""
    now = now or datetime.now(UTC)
    claims = await asyncio.to_thread(campaigns_worker.claim_reminders, ctx.store, now)
    sent = 0
    for claim in claims:
        if await _remind(ctx, claim):
            sent += 1
        else:
            await asyncio.to_thread(campaigns_worker.reminder_failed, ctx.store, claim, now)
    summaries = await asyncio.to_thread(campaigns_worker.claim_summaries, ctx.store, now)
    posted = 0
    for summary in summaries:
        if await _post_summary(ctx, summary):
            posted += 1
            await asyncio.to_thread(
                campaigns_worker.summary_posted, ctx.store, summary.campaign.id, now
            )
        else:
            await asyncio.to_thread(campaigns_worker.summary_failed, ctx.store, summary.campaign.id)
    return sent, posted


async def _remind(ctx: SlackContext, claim: campaigns_worker.ReminderClaim) -> bool:
    found = await ctx.client_for_org(claim.org_id)
    if found is None or not claim.slack_user_id:
        # Nobody to reach over Slack: the reminder counts as spent, not retried forever.
        return True
    _, client = found
    try:
        channel = (await client.conversations_open(users=claim.slack_user_id))["channel"]["id"]
        await client.chat_postMessage(
            channel=channel,
            text=f"Reminder: {claim.campaign_name} is due soon",
            blocks=cb.reminder_blocks(claim),
        )
    except SlackApiError as exc:
        logger.warning("reminder to %s failed: %s", claim.slack_user_id, exc.response.get("error"))
        return False
    return True


async def _post_summary(ctx: SlackContext, summary: campaigns_worker.CampaignSummary) -> bool:
    channel = summary.campaign.results_channel
    found = await ctx.client_for_org(summary.campaign.org_id)
    if not channel or found is None:
        return True  # nowhere to post: the campaign still closes
    _, client = found
    try:
        await client.chat_postMessage(
            channel=channel, text=cb.summary_text(summary), blocks=cb.summary_blocks(summary)
        )
    except SlackApiError as exc:
        logger.warning("summary to %s failed: %s", channel, exc.response.get("error"))
        return False
    return True


async def reminder_loop(
    ctx: SlackContext, stop: asyncio.Event, every: float = TICK_SECONDS
) -> None:
    """`tick` every `every` seconds until `stop` is set; a failed tick is logged, not fatal."""
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
        if stop.is_set():
            return
        try:
            await tick(ctx)
        except Exception:
            logger.exception("campaign tick failed")


def _start_loop(ctx: SlackContext) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        logger.warning("no event loop at start: campaign reminders are not running")
        return
    # It ends when the runtime closes its tasks, before their request work drains.
    ctx.tasks.keep_running(
        lambda stop: reminder_loop(ctx, stop, ctx.config.tick_s), name="campaign-reminders"
    )


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def campaign_command(command: SlashCommand) -> None:
        await on_campaign(ctx, command)

    ctx.commands.add(
        "campaign",
        campaign_command,
        usage="/oiar campaign [status]",
        summary="launch an interview campaign, or see who has finished",
    )

    # Bolt injects listener arguments by name; the closures add the shared context.
    async def launch_submit(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await on_launch_submit(ctx, ack, body, client, context)

    async def departments_submit(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await on_departments_submit(ctx, ack, body, client, context)

    app.view(cb.LAUNCH_MODAL)(launch_submit)
    app.view(cb.DEPARTMENTS_MODAL)(departments_submit)
    _start_loop(ctx)
