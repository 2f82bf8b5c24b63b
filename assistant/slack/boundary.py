"""The error boundary of Slack work: a person gets one short line they can act on, never a
traceback; the log gets the rest."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError

from tools.errors import AnswerRejected, ForbiddenError, ToolError

logger = logging.getLogger("oiar.slack")

Say = Callable[[str], Awaitable[Any]]
APOLOGY = "Sorry, something went wrong on my side. Please try again in a minute."


def tool_error_text(exc: ToolError) -> str:
    """A tool error as a person reads it: the problem, and an example when there is one."""
    if isinstance(exc, ForbiddenError):
        return (
            "Your role in oiar doesn't allow that: workspace owners are admins, workspace "
            "admins are facilitators, everyone else answers the interview."
        )
    if isinstance(exc, AnswerRejected) and exc.example:
        return f"{exc.message}\nTry something like: _{exc.example}_"
    return str(exc)


async def guard(work: Awaitable[None], *, say: Say, what: str) -> None:
    """Run `work`; tell the person about a tool error, apologize for anything else."""
    try:
        await work
    except ToolError as exc:
        await _safely(say, tool_error_text(exc), what)
    except SlackApiError as exc:
        logger.error("%s: Slack API error %s", what, exc.response.get("error"))
    except Exception:
        logger.exception("%s failed", what)
        await _safely(say, APOLOGY, what)


async def _safely(say: Say, text: str, what: str) -> None:
    try:
        await say(text)
    except Exception:  # the apology itself failed: nothing more to tell anyone
        logger.exception("%s: could not tell the user", what)
