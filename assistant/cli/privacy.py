"""`oiar privacy export|erase|erasures|offboard|prune|access-log`: respondents' data for the
local operator (acting as the organization's admin, like `oiar governance`)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from assistant.cli.governance import JsonOption, OrgOption, _fail, _open
from assistant.config import get_settings
from assistant.services import retention_policy
from tools import Store, admin, privacy
from tools.access import Caller
from tools.errors import ToolError
from tools.knowledge import KnowledgeService

privacy_app = typer.Typer(
    help="Respondents' data: export, erase, offboard, retention, the access log."
)
RespondentArg = Annotated[str, typer.Argument(help="The respondent's id or exact name.")]
YesOption = Annotated[bool, typer.Option("--yes", help="Confirm: this cannot be undone.")]


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


def _print(lines: list[str]) -> None:
    console = Console()
    for line in lines:
        console.print(escape(line), highlight=False)


def _knowledge() -> KnowledgeService:
    settings = get_settings()
    return KnowledgeService(data_dir=settings.data_dir, chroma_url=settings.chroma_url)


def _respondent_id(store: Store, caller: Caller, org_id: str, given: str) -> str:
    people = admin.list_respondents(store, caller, org_id)
    for person in people:
        if given in (person.id, person.name):
            return person.id
    _fail(f"respondent {given!r} not found; `oiar privacy export` takes an id or exact name")


@privacy_app.command("export")
def export_command(
    respondent: RespondentArg,
    org: OrgOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json or csv.")] = (
        ExportFormat.json
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Everything stored about one respondent: profile, answers, transcripts, quotes."""
    store, caller, org_id = _open(org)
    rid = _respondent_id(store, caller, org_id, respondent)
    knowledge = _knowledge()
    try:
        built = privacy.export_respondent(store, caller, org_id, rid, knowledge=knowledge)
    finally:
        knowledge.close()
    privacy.record_access(store, caller, route="oiar privacy export", target=rid)
    text = privacy.export_csv(built) if fmt is ExportFormat.csv else built.model_dump_json(indent=2)
    if output is None:
        typer.echo(text)
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        _fail(f"-o: cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {output} ({len(built.answers)} answers, {fmt.value})", err=True)


@privacy_app.command("erase")
def erase_command(respondent: RespondentArg, org: OrgOption = None, yes: YesOption = False) -> None:
    """Erase a person: name, title, Slack links and every word they typed; the numeric
    answers stay, by department, so the organization's score does not move."""
    store, caller, org_id = _open(org)
    rid = _respondent_id(store, caller, org_id, respondent)
    if not yes:
        _fail(f"erasing {rid} cannot be undone; pass --yes to go ahead")
    knowledge = _knowledge()
    try:
        view = privacy.erase_respondent(store, caller, org_id, rid, knowledge=knowledge)
    except ToolError as exc:
        _fail(str(exc))
    finally:
        knowledge.close()
    removed = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in view.removed.items())
    lines = [f"Erased {rid} ({view.id}): {removed}."]
    if not view.index_cleared:
        lines.append("The evidence index could not be cleared yet: run this again to retry.")
    _print(lines)


@privacy_app.command("erasures")
def erasures_command(org: OrgOption = None, as_json: JsonOption = False) -> None:
    """Every erasure's tombstone: who erased which respondent id, and when."""
    store, caller, org_id = _open(org)
    listed = privacy.list_erasures(store, caller, org_id)
    if as_json:
        typer.echo("[" + ",".join(e.model_dump_json() for e in listed) + "]")
        return
    if not listed:
        _print(["No one has been erased."])
        return
    _print(
        [
            f"{e.erased_at:%Y-%m-%d %H:%M} {e.respondent_id} by {e.erased_by_role} "
            f"({e.erased_by_key_id or e.channel}){'' if e.index_cleared else ' index pending'}"
            for e in listed
        ]
    )


@privacy_app.command("offboard")
def offboard_command(
    org: Annotated[str, typer.Option("--org", help="The organization to delete.")],
    yes: YesOption = False,
) -> None:
    """Delete an organization and all its data, keys, Slack installations and quotes."""
    store, caller, org_id = _open(org)
    if not yes:
        _fail(f"deleting {org_id} and all its data cannot be undone; pass --yes to go ahead")
    knowledge = _knowledge()
    try:
        report = privacy.offboard_org(store, caller, org_id, confirm=org_id, knowledge=knowledge)
    except ToolError as exc:
        _fail(str(exc))
    finally:
        knowledge.close()
    rows = sum(report.deleted.values())
    _print([f"Deleted {org_id}: {rows} rows and {report.evidence_quotes} indexed quotes."])


@privacy_app.command("prune")
def prune_command(
    force: Annotated[
        bool, typer.Option("--force", help="Run even if it ran in this period already.")
    ] = False,
) -> None:
    """Delete transcripts, Slack dedupe records and access-log rows past their retention
    (OIAR_*_RETENTION_DAYS); once a period across every process, so cron may call it."""
    settings = get_settings()
    store = Store.open(settings.resolved_database_url)
    result = privacy.run_retention(
        store, retention_policy(settings), datetime.now(UTC), force=force
    )
    if not result.ran:
        _print(["Already pruned in this period (OIAR_RETENTION_EVERY_HOURS); --force to run now."])
        return
    _print(
        [
            f"Pruned {result.transcript_lines} transcript lines, {result.slack_events} Slack "
            f"event records and {result.access_log_rows} access-log rows."
        ]
    )


@privacy_app.command("access-log")
def access_log_command(
    org: OrgOption = None,
    limit: Annotated[int, typer.Option(help="Most rows to show.", min=1, max=1000)] = 50,
    role: Annotated[str | None, typer.Option(help="Only reads by this role.")] = None,
    since: Annotated[str | None, typer.Option(help="Only reads since (ISO 8601).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Who read answers, transcripts, reports and exports, newest first."""
    store, caller, org_id = _open(org)
    if role is not None and role not in ("admin", "facilitator", "respondent", "viewer"):
        _fail(f"--role: {role!r} is not a role; use admin, facilitator, respondent or viewer")
    try:
        since_at = datetime.fromisoformat(since) if since else None
    except ValueError:
        _fail(f"--since: {since!r} is not a date; use ISO 8601, e.g. 2027-03-31")
    rows = privacy.list_access_log(store, caller, org_id, limit=limit, since=since_at, role=role)
    if as_json:
        typer.echo("[" + ",".join(r.model_dump_json() for r in rows) + "]")
        return
    _print(
        [
            f"{r.at:%Y-%m-%d %H:%M:%S} {r.role}"
            f"{' ' + r.respondent_id if r.respondent_id else ''} "
            f"key {r.key_id or '-'} {r.method} {r.route}{' ' + r.target if r.target else ''}"
            for r in rows
        ]
        or ["No reads recorded."]
    )


__all__ = ["privacy_app"]
