"""Request and response bodies of the HTTP API, with examples for /docs.

Text fields are bounded and refuse what a database cannot store (NUL characters, which PostgreSQL
rejects, and unpaired surrogates, which are not UTF-8): bad input is a 422 naming the field, never
a database error. Bodies forbid unknown fields, so a typo is reported
instead of silently ignored.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from assistant.engine import MAX_MESSAGE_CHARS
from scoring import OrganizationProfile
from scoring.catalog import MAX_HEADCOUNT, MAX_MONEY
from scoring.model import MIN_REVENUE, NotBool
from tools.access import Role
from tools.admin import KeyView, OrgView
from tools.analysis.assessment import Assessment
from tools.interview import AnswerView, MessageView, Progress, QuestionView, Status

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


def _storable(value: str) -> str:
    if "\x00" in value:
        msg = "must not contain NUL characters"
        raise ValueError(msg)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        msg = f"not valid Unicode at position {exc.start} (an unpaired surrogate)"
        raise ValueError(msg) from exc
    return value


Text = Annotated[str, AfterValidator(_storable)]
Name = Annotated[Text, Field(min_length=1, max_length=200)]
Label = Annotated[Text, Field(max_length=200)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN, examples=["rsp_3f9a1c2b7d4e"])]


def _written_out(value: Any) -> Any:
    # pydantic would read a bare number (or, in a query string, its text) as seconds since
    # 1970: `"due_at": 0` or `?since=0.5` is a client's bug, not a date.
    if isinstance(value, int | float) or (
        isinstance(value, str) and _BARE_NUMBER.fullmatch(value) is not None
    ):
        msg = "give an ISO 8601 date or date-time, e.g. 2027-03-31T17:00:00Z"
        raise ValueError(msg)
    return value


_BARE_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")
Timestamp = Annotated[datetime, BeforeValidator(_written_out)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrgIn(OrganizationProfile):
    """An organization's profile: what OIaR is priced against."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Acme Manufacturing",
                    "revenue": 100_000_000,
                    "operating_margin": 0.12,
                    "currency": "USD",
                    "headcount": 400,
                    "industry": "manufacturing",
                }
            ]
        }
    )

    @field_validator("name", "industry", mode="after")
    @classmethod
    def _printable(cls, value: str) -> str:
        return _storable(value)


class ScoreRequest(Assessment):
    """An assessment to score statelessly, as `oiar score FILE` reads it."""

    organization: OrgIn


class OrgChanges(_Body):
    """Profile fields to change; the merged profile is validated as a whole.

    The numeric limits are the scoring core's (OrganizationProfile), repeated here so that a bad
    field is a 422 naming it before the merge.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"revenue": 120_000_000, "operating_margin": 0.11}]},
    )

    name: Name | None = None
    revenue: Annotated[float | None, NotBool] = Field(
        default=None, ge=MIN_REVENUE, le=MAX_MONEY, allow_inf_nan=False
    )
    operating_margin: Annotated[float | None, NotBool] = Field(
        default=None, gt=-1, lt=1, allow_inf_nan=False
    )
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    headcount: Annotated[int | None, NotBool] = Field(default=None, gt=0, le=MAX_HEADCOUNT)
    industry: Annotated[Text, Field(min_length=1, max_length=60)] | None = None
    loaded_labor_cost_per_hour: Annotated[float | None, NotBool] = Field(
        default=None, gt=0, le=MAX_MONEY, allow_inf_nan=False
    )


class OrgCreated(BaseModel):
    """The new organization and its admin key; the key's plaintext is shown only here."""

    org: OrgView
    key: KeyView


class RespondentIn(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Dana Ruiz", "role": "COO", "department": "Operations"}]
        },
    )

    name: Name
    role: Label | None = Field(default=None, description="Job title; chooses the questions.")
    department: Label | None = None
    tags: list[Annotated[Text, Field(max_length=40)]] = Field(default_factory=list, max_length=20)
    domains: list[Annotated[Text, Field(max_length=60)]] = Field(
        default_factory=list, max_length=20
    )
    slack_user_id: Annotated[Text, Field(max_length=64)] | None = None


class KeyIn(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"role": "respondent", "respondent_id": "rsp_3f9a1c2b"}]},
    )

    role: Role
    respondent_id: Identifier | None = Field(default=None, description="For respondent keys.")
    name: Label | None = None


class InterviewIn(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"respondent_id": "rsp_3f9a1c2b7d4e"}]}
    )

    respondent_id: Identifier


class MessageIn(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "about 15 a month"}]}
    )

    text: Annotated[Text, Field(min_length=1, max_length=MAX_MESSAGE_CHARS)]


class AskIn(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "what's our biggest drag?"}]}
    )

    text: Annotated[Text, Field(min_length=1, max_length=MAX_MESSAGE_CHARS)]


class AskOut(BaseModel):
    reply: str


class TurnOut(BaseModel):
    """One turn: the reply, the open question (null when done), progress."""

    interview_id: str
    reply: str
    question: QuestionView | None
    progress: Progress
    done: bool


class InterviewOut(BaseModel):
    """An interview: where it stands, its transcript and the respondent's current answers."""

    id: str
    org_id: str
    respondent_id: str
    status: Status
    channel: str
    question: QuestionView | None
    progress: Progress
    transcript: list[MessageView]
    answers: list[AnswerView]


class Health(BaseModel):
    status: Literal["ok"] = "ok"


AnswerFormat = Literal["json", "csv"]
