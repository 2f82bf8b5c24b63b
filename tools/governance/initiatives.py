"""Initiative tools: facilitators enter initiatives; anyone who reads score detail ranks them.

The ranking is the scoring core's (`scoring.governance.rank_initiatives`): OIaR relieved per
currency unit against the current score, with payback, and initiatives that relieve neither the
constraint nor a top-3 domain flagged to pause.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from scoring.governance import LEVERS, Initiative, InvestmentSequence
from tools.access import Caller, require, require_org
from tools.errors import AnswerRejected, ConflictError, NotFoundError
from tools.governance import entries as governance
from tools.store import governance as repo
from tools.store.db import Store
from tools.store.schema import InitiativeRow
from tools.timestamps import UtcDatetime

# GovernanceInput takes up to 200; each is one more scoring pass when ranked.
MAX_INITIATIVES = 200


class InitiativeView(BaseModel):
    id: str
    name: str
    cost: float
    relieves: list[dict[str, Any]]
    created_by: str | None
    created_at: UtcDatetime


def _view(row: InitiativeRow) -> InitiativeView:
    return InitiativeView(
        id=row.id,
        name=row.name,
        cost=row.cost,
        relieves=row.relieves,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def validate_initiative(name: str, cost: float, relieves: list[dict[str, Any]]) -> Initiative:
    try:
        initiative = Initiative.model_validate({"name": name, "cost": cost, "relieves": relieves})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        msg = f"initiative {where}: {first['msg']}"
        raise AnswerRejected(msg) from exc
    unknown = [r.driver for r in initiative.relieves if r.driver not in LEVERS]
    if unknown:
        msg = f"unknown driver(s) {', '.join(unknown)}; expected some of {', '.join(LEVERS)}"
        raise AnswerRejected(msg, example="handoff_failure 40%")
    return initiative


def add_initiative(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    name: str,
    cost: float,
    relieves: list[dict[str, Any]],
) -> InitiativeView:
    """Enter an initiative: its name, cost and the drivers it relieves by what fraction.

    Args:
        name: Unique within the organization.
        cost: What it costs, in the organization's currency.
        relieves: [{"driver": "handoff_failure", "fraction": 0.4}, ...]; fractions in (0, 1].
    """
    require_org(caller, org_id)
    require(caller, "manage_initiatives")
    initiative = validate_initiative(name.strip(), cost, relieves)
    with store.write() as session:
        if len(repo.list_initiatives(session, org_id)) >= MAX_INITIATIVES:
            msg = f"this organization already has {MAX_INITIATIVES} initiatives; remove some first"
            raise ConflictError(msg)
        row = repo.create_initiative(
            session,
            org_id=org_id,
            name=initiative.name,
            cost=initiative.cost,
            relieves=[r.model_dump() for r in initiative.relieves],
            created_by=caller.respondent_id or caller.role,
        )
        return _view(row)


def list_initiatives(store: Store, caller: Caller, org_id: str) -> list[InitiativeView]:
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    with store.read() as session:
        return [_view(r) for r in repo.list_initiatives(session, org_id)]


def remove_initiative(store: Store, caller: Caller, org_id: str, key: str) -> None:
    """Delete an initiative by id or name."""
    require_org(caller, org_id)
    require(caller, "manage_initiatives")
    with store.write() as session:
        row = repo.find_initiative(session, org_id, key)
        if row is None:
            msg = f"initiative {key!r} not found"
            raise NotFoundError(msg)
        session.delete(row)


def rank(store: Store, caller: Caller, org_id: str) -> InvestmentSequence:
    """The ranked investment sequence of the organization's initiatives."""
    return governance.report(store, caller, org_id).investments
