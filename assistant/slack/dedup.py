"""Events API retries: Slack redelivers an event (`X-Slack-Retry-Num`) when it saw no timely
200; each event id is taken once, in the database, so every app process agrees on it."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from tools.slack import workspaces as ws

if TYPE_CHECKING:
    from assistant.slack.context import SlackContext

logger = logging.getLogger("oiar.slack")


async def first_delivery(ctx: SlackContext, body: dict[str, Any]) -> bool:
    """Claim the body's event id; False when it was claimed before (drop this delivery)."""
    event_id = body.get("event_id")
    if not event_id:
        return True
    first = await asyncio.to_thread(ws.claim_event, ctx.store, str(event_id), body.get("team_id"))
    if not first:
        logger.info("dropping retried slack event %s", event_id)
    return first
