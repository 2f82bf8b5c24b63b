"""The access log: every read of answers, transcripts, reports and exports, and who read them.

A row says who (role, and the respondent when a respondent's own key read), with which key
(its id: never the key itself), through which route or command, what it named, and when.
A respondent's own interview turns are not reads of answers and are not logged (the chat path
stays one write per turn). Admins list the log; nobody else may.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from tools.access import Caller, require, require_org
from tools.campaigns.schedule import to_naive_utc
from tools.store import privacy as repo
from tools.store.db import Store
from tools.store.schema import utcnow
from tools.timestamps import UtcDatetime

MAX_LIMIT = 1_000


class AccessEntry(BaseModel):
    at: UtcDatetime
    role: str
    respondent_id: str | None = Field(description="Set when a respondent's own key read.")
    key_id: str | None = Field(description="The API key's id; None from the command line.")
    channel: str
    method: str
    route: str = Field(description="The route template, or the command line run.")
    target: str | None = Field(description="The interview or respondent the read named.")


def record_access(
    store: Store, caller: Caller, *, route: str, method: str = "GET", target: str | None = None
) -> None:
    """Write one row for a read the caller is making now."""
    with store.write() as session:
        repo.add_access(
            session,
            {
                "org_id": caller.org_id,
                "role": caller.role,
                "respondent_id": caller.respondent_id,
                "key_id": caller.key_id,
                "channel": caller.channel,
                "method": method[:8],
                "route": route[:200],
                "target": target[:64] if target else None,
                "at": utcnow(),
            },
        )


def list_access_log(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    limit: int = 100,
    since: datetime | None = None,
    role: str | None = None,
    respondent_id: str | None = None,
    route: str | None = None,
) -> list[AccessEntry]:
    """The organization's access log, newest first (admins only)."""
    require_org(caller, org_id)
    require(caller, "read_access_log")
    limit = max(1, min(limit, MAX_LIMIT))
    with store.read() as session:
        rows = repo.list_access(
            session,
            org_id,
            limit=limit,
            since=to_naive_utc(since) if since is not None else None,
            role=role,
            respondent_id=respondent_id,
            route=route,
        )
        return [AccessEntry.model_validate(row, from_attributes=True) for row in rows]
