"""LangChain tool sets a model drives the conversation with, bound server-side."""

from __future__ import annotations

from tools.model_tools.base import DOMAIN_KEYS, MAX_TEXT, NoArgs
from tools.model_tools.registry import (
    AnswerArgs,
    DomainArgs,
    ListQuestionsArgs,
    RecordArgs,
    ReviseArgs,
    SkipArgs,
    WhatIfArgs,
    make_tools,
)

__all__ = [
    "AnswerArgs",
    "DOMAIN_KEYS",
    "DomainArgs",
    "ListQuestionsArgs",
    "MAX_TEXT",
    "NoArgs",
    "RecordArgs",
    "ReviseArgs",
    "SkipArgs",
    "WhatIfArgs",
    "make_tools",
]
