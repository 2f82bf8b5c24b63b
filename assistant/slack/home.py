"""App Home: the person's interview progress with a Continue button, the organization's top
three drags and, once a round is closed, its 90-day sprint and how far it has come (roles that
read score detail). Published on `app_home_opened` (after the ack) and after Continue."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from assistant.slack import blocks as bk
from assistant.slack.boundary import guard
from assistant.slack.dedup import first_delivery
from assistant.slack.identity import TeamRef, Who
from assistant.slack.interview import open_dm
from scoring import ScoreResult
from scoring.explain import money
from tools import analysis, rounds
from tools.errors import ForbiddenError
from tools.interview import InterviewView, current_interview
from tools.rounds import RoundDetail

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

TOP = 3


def _progress_blocks(current: InterviewView | None) -> list[dict[str, Any]]:
    if current is None:
        text = (
            "*Your interview*\nAbout execution drag: the approvals, handoffs and workarounds "
            "that slow the company down. 15–25 questions, about 10–15 minutes."
        )
        label = "Start the interview"
    elif current.status == "done":
        return [bk.section(f"*Your interview* is complete: {current.progress.answered} answered.")]
    else:
        p = current.progress
        text = f"*Your interview*: {p.answered + p.skipped} of {p.total} done ({current.status})."
        label = "Continue"
    block = bk.section(text)
    block["accessory"] = bk.button(label, bk.CONTINUE, "continue", style="primary")
    return [block]


def drag_lines(result: ScoreResult, top: int = TOP) -> list[str]:
    cur = result.currency
    return [
        f"*{d.rank}. {d.label}*: about {money(d.mean, cur)} a year "
        f"(P10–P90 {money(d.p10, cur)}–{money(d.p90, cur)}; {d.bps_of_revenue:.0f} bps of revenue)"
        for d in result.domains[:top]
    ]


def sprint_lines(plan: RoundDetail) -> list[str]:
    """The latest closed round's sprint: progress, then each item with its status."""
    items = plan.plan
    done = sum(1 for i in items if i.status == "done")
    moving = sum(1 for i in items if i.status == "in_progress")
    lines = [
        f"*90-day sprint from {plan.round.label}*: {done} of {len(items)} done, "
        f"{moving} in progress"
    ]
    marks = {"done": "✓", "in_progress": "…", "planned": "○", "dropped": "✗"}
    lines += [f"{marks[i.status]} wk {i.due_week}: {i.title}" for i in items]
    return lines


def home_view(
    who: Who,
    current: InterviewView | None,
    result: ScoreResult | None,
    sprint: RoundDetail | None = None,
) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": "oiar: Operating Income at Risk"},
        },
        *_progress_blocks(current),
        {"type": "divider"},
    ]
    org = who.workspace.org_name
    if result is None:
        blocks.append(bk.context(f"Results for {org} are not visible to your role."))
    else:
        blocks.append(bk.section(f"*Top drags at {org}*\n" + "\n".join(drag_lines(result))))
        note = "Ranges are P10–P90. Ask `@oiar why <domain>` in a channel for what's behind one."
        blocks.append(bk.context(note))
    if sprint is not None and sprint.plan:
        blocks += [{"type": "divider"}, bk.section("\n".join(sprint_lines(sprint))[:3000])]
    if who.workspace.placeholder_profile:
        blocks.append(bk.context(bk.placeholder_note(org)))
    return {"type": "home", "blocks": blocks}


def _latest_plan(ctx: SlackContext, who: Who) -> RoundDetail | None:
    """The latest closed round with its plan, for roles that read score detail."""
    try:
        listed = rounds.list_rounds(ctx.store, who.caller, who.org_id)
    except ForbiddenError:
        return None
    closed = [r for r in listed if r.status == "closed"]
    if not closed:
        return None
    return rounds.get_round(ctx.store, who.caller, who.org_id, closed[-1].id)


def _home_data(
    ctx: SlackContext, who: Who
) -> tuple[InterviewView | None, ScoreResult | None, RoundDetail | None]:
    current = current_interview(ctx.store, who.caller, who.respondent_id)
    try:
        result: ScoreResult | None = analysis.results_for_chat(ctx.store, who.caller)
    except ForbiddenError:
        result = None
    return current, result, _latest_plan(ctx, who)


async def publish_home(ctx: SlackContext, client: AsyncWebClient, who: Who) -> None:
    current, result, sprint = await asyncio.to_thread(_home_data, ctx, who)
    await client.views_publish(user_id=who.user_id, view=home_view(who, current, result, sprint))


class Home:
    def __init__(self, ctx: SlackContext) -> None:
        self.ctx = ctx

    async def on_opened(
        self,
        event: dict[str, Any],
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        if event.get("tab", "home") != "home":
            return
        team, user_id = TeamRef.of(context), str(event.get("user"))

        async def work() -> None:
            if not await first_delivery(self.ctx, body):
                return
            who = await self.ctx.identities.who(team, user_id, client)
            await publish_home(self.ctx, client, who)

        self.ctx.tasks.spawn(guard(work(), say=_nowhere, what="app home"), name="app-home")

    async def on_continue(
        self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await ack()
        team, user_id = TeamRef.of(context), str((body.get("user") or {}).get("id"))

        async def work() -> None:
            async with self.ctx.user_lock(team, user_id):
                who = await self.ctx.identities.who(team, user_id, client)
                await open_dm(self.ctx, client, who)
                await publish_home(self.ctx, client, who)

        self.ctx.tasks.spawn(guard(work(), say=_nowhere, what="continue"), name="continue")


async def _nowhere(text: str) -> None:
    """App Home has no conversation to apologize in; the boundary has logged the error."""


def register(app: AsyncApp, ctx: SlackContext) -> None:
    home = Home(ctx)
    app.event("app_home_opened")(home.on_opened)
    app.action(bk.CONTINUE)(home.on_continue)
