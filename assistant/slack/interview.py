"""The DM interview: typed answers and buttons and modals all go through the engine (typed
text as a turn, a click as `Engine.choose`), so parsing and the transaction are never
duplicated. After a click the question message is updated to show what was recorded, so the
DM reads as a clean transcript; a Change button on it re-opens the answer.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from assistant.drivers.intents import classify
from assistant.drivers.parsed_intent import Intent
from assistant.drivers.replies import done_message, format_question, paused_text
from assistant.engine import Choice, ChoiceResult, TurnResult
from assistant.slack import blocks as bk
from assistant.slack.boundary import guard, tool_error_text
from assistant.slack.dedup import first_delivery
from assistant.slack.identity import TeamRef, Who
from prompts import render
from tools import interview as iv
from tools.errors import ToolError
from tools.interview import QuestionView
from tools.slack import workspaces as ws

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

logger = logging.getLogger("oiar.slack")

CHANNEL = "slack"


# -- engine and tools (blocking: always called through asyncio.to_thread) ----------------------


def _start_or_resume(ctx: SlackContext, who: Who) -> TurnResult:
    current = iv.current_interview(ctx.store, who.caller, who.respondent_id)
    if current is None:
        return ctx.engine.start(who.caller, respondent_id=who.respondent_id, channel=CHANNEL)
    return ctx.engine.resume(who.caller, current.id)


# Questions about results or the knowledge base, asked before any interview: answered, not
# taken as a hello that opens one (an operator DMing "what's our biggest drag?").
_QUESTIONS = frozenset(
    {Intent.BIGGEST_DRAG, Intent.WHY, Intent.LEAKS, Intent.TREND, Intent.DEFINE, Intent.EVIDENCE}
)


def _text_turn(ctx: SlackContext, who: Who, text: str) -> TurnResult | str:
    """The turn a DM causes; a plain reply (str) when it was a question outside an interview."""
    current = iv.current_interview(ctx.store, who.caller, who.respondent_id)
    if current is None:
        if classify(text, awaiting_answer=False).intent in _QUESTIONS:
            return f"{ctx.engine.ask(who.caller, text)}\n\n{render('slack_start_hint')}"
        # A first message opens the interview; whatever else it said was a hello.
        return ctx.engine.start(who.caller, respondent_id=who.respondent_id, channel=CHANNEL)
    return ctx.engine.turn(who.caller, current.id, text)


def _click(
    ctx: SlackContext,
    who: Who,
    interview_id: str,
    question_id: str,
    choice: Choice,
    value: str = "",
) -> ChoiceResult:
    return ctx.engine.choose(
        who.caller, interview_id, question_id=question_id, choice=choice, value=value
    )


def _question(ctx: SlackContext, who: Who, interview_id: str, question_id: str) -> QuestionView:
    return iv.question_of(ctx.store, who.caller, interview_id, question_id)


# -- posting -----------------------------------------------------------------------------------


def split_reply(turn: TurnResult) -> tuple[str, QuestionView | None]:
    """(lead, question): the driver appends the open question to its reply; Slack shows that
    question as blocks instead, so it is cut from the text."""
    question = turn.question
    if question is None or turn.done:
        return turn.reply, None
    shown = format_question(question)
    if not turn.reply.endswith(shown):
        return turn.reply, None
    return turn.reply[: -len(shown)].strip(), question


async def post_turn(client: AsyncWebClient, channel: str, turn: TurnResult) -> None:
    lead, question = split_reply(turn)
    if question is None:
        await client.chat_postMessage(channel=channel, text=lead, blocks=[bk.section(lead)])
        return
    await client.chat_postMessage(
        channel=channel,
        text=bk.question_text(question, lead=lead),
        blocks=bk.question_blocks(question, turn.interview_id, lead=lead),
    )


async def post_question(
    client: AsyncWebClient, channel: str, interview_id: str, question: QuestionView
) -> None:
    await client.chat_postMessage(
        channel=channel,
        text=bk.question_text(question),
        blocks=bk.question_blocks(question, interview_id),
    )


async def dm_channel(client: AsyncWebClient, user_id: str) -> str:
    response = await client.conversations_open(users=user_id)
    channel: dict[str, Any] = response.get("channel") or {}
    return str(channel["id"])


async def open_dm(
    ctx: SlackContext, client: AsyncWebClient, who: Who, *, channel: str | None = None
) -> None:
    """Start or resume `who`'s interview in their DM: where they stand and the open question."""
    channel = channel or await dm_channel(client, who.user_id)
    turn = await asyncio.to_thread(_start_or_resume, ctx, who)
    await post_turn(client, channel, turn)


async def after_click(
    client: AsyncWebClient, channel: str, ts: str | None, interview_id: str, click: ChoiceResult
) -> None:
    """Show what the click recorded in its message, then what comes next."""
    question, state = click.chosen, click.state
    if click.recorded is None:  # paused
        if ts:
            note = f":pause_button: {paused_text(state)}"
            await client.chat_update(
                channel=channel, ts=ts, text=note, blocks=bk.closed_blocks(question, note)
            )
        return
    outcome = bk.outcome_text(click.recorded.kind, click.recorded.display)
    if ts:
        await client.chat_update(
            channel=channel,
            ts=ts,
            text=f"{question.text}: {outcome}",
            blocks=bk.answered_blocks(question, interview_id, outcome),
        )
    if not click.was_pending:
        new = click.recorded.display or "don't know"
        revised = render(
            "revised", question=question.text, old=click.recorded.previous or "no answer", new=new
        )
        await client.chat_postMessage(channel=channel, text=revised, blocks=[bk.section(revised)])
        return
    if state.status == "done" or state.pending is None:
        # The same closing words as a typed answer gets: "settled" when the stop rule ended it.
        done = done_message(state)
        await client.chat_postMessage(channel=channel, text=done, blocks=[bk.section(done)])
        return
    await post_question(client, channel, interview_id, state.pending)


# -- listeners ---------------------------------------------------------------------------------


def _action_ref(body: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, str] | None]:
    action: dict[str, Any] = (body.get("actions") or [{}])[0]
    return action, bk.parse_ref(str(action.get("block_id") or ""))


async def _first_click(
    ctx: SlackContext, body: dict[str, Any], channel: str, ts: str, question_id: str
) -> bool:
    """Claim a question message's buttons once. The first click replaces them (a Change
    button takes their place), so any later click on the same message is a double click on
    buttons already gone: it is dropped, and the answer is recorded once."""
    place = f"{channel}:{ts}:{question_id}"
    claim = "click:" + hashlib.sha256(place.encode()).hexdigest()[:40]
    first = await asyncio.to_thread(
        ws.claim_event, ctx.store, claim, body.get("team", {}).get("id")
    )
    if not first:
        logger.info("dropping a second click on the buttons of %s", place)
    return first


def _message_place(body: dict[str, Any]) -> tuple[str, str | None]:
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    return str(channel), container.get("message_ts")


class DmInterview:
    """The interview's listeners; each acks at once and works in `ctx.tasks`."""

    def __init__(self, ctx: SlackContext) -> None:
        self.ctx = ctx

    async def say_in(self, client: AsyncWebClient, channel: str, text: str) -> None:
        await client.chat_postMessage(channel=channel, text=text, blocks=[bk.section(text)])

    def spawn(self, work: Any, *, client: AsyncWebClient, channel: str, what: str) -> None:
        say = functools.partial(self.say_in, client, channel)
        self.ctx.tasks.spawn(guard(work, say=say, what=what), name=what)

    async def on_message(
        self,
        event: dict[str, Any],
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        # Only a person's own words in the app's DM; edits, joins and bots are not answers.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        team, user_id, channel = TeamRef.of(context), str(event.get("user")), str(event["channel"])
        text = str(event.get("text") or "")

        async def work() -> None:
            if not await first_delivery(self.ctx, body):
                return
            async with self.ctx.user_lock(team, user_id):
                who = await self.ctx.identities.who(team, user_id, client)
                turn = await asyncio.to_thread(_text_turn, self.ctx, who, text)
                if isinstance(turn, str):
                    await self.say_in(client, channel, turn)
                else:
                    await post_turn(client, channel, turn)

        self.spawn(work(), client=client, channel=channel, what="dm-message")

    def clicker(self, kind: Choice) -> Any:
        """A listener for one kind of interview button: answer, skip, don't know, pause."""

        async def on_click(
            ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
        ) -> None:
            await ack()
            action, place = _action_ref(body)
            if place is None:
                return
            interview_id, question_id = place
            channel, ts = _message_place(body)
            team, user_id = TeamRef.of(context), str((body.get("user") or {}).get("id"))
            selected = (action.get("selected_option") or {}).get("value")
            value = str(action.get("value") or selected or "")

            async def work() -> None:
                async with self.ctx.user_lock(team, user_id):
                    if ts and not await _first_click(self.ctx, body, channel, ts, question_id):
                        return
                    who = await self.ctx.identities.who(team, user_id, client)
                    result = await asyncio.to_thread(
                        _click, self.ctx, who, interview_id, question_id, kind, value
                    )
                    await after_click(client, channel, ts, interview_id, result)

            self.spawn(work(), client=client, channel=channel, what=f"click-{kind}")

        return on_click

    def modal_opener(self, *, edit: bool) -> Any:
        """A listener that opens the number modal, or the change-your-answer modal."""

        async def on_open(
            ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
        ) -> None:
            await ack()
            _, place = _action_ref(body)
            if place is None:
                return
            interview_id, question_id = place
            channel, ts = _message_place(body)
            team, user_id = TeamRef.of(context), str((body.get("user") or {}).get("id"))
            trigger_id = str(body.get("trigger_id"))

            async def work() -> None:
                who = await self.ctx.identities.who(team, user_id, client)
                question = await asyncio.to_thread(
                    _question, self.ctx, who, interview_id, question_id
                )
                build = bk.edit_modal if edit else bk.number_modal
                view = build(question, interview_id, channel, ts or "")
                await client.views_open(trigger_id=trigger_id, view=view)

            self.spawn(work(), client=client, channel=channel, what="open-modal")

        return on_open

    async def on_submit(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        view: dict[str, Any] = body.get("view") or {}
        meta = bk.read_metadata(str(view.get("private_metadata") or ""))
        state = ((view.get("state") or {}).get("values") or {}).get(bk.ANSWER_INPUT) or {}
        value = str((state.get(bk.ANSWER_INPUT) or {}).get("value") or "").strip()
        if not value or "i" not in meta or "q" not in meta:
            await ack(response_action="errors", errors={bk.ANSWER_INPUT: "Type an answer."})
            return
        team, user_id = TeamRef.of(context), str((body.get("user") or {}).get("id"))
        # Recorded before the ack: a reading problem goes back into the modal, under the field.
        try:
            async with self.ctx.user_lock(team, user_id):
                who = await self.ctx.identities.who(team, user_id, client)
                result = await asyncio.to_thread(
                    _click, self.ctx, who, meta["i"], meta["q"], "answer", value
                )
        except ToolError as exc:
            errors = {bk.ANSWER_INPUT: tool_error_text(exc)[:300]}
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        channel, ts = meta.get("c", ""), meta.get("ts") or None
        work = after_click(client, channel, ts, meta["i"], result)
        self.spawn(work, client=client, channel=channel, what="modal-answer")


def register(app: AsyncApp, ctx: SlackContext) -> None:
    dm = DmInterview(ctx)
    app.event("message")(dm.on_message)
    app.action(re.compile(f"^{bk.ANSWER}_"))(dm.clicker("answer"))
    app.action(bk.CHOICE)(dm.clicker("answer"))
    app.action(bk.SKIP)(dm.clicker("skip"))
    app.action(bk.DONT_KNOW)(dm.clicker("dont_know"))
    app.action(bk.PAUSE)(dm.clicker("pause"))
    app.action(bk.NUMBER)(dm.modal_opener(edit=False))
    app.action(bk.EDIT)(dm.modal_opener(edit=True))
    app.view(bk.NUMBER_MODAL)(dm.on_submit)
    app.view(bk.EDIT_MODAL)(dm.on_submit)
