"""Governance entries typed in plain words, as Slack and the chat take them.

    seam:        "Ops -> Transport: 6 failures a month, $4k each, owner unclear, KPI conflict,
                  approvals take 2 days"
    decision:    "Capex approval | CFO | 1 a month | 25 days | 10 days"
                 (type | who decides | how many a month | days to decide | days ops can wait)
    constraint:  "production | 400-ton press | throughput"
    initiative:  "Seam owners | $60k | handoff_failure 40%, tribal_dependency 50%"

Numbers go through the interview's parsers ("about 6", "$4k", "2-3 days" takes its midpoint).
An unreadable part raises `AnswerRejected` naming the part and carrying a working example.
"""

from __future__ import annotations

import re
from typing import Any

from scoring.governance import STAGES
from tools.errors import AnswerRejected
from tools.parsing import ParseError, parse_answer
from tools.parsing.parsed import QuestionType

SEAM_EXAMPLE = (
    "Ops -> Transport: 6 failures a month, $4k each, owner unclear, KPI conflict, "
    "approvals take 2 days"
)
DECISION_EXAMPLE = "Capex approval | CFO | 1 a month | 25 days | 10 days"
CONSTRAINT_EXAMPLE = "production | 400-ton press | throughput"
INITIATIVE_EXAMPLE = "Seam owners | $60k | handoff_failure 40%, tribal_dependency 50%"
_ARROW = re.compile(r"\s*(?:->|→|=>|>)\s*")
_UNCLEAR = re.compile(r"\b(unclear|no owner|nobody|not clear|ambiguous|unowned|shared)\b", re.I)
_NO_CONFLICT = re.compile(r"\b(no kpi|no conflict|aligned|kpis? agree)\b", re.I)
_SAME_DAY = re.compile(r"^\s*(same day|today|immediately|none|no wait)\s*$", re.I)


def _number(text: str, qtype: QuestionType, unit: str, part: str, example: str) -> float:
    if qtype == "duration" and _SAME_DAY.match(text):
        return 0.0
    try:
        parsed = parse_answer(text, qtype=qtype, unit=unit)
    except ParseError as exc:
        msg = f"{part}: {exc.message}"
        raise AnswerRejected(msg, example=example) from exc
    if parsed is None:
        msg = f"{part}: a figure is needed here, not a don't-know"
        raise AnswerRejected(msg, example=example)
    return parsed.likely


def _is_money(clause: str) -> bool:
    return bool(re.search(r"[$€£¥]|\beach\b|\bper failure\b|\bcost", clause, re.I))


def _seam_clause(clause: str, found: dict[str, Any]) -> None:
    lowered = clause.casefold()
    if "owner" in lowered:
        found["owner_clear"] = not _UNCLEAR.search(clause)
    elif "kpi" in lowered or "conflict" in lowered:
        found["kpi_conflict"] = not _NO_CONFLICT.search(clause)
    elif "approv" in lowered or "wait" in lowered or "sign" in lowered:
        found["approval_latency_days"] = _number(
            clause, "duration", "days", "approval wait", SEAM_EXAMPLE
        )
    elif _is_money(clause):
        found["cost_per_failure"] = _number(clause, "money", "each", "cost", SEAM_EXAMPLE)
    else:
        found["failures_per_month"] = _number(
            clause, "count", "per_month", "failures a month", SEAM_EXAMPLE
        )


def parse_seam(text: str) -> dict[str, Any]:
    """A seam's fields from plain words; an unstated owner is clear, an unstated KPI conflict
    absent and an unstated approval wait zero (so only what was said is flagged)."""
    head, sep, rest = text.partition(":")
    ends = [p.strip() for p in _ARROW.split(head.strip(), maxsplit=1)]
    if not sep or len(ends) != 2 or not all(ends):
        msg = "a seam reads 'from function -> to function: failures a month, cost each, ...'"
        raise AnswerRejected(msg, example=SEAM_EXAMPLE)
    found: dict[str, Any] = {
        "from_function": ends[0][:60],
        "to_function": ends[1][:60],
        "owner_clear": True,
        "kpi_conflict": False,
        "approval_latency_days": 0.0,
    }
    for clause in filter(None, (c.strip() for c in re.split(r"[,;]", rest))):
        _seam_clause(clause, found)
    missing = [k for k in ("failures_per_month", "cost_per_failure") if k not in found]
    if missing:
        what = " and ".join(m.replace("_", " ") for m in missing)
        msg = f"the seam needs {what}"
        raise AnswerRejected(msg, example=SEAM_EXAMPLE)
    return found


def _parts(text: str, count: int, what: str, example: str) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != count or not all(parts):
        msg = f"a {what} takes {count} parts separated by '|', got {len(parts)}"
        raise AnswerRejected(msg, example=example)
    return parts


def parse_decision(text: str) -> dict[str, Any]:
    kind, decider, rate, latency, wait = _parts(text, 5, "decision", DECISION_EXAMPLE)
    return {
        "decision_type": kind[:80],
        "decider": decider[:80],
        "decisions_per_month": _number(
            rate, "count", "per_month", "how many a month", DECISION_EXAMPLE
        ),
        "latency_days": _number(latency, "duration", "days", "days to decide", DECISION_EXAMPLE),
        "operations_wait_days": _number(
            wait, "duration", "days", "days operations can wait", DECISION_EXAMPLE
        ),
    }


def stage_key(text: str) -> str:
    """A stage key from its key or label words ("production", "Warehouse & logistics")."""
    wanted = text.strip().casefold().replace(" ", "_")
    for key, label in STAGES.items():
        if wanted in (key, label.casefold().replace(" ", "_")) or wanted in key.split("_"):
            return key
    for key, label in STAGES.items():
        if wanted and wanted in label.casefold():
            return key
    msg = f"unknown stage {text.strip()!r}; expected one of {', '.join(STAGES)}"
    raise AnswerRejected(msg, example=CONSTRAINT_EXAMPLE)


def parse_constraint(text: str) -> dict[str, Any]:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) not in (2, 3) or not all(parts):
        msg = "a constraint reads 'stage | resource | what it governs'"
        raise AnswerRejected(msg, example=CONSTRAINT_EXAMPLE)
    governs = parts[2].casefold() if len(parts) == 3 else "throughput"
    if governs not in ("throughput", "service", "quality", "cost"):
        msg = f"a constraint governs throughput, service, quality or cost, not {parts[2]!r}"
        raise AnswerRejected(msg, example=CONSTRAINT_EXAMPLE)
    return {"stage": stage_key(parts[0]), "resource": parts[1][:120], "governs": governs}


def parse_reliefs(text: str) -> list[dict[str, Any]]:
    """'handoff_failure 40%, tribal_dependency=0.5' -> [{driver, fraction}, ...]."""
    reliefs = []
    for item in filter(None, (p.strip() for p in re.split(r"[,;]", text))):
        match = re.fullmatch(r"([a-z_]+)\s*(?:=|:|\s)\s*(.+)", item)
        if match is None:
            msg = f"a relief reads 'driver 40%', got {item!r}"
            raise AnswerRejected(msg, example=INITIATIVE_EXAMPLE)
        value = match.group(2).strip()
        number = float(value) if re.fullmatch(r"0?\.\d+|1(\.0+)?", value) else None
        if number is None:
            number = _number(value, "percent", "fraction", "relief", INITIATIVE_EXAMPLE)
        reliefs.append({"driver": match.group(1), "fraction": number})
    if not reliefs:
        msg = "an initiative needs at least one driver it relieves"
        raise AnswerRejected(msg, example=INITIATIVE_EXAMPLE)
    return reliefs


def parse_initiative(text: str, currency: str) -> dict[str, Any]:
    name, cost, reliefs = _parts(text, 3, "initiative", INITIATIVE_EXAMPLE)
    return {
        "name": name[:120],
        "cost": parse_cost(cost, currency),
        "relieves": parse_reliefs(reliefs),
    }


def parse_cost(text: str, currency: str) -> float:
    try:
        parsed = parse_answer(text, qtype="money", unit="each", currency=currency)
    except ParseError as exc:
        msg = f"cost: {exc.message}"
        raise AnswerRejected(msg, example="$60k") from exc
    if parsed is None or parsed.likely <= 0:
        msg = "cost: an initiative needs a cost above zero"
        raise AnswerRejected(msg, example="$60k")
    return parsed.likely
