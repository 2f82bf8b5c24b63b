"""`/oiar profile revenue=250M margin=12% headcount=1200 industry=manufacturing`: the words
read into organization profile changes by the same parsers as interview answers."""

from __future__ import annotations

from typing import Any

from tools.errors import AnswerRejected
from tools.parsing import ParseError, parse_answer

EXAMPLE = "revenue=250M margin=12% headcount=1200 industry=manufacturing"
_NUMBERS = {
    "revenue": ("money", "per_year"),
    "margin": ("percent", "fraction"),
    "headcount": ("count", "total"),
    "labor_cost": ("money", "per_hour"),
}
_FIELDS = {
    "revenue": "revenue",
    "margin": "operating_margin",
    "headcount": "headcount",
    "labor_cost": "loaded_labor_cost_per_hour",
    "industry": "industry",
    "currency": "currency",
    "name": "name",
}


def _number(key: str, raw: str) -> float:
    qtype, unit = _NUMBERS[key]
    try:
        parsed = parse_answer(raw, qtype=qtype, unit=unit)  # type: ignore[arg-type]
    except ParseError as exc:
        msg = f"{key}: {exc.message}"
        raise AnswerRejected(msg, example=EXAMPLE) from exc
    if parsed is None:
        msg = f"{key}: a number is needed, got {raw!r}"
        raise AnswerRejected(msg, example=EXAMPLE)
    return parsed.likely


def parse_profile(text: str) -> dict[str, Any]:
    """`key=value` pairs -> profile field changes; unknown keys and bad values are named."""
    changes: dict[str, Any] = {}
    for pair in text.split():
        key, sep, raw = pair.partition("=")
        key = key.lower().replace("-", "_")
        if not sep or not raw or key not in _FIELDS:
            msg = f"I can't read {pair!r}; use key=value with keys {', '.join(_FIELDS)}"
            raise AnswerRejected(msg, example=EXAMPLE)
        if key in _NUMBERS:
            value: Any = _number(key, raw)
            changes[_FIELDS[key]] = int(value) if key == "headcount" else value
        else:
            # Names come with underscores for spaces (one word per pair).
            value = {"currency": raw.upper(), "name": raw.replace("_", " ")}.get(key, raw)
            changes[_FIELDS[key]] = value
    if not changes:
        msg = "name at least one field to set"
        raise AnswerRejected(msg, example=EXAMPLE)
    return changes
