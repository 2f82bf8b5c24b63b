"""Governance tools: enter seams, decision types and constraints; read the four outputs.

Respondents enter entries about their own work (always attributed to themselves); facilitators
and admins may enter on a named respondent's behalf, set the AI plan and retire entries. The
outputs (constraint view, seam map, decision rights, investment sequence, AI velocity) are read
by roles that may read score detail, with department-only respondents shown by department.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Literal, cast

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from scoring import ScoringInput
from scoring.governance import (
    AiPlan,
    ConstraintStatement,
    DecisionRight,
    GovernanceInput,
    GovernanceReport,
    Seam,
    function_label,
    governance_report,
)
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.analysis.results import scoring_input
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError
from tools.governance.text import parse_constraint, parse_decision, parse_seam
from tools.store import governance as repo
from tools.store import people
from tools.store.db import Store
from tools.store.schema import GovernanceEntry
from tools.timestamps import UtcDatetime

EntryKind = Literal["seam", "decision", "constraint"]
_MODELS: dict[str, type[BaseModel]] = {
    "seam": Seam,
    "decision": DecisionRight,
    "constraint": ConstraintStatement,
}
_PARSERS = {"seam": parse_seam, "decision": parse_decision, "constraint": parse_constraint}
# Below GovernanceInput's list limits, so a stored organization always scores.
MAX_ENTRIES = 1_000


class EntryView(BaseModel):
    id: int
    kind: str
    respondent_id: str | None
    respondent: str | None
    data: dict[str, Any]
    raw_text: str | None
    channel: str
    created_at: UtcDatetime


def _rejected(exc: ValidationError, kind: str) -> AnswerRejected:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or kind
    return AnswerRejected(f"{kind} {where}: {first['msg']}")


def validate_entry(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields checked against its scoring model (respondent excluded)."""
    model = _MODELS.get(kind)
    if model is None:
        msg = f"unknown entry kind {kind!r}; expected seam, decision or constraint"
        raise AnswerRejected(msg)
    if any(isinstance(v, str) and "\x00" in v for v in data.values()):
        msg = f"{kind}: text must not contain NUL characters"
        raise AnswerRejected(msg)
    if "respondent" in data:
        msg = f"{kind}: the respondent is whoever enters it, not a field"
        raise AnswerRejected(msg)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise _rejected(exc, kind) from exc
    return parsed.model_dump(mode="json", exclude={"respondent"})


def _subject(kind: str, data: dict[str, Any]) -> str:
    if kind == "seam":
        ends = (function_label(data["from_function"]), function_label(data["to_function"]))
        return f"{ends[0].casefold()}>{ends[1].casefold()}"[:200]
    if kind == "decision":
        return " ".join(str(data["decision_type"]).split()).casefold()[:200]
    return kind


def _speaker(
    session: Session, caller: Caller, org_id: str, respondent_id: str | None
) -> str | None:
    if caller.role == "respondent":
        if respondent_id not in (None, caller.respondent_id):
            msg = "a respondent enters seams and decisions about their own work only"
            raise ForbiddenError(msg)
        return caller.respondent_id
    if respondent_id is not None and people.get_respondent(session, org_id, respondent_id) is None:
        msg = f"respondent {respondent_id!r} not found"
        raise NotFoundError(msg)
    return respondent_id


def _view(entry: GovernanceEntry, names: dict[str, str]) -> EntryView:
    return EntryView(
        id=entry.id,
        kind=entry.kind,
        respondent_id=entry.respondent_id,
        respondent=names.get(entry.respondent_id or ""),
        data=entry.data,
        raw_text=entry.raw_text,
        channel=entry.channel,
        created_at=entry.created_at,
    )


def add_entry(
    store: Store,
    caller: Caller,
    org_id: str,
    kind: str,
    *,
    data: dict[str, Any] | None = None,
    text: str | None = None,
    respondent_id: str | None = None,
) -> EntryView:
    """Record a seam, decision type or constraint, from fields or plain words.

    Args:
        kind: "seam", "decision" or "constraint".
        data: The fields (see the scoring models), or None when `text` is given.
        text: Plain words, e.g. "Ops -> Transport: 6 a month, $4k each, owner unclear".
        respondent_id: Whose view it is (facilitators and admins only; respondents are
            always recorded as themselves).
    """
    require_org(caller, org_id)
    require(caller, "enter_governance")
    fields = _fields(kind, data, text)
    with store.write() as session:
        return _record(session, caller, org_id, kind, fields, text, respondent_id)


def add_entry_in(
    session: Session,
    caller: Caller,
    kind: str,
    *,
    text: str,
    respondent_id: str | None,
) -> EntryView:
    """`add_entry` inside a transaction already open (an interview turn's), for its caller."""
    require(caller, "enter_governance")
    fields = _fields(kind, None, text)
    return _record(session, caller, caller.org_id, kind, fields, text, respondent_id)


def _fields(kind: str, data: dict[str, Any] | None, text: str | None) -> dict[str, Any]:
    if text is not None and data is None:
        parser = _PARSERS.get(kind)
        if parser is None:
            msg = f"unknown entry kind {kind!r}; expected seam, decision or constraint"
            raise AnswerRejected(msg)
        data = parser(text)
    elif data is None or text is not None:
        msg = f"{kind}: give either the fields or the text, not both or neither"
        raise AnswerRejected(msg)
    return validate_entry(kind, data)


def _record(
    session: Session,
    caller: Caller,
    org_id: str,
    kind: str,
    fields: dict[str, Any],
    text: str | None,
    respondent_id: str | None,
) -> EntryView:
    speaker = _speaker(session, caller, org_id, respondent_id)
    if repo.count_current(session, org_id, kind) >= MAX_ENTRIES:
        msg = f"this organization already has {MAX_ENTRIES} {kind} entries; retire some first"
        raise ConflictError(msg)
    entry = repo.add_entry(
        session,
        org_id=org_id,
        kind=kind,
        subject=_subject(kind, fields),
        respondent_id=speaker,
        data=fields,
        raw_text=text,
        channel=caller.channel,
        created_by=caller.respondent_id or caller.role,
    )
    return _view(entry, _names(session, org_id))


def _names(session: Session, org_id: str) -> dict[str, str]:
    hidden = attribution.hidden_departments(session, org_id)
    return {
        r.id: attribution.department_label(hidden[r.id]) if r.id in hidden else r.name
        for r in people.list_respondents(session, org_id)
    }


def list_entries(
    store: Store, caller: Caller, org_id: str, kind: str | None = None
) -> list[EntryView]:
    """Current entries (all kinds, or one), oldest first, with who entered each."""
    require_org(caller, org_id)
    require(caller, "read_answers")
    with store.read() as session:
        names = _names(session, org_id)
        return [_view(e, names) for e in repo.current_entries(session, org_id, kind)]


def remove_entry(store: Store, caller: Caller, org_id: str, entry_id: int) -> None:
    """Retire an entry (kept in the audit trail, no longer counted)."""
    require_org(caller, org_id)
    require(caller, "manage_governance")
    with store.write() as session:
        entry = repo.get_entry(session, org_id, entry_id)
        if entry is None:
            msg = f"entry {entry_id} not found"
            raise NotFoundError(msg)
        repo.retire_entry(entry)


def set_ai_plan(
    store: Store, caller: Caller, org_id: str, *, speedup: float, maturity: int
) -> AiPlan:
    """Set how much faster AI will move decisions (1-100×) and governance maturity (1-5)."""
    require_org(caller, org_id)
    require(caller, "manage_governance")
    try:
        plan = AiPlan(speedup=speedup, maturity=maturity)
    except ValidationError as exc:
        raise _rejected(exc, "ai plan") from exc
    with store.write() as session:
        repo.add_entry(
            session,
            org_id=org_id,
            kind="ai_plan",
            subject="ai_plan",
            respondent_id=None,
            data=plan.model_dump(mode="json"),
            raw_text=None,
            channel=caller.channel,
            created_by=caller.respondent_id or caller.role,
        )
    return plan


def _cached(store: Store, inp: ScoringInput, gov: GovernanceInput) -> GovernanceReport:
    """Reports are pure functions of their inputs: reuse one while nothing changed."""
    blob = json.dumps(
        [inp.model_dump(mode="json"), gov.model_dump(mode="json")], sort_keys=True, default=str
    )
    key = ("governance", hashlib.sha256(blob.encode()).hexdigest())
    found = store.derived.get_or_compute(key, lambda: governance_report(inp, gov))
    return cast(GovernanceReport, found)


def report(store: Store, caller: Caller, org_id: str) -> GovernanceReport:
    """The four governance outputs and the AI-velocity view of the organization's answers."""
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    with store.read() as session:
        inp = scoring_input(session, org_id, governance=False)
        gov = repo.governance_input(session, org_id)
        hidden = attribution.score_replacements(session, org_id)
    result = _cached(store, inp, gov)
    if not hidden:
        return result
    keys = sorted(hidden, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
    data = attribution._redact(result.model_dump(), hidden, pattern)
    return GovernanceReport.model_validate(data)
