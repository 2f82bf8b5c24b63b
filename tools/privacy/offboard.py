"""Offboarding an organization: every row it owns, its keys, Slack installations, bots and
workspace links, and its passages in the evidence index, deleted for good.

The admin names the organization twice (the route and `confirm`) so a stray call cannot do it.
The index goes first: were it unreachable, nothing is deleted and the admin can try again,
rather than the store forgetting an organization whose quotes stay searchable.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from tools.access import Caller, require, require_org
from tools.errors import AnswerRejected, NotFoundError
from tools.knowledge.service import KnowledgeService, KnowledgeUnavailable
from tools.store import orgs
from tools.store import privacy as repo
from tools.store.db import Store


class OffboardReport(BaseModel):
    org_id: str
    deleted: dict[str, int] = Field(description="Rows deleted per table.")
    evidence_quotes: int = Field(description="Passages removed from the evidence index.")


def offboard_org(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    confirm: str,
    knowledge: KnowledgeService | None,
) -> OffboardReport:
    """Delete the organization and everything of it (admins only; `confirm` repeats its id)."""
    require_org(caller, org_id)
    require(caller, "offboard_org")
    if confirm != org_id:
        msg = f"confirm: repeat the organization's id ({org_id}) to delete it and all its data"
        raise AnswerRejected(msg, example=org_id)
    with store.read() as session:
        if orgs.get_org(session, org_id) is None:
            msg = f"organization {org_id!r} not found"
            raise NotFoundError(msg)
    quotes = 0
    if knowledge is not None:
        try:
            knowledge.flush()
            quotes = knowledge.index.count_evidence(org_id)
            knowledge.index.clear_evidence(org_id)
        except Exception as exc:  # chromadb raises many types
            msg = f"the evidence index cannot be cleared right now, nothing was deleted: {exc}"
            raise KnowledgeUnavailable(msg) from exc
    with store.write() as session:
        deleted = repo.delete_org(session, org_id)
    store.derived.clear()
    return OffboardReport(org_id=org_id, deleted=deleted, evidence_quotes=quotes)
