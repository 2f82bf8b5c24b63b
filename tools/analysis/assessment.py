"""Assessment files -> scoring input: the one place answers become the core's observations.

An assessment is what `oiar score FILE` and `POST /v1/score` read:

    {"organization": {...profile...},
     "pools": {"expedite": "$1.2M", ...},
     "answers": [{"question_id", "value", "respondent": {"name", "role", "department"},
                  "evidence"}]}

`value` may be a number (in the question's canonical unit; a percent as a fraction 0-1), a
{low, likely, high} object, a boolean (yes/no questions), a choice label, or plain words parsed
by the same parsers the chat uses. "don't know" leaves the input to its benchmark assumption.
Several respondents on one input reach the core as several observations, never averaged; if one
respondent answers the same question twice, the later answer wins (as in the chat's audit log).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge import Question, load_benchmarks, load_instrument
from scoring import POOLS, OrganizationProfile, Respondent, ScoringInput, pool_input_key
from scoring.model import DEFAULT_DRAWS, MAX_DRAWS, MIN_DRAWS
from tools.parsing import ParseError
from tools.parsing.answers import parse_for_question

Value = bool | int | float | str | dict[str, Any] | None


class AssessmentError(ValueError):
    """The assessment cannot be scored; the message names the field and the problem."""


class AssessmentAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question_id: str = Field(min_length=1)
    value: Value
    respondent: Respondent | None = None
    evidence: str | None = Field(default=None, max_length=2_000)


class Assessment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization: OrganizationProfile
    pools: dict[str, Value] = Field(default_factory=dict)
    answers: list[AssessmentAnswer] = Field(default_factory=list)
    draws: int = Field(default=DEFAULT_DRAWS, ge=MIN_DRAWS, le=MAX_DRAWS)


def _pydantic_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "assessment"
    value = first.get("input")
    shown = f" (got {json.dumps(value)[:60]})" if isinstance(value, str | int | float) else ""
    return f"{where}: {first['msg']}{shown}"


def read_assessment(data: Any) -> Assessment:
    """Validate the assessment's shape; errors name the first offending field."""
    if not isinstance(data, dict):
        msg = "assessment: expected a JSON object with organization, pools and answers"
        raise AssessmentError(msg)
    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        raise AssessmentError(_pydantic_message(exc)) from exc


def load_assessment_file(path: Path) -> Assessment:
    """Read and validate an assessment JSON file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        msg = f"{path}: no such file"
        raise AssessmentError(msg) from exc
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot read the file ({exc.__class__.__name__})"
        raise AssessmentError(msg) from exc
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        msg = f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise AssessmentError(msg) from exc
    except ValueError as exc:
        msg = f"{path}: {exc}"
        raise AssessmentError(msg) from exc
    return read_assessment(data)


def _reject_constant(name: str) -> float:
    msg = f"{name} is not a number we can score"
    raise ValueError(msg)


def _estimate(low: float, likely: float, high: float) -> dict[str, float]:
    return {"low": low, "likely": likely, "high": high}


def _check_bounds(question: Question, values: list[float], where: str) -> None:
    low, high = question.bounds
    for v in values:
        if not low <= v <= high:
            msg = f"{where}: {v:g} is outside {low:g}-{high:g} for question {question.id!r}"
            raise AssessmentError(msg)


def _from_number(question: Question, value: float, where: str) -> float:
    if question.type == "percent" and value > 1:
        msg = (
            f"{where}: {value:g} for percent question {question.id!r}; "
            "give a fraction from 0 to 1 (0.3) or a string ('30%')"
        )
        raise AssessmentError(msg)
    if question.type == "scale_1_5" and not float(value).is_integer():
        msg = f"{where}: a 1-5 scale takes a whole number, got {value:g}"
        raise AssessmentError(msg)
    _check_bounds(question, [float(value)], where)
    return float(value)


def _from_text(question: Question, text: str, currency: str, where: str) -> Any:
    try:
        parsed = parse_for_question(question, text, currency=currency)
    except ParseError as exc:
        hint = f" For example: {exc.example}." if exc.example else ""
        msg = f"{where}: {exc.message}{hint}"
        raise AssessmentError(msg) from exc
    if parsed is None:
        return None
    if parsed.is_range:
        return _estimate(parsed.low, parsed.likely, parsed.high)
    return parsed.likely


def to_model_value(question: Question, value: Value, *, currency: str, where: str) -> Any:
    """One answer's value as the scoring core takes it: a point, an estimate, or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        if question.type != "yes_no":
            msg = f"{where}: true/false only answers a yes/no question, not {question.type!r}"
            raise AssessmentError(msg)
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return _from_number(question, float(value), where)
    if isinstance(value, str):
        return _from_text(question, value, currency, where)
    try:
        numbers = [float(value[k]) for k in ("low", "likely", "high")]
    except (KeyError, TypeError, ValueError) as exc:
        msg = f"{where}: a range needs numeric low, likely and high"
        raise AssessmentError(msg) from exc
    _check_bounds(question, numbers, where)
    if not numbers[0] <= numbers[1] <= numbers[2]:
        msg = f"{where}: expected low <= likely <= high, got {numbers}"
        raise AssessmentError(msg)
    return _estimate(*numbers)


def _pool_question(pool: str) -> Question:
    instrument = load_instrument()
    key = pool_input_key(pool)
    return next(q for q in instrument.questions if q.feeds == key)


def _pool_observations(assessment: Assessment) -> dict[str, list[dict[str, Any]]]:
    currency = assessment.organization.currency
    found: dict[str, list[dict[str, Any]]] = {}
    for pool, value in assessment.pools.items():
        if pool not in POOLS:
            msg = f"pools.{pool}: unknown pool; expected one of {', '.join(POOLS)}"
            raise AssessmentError(msg)
        where = f"pools.{pool}"
        model_value = to_model_value(_pool_question(pool), value, currency=currency, where=where)
        if model_value is not None:
            found[pool_input_key(pool)] = [{"value": model_value}]
    return found


def to_scoring_input(assessment: Assessment) -> ScoringInput:
    """Parse every answer against its question and build the scoring core's input."""
    instrument = load_instrument()
    currency = assessment.organization.currency
    latest: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for i, answer in enumerate(assessment.answers):
        where = f"answers[{i}]"
        question = instrument.by_id.get(answer.question_id)
        if question is None:
            msg = f"{where}.question_id: unknown question {answer.question_id!r}"
            raise AssessmentError(msg)
        value = to_model_value(question, answer.value, currency=currency, where=f"{where}.value")
        who = answer.respondent.name if answer.respondent else f"#{i}"
        if value is None:
            latest.pop((question.id, who), None)
            continue
        observation: dict[str, Any] = {"value": value, "evidence": answer.evidence}
        if answer.respondent is not None:
            observation["respondent"] = answer.respondent.model_dump()
        latest[(question.id, who)] = (question.feeds, observation)
    inputs = _pool_observations(assessment)
    for feeds, observation in latest.values():
        inputs.setdefault(feeds, []).append(observation)
    try:
        return ScoringInput(
            organization=assessment.organization,
            inputs=inputs,
            benchmarks=load_benchmarks(assessment.organization.industry),
            draws=assessment.draws,
        )
    except ValidationError as exc:
        raise AssessmentError(_pydantic_message(exc)) from exc
