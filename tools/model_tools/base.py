"""What every LangChain tool set shares: the domain names a model may use, the argument base
that drops invented fields, and the factory that turns domain errors into text a model reads.

Its own module so that the tool sets (registry, governance, knowledge) import it and none of
them imports another.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, ParamSpec, TypeVar, get_args

from langchain_core.tools import StructuredTool, ToolException
from pydantic import BaseModel, ConfigDict, ValidationError

from scoring import ScoringError
from tools.errors import AnswerRejected, ToolError

__all__ = ["DOMAIN_KEYS", "MAX_TEXT", "DomainKey", "NoArgs", "ToolArgs", "tool_from"]

DomainKey = Literal[
    "leadership_bandwidth",
    "cross_functional_alignment",
    "hiring_friction",
    "training_roi",
    "knowledge_transfer",
    "ai_readiness",
    "internal_risk",
    "organizational_alignment",
    "external_risk",
]
DOMAIN_KEYS: tuple[str, ...] = get_args(DomainKey)
MAX_TEXT = 2_000

P = ParamSpec("P")
R = TypeVar("R")


class ToolArgs(BaseModel):
    # Unknown fields (a model inventing `org_id`) are dropped, never passed on.
    model_config = ConfigDict(extra="ignore")


class NoArgs(ToolArgs):
    """This tool takes no arguments."""


# ---------------------------------------------------------------- errors


def _reporting(func: Callable[P, R]) -> Callable[P, R]:
    """Turn domain errors into `ToolException`s whose message the model reads."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except AnswerRejected as exc:
            example = f" For example: {exc.example}." if exc.example else ""
            msg = f"{exc.message}{example} Ask the respondent again; do not guess a value."
            raise ToolException(msg) from exc
        except (ToolError, ScoringError) as exc:
            raise ToolException(str(exc)) from exc

    return wrapper


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "arguments"
    return f"Invalid arguments: {field}: {first['msg']}"


def tool_from(func: Callable[..., Any], args_schema: type[BaseModel]) -> StructuredTool:
    return StructuredTool.from_function(
        _reporting(func),
        description=inspect.cleandoc(func.__doc__ or ""),
        args_schema=args_schema,
        response_format="content_and_artifact",
        handle_tool_error=True,
        handle_validation_error=_validation_message,
    )
