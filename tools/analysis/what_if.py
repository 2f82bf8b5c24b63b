"""What-if tools: the organization's current answers with some inputs changed, re-priced.

The scoring core does the arithmetic on the baseline's own draws (`scoring.what_if`), so a delta
is exact and repeatable. This module checks who may ask, reads the organization's state, turns
plain words ("what if approvals took 1 day?", `decision_wait_days="2-3 days"`) into overrides,
and words the answer. Unknown inputs and out-of-range values surface as `OverrideError`
(a `ScoringError`: 422 over HTTP, a re-ask in chat) naming the input and what would work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel

from knowledge import Question, load_instrument
from scoring.catalog import INPUTS
from scoring.explain import money
from scoring.what_if import OverrideError, WhatIfResult, unknown_input_message, what_if
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.analysis import results as analysis
from tools.parsing import ParseError, parse_answer
from tools.parsing.answers import parse_for_question, parsing_choices
from tools.store import orgs
from tools.store.db import Store

# Words people use for an input that its questions and label do not contain.
_SYNONYMS: dict[str, str] = {
    "decision_wait_days": "approval approve sign signoff waiting wait decision decide turnaround",
    "escalated_decisions_per_month": "escalation escalate approval sign signoff",
    "approval_expedite_share": "approval expedite",
    "time_to_fill_days": "hire hiring fill vacancy recruit",
    "ramp_weeks": "ramp onboard onboarding productive",
    "handoff_failures_per_month": "handoff handoffs",
    "exceptions_per_month": "exception exceptions",
    "hours_per_exception": "exception resolve",
    "decision_cadence_days": "cadence forum meeting meet review",
    "key_person_departure_rate": "quit leave attrition",
    "breach_probability": "cyber breach hack ransomware",
}
_STOP = frozenset(
    "what if the a an our we were was took take takes taking is are be to of in on for and "
    "only just down cut got get how would could it its that this at by with from per each "
    "about around instead".split()
)
# Units say what kind of value it is, not which figure: they never pick an input by themselves.
_UNIT_WORDS = frozenset("day week month year hour minute a per each one percent time times".split())
_NUMBER_WORDS = (
    "zero|none|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    "|twenty|thirty|forty|fifty|hundred|half|a"
)
# Where the value starts: the first number, currency sign or number word followed by a unit.
_VALUE_START = re.compile(
    rf"(?:[$€£¥]\s*\d|\d|\b(?:{_NUMBER_WORDS})\b\s+(?:\w+\s+)?(?:day|week|month|hour|year|%)"
    r"|\b(?:daily|weekly|monthly|quarterly|yes|no)\b)",
    re.IGNORECASE,
)


class Candidate(BaseModel):
    key: str
    label: str
    question: str


class Interpretation(BaseModel):
    """A what-if phrase read as one input override, or the candidates when it is unclear."""

    key: str | None
    value: float | dict[str, float] | None
    display: str | None
    candidates: list[Candidate]
    problem: str | None = None


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "s"):
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP}


@cache
def _vocabulary() -> dict[str, dict[str, int]]:
    """Stemmed words per input with a weight: its key words 3, its label and synonyms 2, its
    questions' wording 1 (a word in the key says most about which input is meant)."""
    vocabulary: dict[str, dict[str, int]] = {}
    for key, spec in INPUTS.items():
        weights: dict[str, int] = {}
        sources = [(" ".join(q.text for q in load_instrument().feeding(key)), 1)]
        sources += [(f"{spec.label} {_SYNONYMS.get(key, '')}", 2), (key.replace("_", " "), 3)]
        for text, weight in sources:
            weights.update(dict.fromkeys(_words(text), weight))
        vocabulary[key] = weights
    return vocabulary


def _override_value(question: Question, text: str, currency: str) -> tuple[int, Any, str] | str:
    """The longest leading span of `text` that reads as an answer ("2 a month", "10%"), with
    its length in words: "1 day" read whole by a duration beats "1" read alone as a share.
    When no span reads: the parser's complaint if the text is the right kind of value but out
    of range, else ""."""
    words = text.split()
    complaint = ""
    for end in range(len(words), 0, -1):
        try:
            parsed = parse_for_question(question, " ".join(words[:end]), currency=currency)
        except ParseError as exc:
            if end == len(words) and _right_kind(question, text, currency):
                complaint = exc.message
            continue
        if parsed is None:
            return "'don't know' is not a value to price"
        if parsed.is_range:
            value = {"low": parsed.low, "likely": parsed.likely, "high": parsed.high}
            return end, value, parsed.display
        return end, parsed.likely, parsed.display
    return complaint


def _right_kind(question: Question, text: str, currency: str) -> bool:
    """Whether the text reads as this kind of value once the question's bounds are lifted."""
    try:
        parse_answer(
            text,
            qtype=question.type,
            unit=question.unit,
            choices=parsing_choices(question),
            currency=currency,
        )
    except ParseError:
        return False
    return True


def _candidate(key: str) -> Candidate:
    questions = load_instrument().feeding(key)
    return Candidate(key=key, label=INPUTS[key].label, question=questions[0].text)


def interpret(phrase: str, *, currency: str, domain: str | None = None) -> Interpretation:
    """Read "what if approvals took 1 day?" as {decision_wait_days: 1}.

    The subject words pick candidate inputs (their questions' wording, label and common
    synonyms; a named domain counts extra); the value must read as an answer to one of the
    input's questions, which rules out inputs of another kind ("1 day" is not a share).

    Args:
        phrase: The operator's words.
        currency: The organization's currency, for money values.
        domain: A domain key the front end recognized in the phrase, if any.
    """
    start = _VALUE_START.search(phrase)
    if start is None:
        return Interpretation(
            key=None,
            value=None,
            display=None,
            candidates=[],
            problem="I could not find a value in that; say it with a number, like "
            "'what if approvals took 1 day?'",
        )
    value_text = phrase[start.start() :].strip(" ?!.")
    said = _words(re.sub(r"\d[\d,.]*", " ", phrase)) - _UNIT_WORDS
    scored: list[tuple[tuple[int, int], str, Any, str]] = []
    unreadable: list[tuple[int, str, str]] = []
    for key, vocabulary in _vocabulary().items():
        overlap = sum(vocabulary.get(word, 0) for word in said)
        questions = load_instrument().feeding(key)
        bonus = 1 if questions and domain is not None and questions[0].domain == domain else 0
        if not questions or overlap + bonus == 0:
            continue
        read = _override_value(questions[0], value_text, currency)
        if isinstance(read, str):
            if read:  # the right kind of value, out of the figure's range
                unreadable.append((overlap * 2 + bonus, key, read))
        else:
            scored.append(((read[0], overlap * 2 + bonus), key, read[1], read[2]))
    scored.sort(key=lambda row: (-row[0][0], -row[0][1], row[1]))
    unreadable.sort(key=lambda row: (-row[0], row[1]))
    # The figure the words name best, whose value does not read ("400 days" of a 0-365 wait):
    # say why, rather than price a figure that merely accepts the number.
    whole = len(value_text.split())
    if unreadable and (
        not scored
        or unreadable[0][0] > scored[0][0][1]
        or (unreadable[0][0] == scored[0][0][1] and scored[0][0][0] < whole)
    ):
        _, key, complaint = unreadable[0]
        problem = f"I can't price that for {INPUTS[key].label.lower()}: {complaint}"
        return Interpretation(
            key=None, value=None, display=None, candidates=[], problem=problem.rstrip(".")
        )
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        _, key, value, display = scored[0]
        return Interpretation(key=key, value=value, display=display, candidates=[_candidate(key)])
    return Interpretation(
        key=None,
        value=None,
        display=None,
        candidates=[_candidate(row[1]) for row in scored[:4]],
        problem="I can't tell which figure you mean",
    )


def parse_assignments(pairs: Iterable[str], *, currency: str) -> dict[str, Any]:
    """`key=value` pairs (CLI, Slack) as overrides; a value in plain words is read by the
    input's question ("2-3 days", "$5k a day", "10%"), a bare number in the input's unit.

    Raises:
        OverrideError: a pair without "=", an unknown key, or a value that cannot be read.
    """
    overrides: dict[str, Any] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key or not text:
            raise OverrideError(key or pair, f"expected key=value, got {pair!r}")
        if key not in INPUTS:
            raise OverrideError(key, unknown_input_message(key))
        overrides[key] = _assigned_value(key, text, currency)
    return overrides


def _assigned_value(key: str, text: str, currency: str) -> Any:
    try:
        return float(text)
    except ValueError:
        pass
    questions = load_instrument().feeding(key)
    problem = "no question reads this input; give a number in its unit"
    for question in questions:
        try:
            parsed = parse_for_question(question, text, currency=currency)
        except ParseError as exc:
            problem = exc.message
            continue
        if parsed is None:
            problem = "'don't know' is not a value to price"
            continue
        if parsed.is_range:
            return {"low": parsed.low, "likely": parsed.likely, "high": parsed.high}
        return parsed.likely
    raise OverrideError(key, f"could not read {text!r}: {problem}")


def run_what_if(
    store: Store, caller: Caller, org_id: str, overrides: Mapping[str, Any]
) -> WhatIfResult:
    """The organization's score with `overrides` applied, and the delta per domain.

    Needs score-detail rights (the scenario's full output is returned).
    """
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    return _what_if(store, org_id, overrides)


def what_if_for_chat(store: Store, caller: Caller, overrides: Mapping[str, Any]) -> WhatIfResult:
    """The same for a conversational answer (ranking and deltas; any role of the org)."""
    require(caller, "read_results")
    return _what_if(store, caller.org_id, overrides)


def org_currency(store: Store, org_id: str) -> str:
    with store.read() as session:
        org = orgs.get_org(session, org_id)
        return org.currency if org is not None else "USD"


def read_values(overrides: Mapping[str, Any], *, currency: str) -> dict[str, Any]:
    """Overrides with any value given in plain words ("2-3 days") read as a number or range."""
    read: dict[str, Any] = {}
    for key, value in overrides.items():
        if isinstance(value, str):
            if key not in INPUTS:
                raise OverrideError(key, unknown_input_message(key))
            value = _assigned_value(key, value.strip(), currency)
        read[key] = value
    return read


def _what_if(store: Store, org_id: str, overrides: Mapping[str, Any]) -> WhatIfResult:
    with store.read() as session:
        inp = analysis.scoring_input(session, org_id)
        hidden = attribution.score_replacements(session, org_id)
    overrides = read_values(overrides, currency=inp.organization.currency)
    # The cached baseline is `score(inp)` itself: only the scenario is simulated afresh.
    result = what_if(inp, overrides, baseline=analysis.cached_score(store, inp))
    scenario = attribution.redact_score(result.scenario, hidden)
    return result.model_copy(update={"scenario": scenario})


def what_if_text(result: WhatIfResult, *, changes: str | None = None) -> str:
    """The new ranking with each domain's change, for chat, Slack and the terminal."""
    cur = result.currency
    lines = []
    for d in result.domains:
        moved = "" if d.rank == d.baseline_rank else f" (was #{d.baseline_rank})"
        delta = "no change" if d.delta == 0 else f"{'+' if d.delta > 0 else '−'}"
        if d.delta != 0:
            delta += money(abs(d.delta), cur)
        lines.append(f"{d.rank}. {d.label}: {money(d.mean, cur)} a year, {delta}{moved}")
    total = result.total_delta
    sign = "+" if total > 0 else "−" if total < 0 else ""
    head = f"What if {changes}:" if changes else "What if:"
    summary = (
        f"{head} total OIaR {money(result.total, cur)} a year "
        f"({sign}{money(abs(total), cur)} against {money(result.baseline_total, cur)} now)."
    )
    return summary + "\n" + "\n".join(lines)


def describe_overrides(result: WhatIfResult) -> str:
    """ "Days an escalated decision waits = 1" style, for the reply's head line."""
    parts = []
    for key, est in result.overrides.items():
        value = f"{est.likely:g}" if est.low == est.high else f"{est.low:g}–{est.high:g}"
        parts.append(f"{INPUTS[key].label.lower()} = {value} ({INPUTS[key].unit})")
    return "; ".join(parts) or "nothing changes"
