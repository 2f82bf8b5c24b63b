"""Assessment rounds: a facilitator opens one ("2027-Q1"), answers given while it is open belong
to it, and closing it freezes its score and generates its 90-day sprint plan.

A frozen round stores the exact scoring input and the score's JSON text: its figures never move
when later answers arrive, and re-scoring the stored input gives the stored JSON byte for byte.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from knowledge import load_instrument
from scoring import MODEL_VERSION, ScoreResult, ScoringInput, input_sha256, seed_for
from scoring.drivers import INPUT_DOMAINS
from scoring.governance import apply_governance
from scoring.governance.report import governance_report
from scoring.governance.sprint import SprintItem, sprint_plan
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.analysis.results import scoring_input
from tools.campaigns.schedule import to_naive_utc
from tools.errors import AnswerRejected, ConflictError, NotFoundError
from tools.store import governance as governance_store
from tools.store import people
from tools.store import rounds as repo
from tools.store.db import Store
from tools.store.schema import AssessmentRound, SprintItemRow, utcnow
from tools.timestamps import UtcDatetime

MAX_LABEL = 60
ItemStatus = Literal["planned", "in_progress", "done", "dropped"]
ITEM_STATUSES: tuple[ItemStatus, ...] = ("planned", "in_progress", "done", "dropped")


class RoundView(BaseModel):
    id: str
    org_id: str
    label: str
    status: Literal["open", "closed"]
    due_at: UtcDatetime | None
    opened_at: UtcDatetime
    opened_by: str | None
    closed_at: UtcDatetime | None
    closed_by: str | None
    answers: int = Field(description="Answer events given in this round.")
    model_version: str | None = None
    input_sha256: str | None = None
    draws: int | None = None
    seed: str | None = None
    total: float | None = Field(default=None, description="Frozen OIaR; None while open.")


class SprintItemView(SprintItem):
    """A stored plan item: the core's item with the facilitator's edits over it."""

    id: int
    status: ItemStatus
    edited: bool = Field(description="True when owner or due week differ from the plan made.")


class RoundDetail(BaseModel):
    round: RoundView
    result: ScoreResult | None = Field(description="The frozen score; None while open.")
    plan: list[SprintItemView]


def _view(row: AssessmentRound, answers: int, frozen: ScoreResult | None) -> RoundView:
    return RoundView(
        id=row.id,
        org_id=row.org_id,
        label=row.label,
        status="closed" if row.status == "closed" else "open",
        due_at=row.due_at,
        opened_at=row.opened_at,
        opened_by=row.opened_by,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        answers=answers,
        model_version=row.model_version,
        input_sha256=row.input_sha256,
        draws=row.draws,
        seed=row.seed,
        total=frozen.total.mean if frozen is not None else None,
    )


def item_view(row: SprintItemRow) -> SprintItemView:
    made = SprintItem.model_validate(row.generated)
    status: ItemStatus = row.status if row.status in ITEM_STATUSES else "planned"
    return SprintItemView(
        **made.model_dump(exclude={"owner", "due_week"}),
        owner=row.owner,
        due_week=row.due_week,
        id=row.id,
        status=status,
        edited=(row.owner, row.due_week) != (made.owner, made.due_week),
    )


def _label(label: str) -> str:
    cleaned = " ".join(label.split())
    if not cleaned or len(cleaned) > MAX_LABEL:
        msg = f"label: name the round in 1 to {MAX_LABEL} characters, e.g. 2027-Q1"
        raise AnswerRejected(msg, example="2027-Q1")
    return cleaned


def open_round(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    label: str,
    due_at: datetime | None = None,
    opened_by: str | None = None,
) -> RoundView:
    """Open a round; what was answered since the last close (or ever, the first time) joins it."""
    require_org(caller, org_id)
    require(caller, "manage_rounds")
    name = _label(label)
    due = to_naive_utc(due_at) if due_at is not None else None
    if due is not None and due <= utcnow():
        msg = f"due_at: {due:%Y-%m-%d %H:%M} UTC is not in the future"
        raise AnswerRejected(msg)
    with store.write() as session:
        current = repo.get_open_round(session, org_id)
        if current is not None:
            msg = f"round {current.label!r} is still open: close it before opening {name!r}"
            raise ConflictError(msg)
        if any(r.label == name for r in repo.list_rounds(session, org_id)):
            msg = f"a round labelled {name!r} already exists: pick another label"
            raise ConflictError(msg)
        row = repo.create_round(
            session,
            org_id=org_id,
            label=name,
            due_at=due,
            opened_by=opened_by,
        )
        return _view(row, repo.answer_counts(session, org_id).get(row.id, 0), None)


def list_rounds(store: Store, caller: Caller, org_id: str) -> list[RoundView]:
    """Every round of the organization, oldest first."""
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    with store.read() as session:
        counts = repo.answer_counts(session, org_id)
        return [
            _view(r, counts.get(r.id, 0), _parsed(r)) for r in repo.list_rounds(session, org_id)
        ]


def _found(session: Session, org_id: str, round_id: str) -> AssessmentRound:
    row = repo.get_round(session, org_id, round_id)
    if row is None:
        msg = f"round {round_id!r} not found"
        raise NotFoundError(msg)
    return row


def _detail(session: Session, row: AssessmentRound, hidden: dict[str, str]) -> RoundDetail:
    frozen = _parsed(row)
    counts = repo.answer_counts(session, row.org_id)
    return RoundDetail(
        round=_view(row, counts.get(row.id, 0), frozen),
        result=attribution.redact_score(frozen, hidden) if frozen is not None else None,
        plan=[item_view(i) for i in repo.sprint_items(session, row.id)],
    )


def get_round(store: Store, caller: Caller, org_id: str, round_id: str) -> RoundDetail:
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    with store.read() as session:
        row = _found(session, org_id, round_id)
        return _detail(session, row, attribution.score_replacements(session, org_id))


def _owners(session: Session, org_id: str, round_id: str) -> dict[str, str]:
    """Per domain, the department that gave the most answers on the inputs pricing it."""
    instrument = load_instrument()
    departments = {r.id: r.department for r in people.list_respondents(session, org_id)}
    tally: dict[str, Counter[str]] = {}
    for event in repo.round_current_events(session, org_id, round_id):
        question = instrument.by_id.get(event.question_id)
        department = departments.get(event.respondent_id)
        if event.kind != "answer" or question is None or not department:
            continue
        for domain in INPUT_DOMAINS.get(question.feeds, ()):
            tally.setdefault(domain, Counter())[department] += 1
    # Most answers first; equal counts by name, so the same round always names the same owner.
    return {
        domain: min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for domain, counts in tally.items()
    }


def frozen_input(row: AssessmentRound) -> ScoringInput:
    if row.input_json is None:
        msg = f"round {row.label!r} is still open: it has no frozen figures yet"
        raise ConflictError(msg)
    return ScoringInput.model_validate_json(row.input_json)


def _parsed(row: AssessmentRound) -> ScoreResult | None:
    """The frozen score (None while the round is open)."""
    if row.result_json is None:
        return None
    return ScoreResult.model_validate_json(row.result_json)


def frozen_result(row: AssessmentRound) -> ScoreResult:
    frozen = _parsed(row)
    if frozen is None:
        msg = f"round {row.label!r} is still open: it has no frozen figures yet"
        raise ConflictError(msg)
    return frozen


def close_round(
    store: Store, caller: Caller, org_id: str, round_id: str, *, closed_by: str | None = None
) -> RoundDetail:
    """Freeze the round: score its answers once, store input and score, and make its plan."""
    require_org(caller, org_id)
    require(caller, "manage_rounds")
    with store.write() as session:
        row = repo.lock_round(session, org_id, round_id)
        if row is None:
            msg = f"round {round_id!r} not found"
            raise NotFoundError(msg)
        if row.status == "closed":
            msg = f"round {row.label!r} is already closed; its figures are frozen"
            raise ConflictError(msg)
        raw = scoring_input(session, org_id, governance=False, round_id=row.id)
        gov = governance_store.governance_input(session, org_id)
        applied = apply_governance(raw, gov)[0]
        # One total: the snapshot is the governance report's own score, so the sprint plan
        # quotes the figures the round froze with.
        report = governance_report(raw, gov)
        digest = input_sha256(applied)
        plan = sprint_plan(report, _owners(session, org_id, row.id))
        repo.freeze_round(
            session,
            row,
            closed_by=closed_by,
            model_version=MODEL_VERSION,
            input_sha256=digest,
            draws=applied.draws,
            seed=seed_for(digest),
            input_json=applied.model_dump_json(),
            result_json=report.score.model_dump_json(),
        )
        repo.add_sprint_items(session, row, [i.model_dump(mode="json") for i in plan.items])
        return _detail(session, row, attribution.score_replacements(session, org_id))


def update_item(
    store: Store,
    caller: Caller,
    org_id: str,
    item_id: int,
    *,
    owner: str | None = None,
    due_week: int | None = None,
    status: str | None = None,
    updated_by: str | None = None,
) -> SprintItemView:
    """A facilitator's edit of one plan item: owner, due week (1-13) or status."""
    require_org(caller, org_id)
    require(caller, "manage_rounds")
    if due_week is not None and not 1 <= due_week <= 13:
        msg = "due_week: a sprint runs 13 weeks; give a week from 1 to 13"
        raise AnswerRejected(msg, example="6")
    if status is not None and status not in ITEM_STATUSES:
        msg = f"status: one of {', '.join(ITEM_STATUSES)}"
        raise AnswerRejected(msg, example="in_progress")
    if owner is not None and (not owner.strip() or len(owner) > 200):
        msg = "owner: a department or person of 1 to 200 characters"
        raise AnswerRejected(msg, example="Operations")
    with store.write() as session:
        row = repo.get_sprint_item(session, org_id, item_id)
        if row is None:
            msg = f"plan item {item_id} not found"
            raise NotFoundError(msg)
        if owner is not None:
            row.owner = owner.strip()
        if due_week is not None:
            row.due_week = due_week
        if status is not None:
            row.status = status
        row.updated_by = updated_by
        session.flush()
        return item_view(row)
