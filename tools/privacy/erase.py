"""Erasing a respondent: an admin removes a person, the organization keeps its figures.

What goes: the name (replaced by "erased <id>"), title and Slack user id; every raw answer
text and evidence note (replaced by "[erased]"); the display of free-text answers; every
transcript line of their interviews; the raw text of their governance entries; their keys'
names (the keys are revoked); their campaign time zone; their Slack OAuth grants; a sprint
item they owned; their name in rounds frozen before scores held ids only; and their quotes in
the evidence index (embedded or a Chroma server).

What stays: the respondent id, department and instrument tags, and each answer's question,
kind and parsed value. The scoring core only ever sees ids and departments
(`tools.store.people.scoring_identity`), so the organization's score is byte for byte what it
was; the person is shown as "a leader in <department>" from now on.

A tombstone (`Erasure`) records who erased which id and when, and how many rows went, never
what they held. Erasing again is safe: it returns the tombstone and retries the index when
that failed the first time (`index_cleared`).
"""

from __future__ import annotations

import logging

from pydantic import BaseModel, Field

from knowledge import load_instrument
from tools.access import Caller, require, require_org
from tools.errors import NotFoundError
from tools.knowledge.service import KnowledgeService
from tools.store import people
from tools.store import privacy as repo
from tools.store.db import Store
from tools.store.orgs import new_id
from tools.store.schema import Erasure, utcnow
from tools.timestamps import UtcDatetime

logger = logging.getLogger("oiar.privacy")


class ErasureView(BaseModel):
    id: str
    org_id: str
    respondent_id: str
    erased_by_role: str
    erased_by_key_id: str | None
    channel: str
    erased_at: UtcDatetime
    removed: dict[str, int] = Field(description="How many rows of each kind were scrubbed.")
    index_cleared: bool = Field(
        description="False while the person's quotes may still be in the evidence index: "
        "erase again once the index is reachable."
    )


def _view(row: Erasure) -> ErasureView:
    return ErasureView.model_validate(row, from_attributes=True)


def erase_respondent(
    store: Store,
    caller: Caller,
    org_id: str,
    respondent_id: str,
    *,
    knowledge: KnowledgeService | None,
) -> ErasureView:
    """Erase one respondent's personal data (admins only); see the module docstring."""
    require_org(caller, org_id)
    require(caller, "erase_people")
    text_questions = [q.id for q in load_instrument().questions if q.type == "text"]
    now = utcnow()
    with store.write() as session:
        person = people.get_respondent(session, org_id, respondent_id)
        if person is None:
            msg = f"respondent {respondent_id!r} not found"
            raise NotFoundError(msg)
        tombstone = repo.erasure_of(session, respondent_id)
        if tombstone is None:
            removed = repo.erase_respondent(session, person, now=now, text_questions=text_questions)
            tombstone = Erasure(
                id=new_id("era"),
                org_id=org_id,
                respondent_id=respondent_id,
                erased_by_role=caller.role,
                erased_by_key_id=caller.key_id,
                channel=caller.channel,
                erased_at=now,
                removed=removed,
                index_cleared=False,
            )
            session.add(tombstone)
            session.flush()
        view = _view(tombstone)
    # Scores cached under the old input are the same figures; drop them anyway, so nothing
    # derived from before the erasure outlives it in memory.
    store.derived.clear()
    if not view.index_cleared:
        view = _clear_index(store, view, knowledge)
    return view


def _clear_index(
    store: Store, view: ErasureView, knowledge: KnowledgeService | None
) -> ErasureView:
    if knowledge is None:
        return view
    try:
        # Answers queued before the erasure must land first, or they would come back after.
        knowledge.flush()
        quotes = knowledge.index.delete_respondent_evidence(view.org_id, view.respondent_id)
    except Exception:  # logged; the tombstone says the index is still to clear
        logger.warning(
            "erasure %s: the evidence index could not be cleared", view.id, exc_info=True
        )
        return view
    with store.write() as session:
        row = session.get(Erasure, view.id)
        if row is not None:
            row.index_cleared = True
            row.removed = {**row.removed, "evidence_quotes": quotes}
            session.flush()
            return _view(row)
    return view


def list_erasures(store: Store, caller: Caller, org_id: str) -> list[ErasureView]:
    """Every tombstone of the organization, oldest first (admins only)."""
    require_org(caller, org_id)
    require(caller, "erase_people")
    with store.read() as session:
        return [_view(row) for row in repo.list_erasures(session, org_id)]
