"""`oiar round open|close|list`, `oiar trend` and `oiar plan`: quarterly rounds for the local
operator (acting as the organization's admin, like `oiar governance`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from assistant.cli.governance import JsonOption, OrgOption, _fail, _open
from assistant.reports.trend_page import trend_frame
from tools import Store, admin, rounds
from tools.access import Caller
from tools.errors import ToolError
from tools.rounds.render import plan_lines, rounds_lines, trend_lines

round_app = typer.Typer(help="Assessment rounds: open one a quarter, close it to freeze it.")


def _print(lines: list[str]) -> None:
    console = Console()
    for line in lines:
        console.print(escape(line), highlight=False)


def _currency(store: Store, caller: Caller, org: str) -> str:
    return admin.get_org(store, caller, org).currency


def _round_id(store: Store, caller: Caller, org: str, label_or_id: str | None) -> str:
    listed = rounds.list_rounds(store, caller, org)
    if label_or_id is None:
        open_now = [r for r in listed if r.status == "open"]
        if not open_now:
            _fail("no round is open; name the round to use (its label or id)")
        return open_now[0].id
    for r in listed:
        if label_or_id in (r.id, r.label):
            return r.id
    _fail(f"round {label_or_id!r} not found; `oiar round list` shows the rounds")


@round_app.command("open")
def round_open(
    label: Annotated[str, typer.Argument(help="The round's label, e.g. 2027-Q1.")],
    due: Annotated[str | None, typer.Option(help="Due date, ISO 8601 (2027-03-31).")] = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Open a round: answers given from now on (and any since the last close) belong to it."""
    store, caller, org_id = _open(org)
    try:
        due_at = datetime.fromisoformat(due) if due else None
    except ValueError:
        _fail(f"--due: {due!r} is not a date; use ISO 8601, e.g. 2027-03-31")
    try:
        view = rounds.open_round(store, caller, org_id, label=label, due_at=due_at, opened_by="cli")
    except ToolError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(view.model_dump_json(indent=2))
        return
    _print([f"Opened {view.label} ({view.id}); {view.answers} answers so far belong to it."])


@round_app.command("close")
def round_close(
    label_or_id: Annotated[
        str | None, typer.Argument(help="Label or id (default: the open round).")
    ] = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """Close a round: freeze its score and generate its 90-day sprint plan."""
    store, caller, org_id = _open(org)
    round_id = _round_id(store, caller, org_id, label_or_id)
    try:
        detail = rounds.close_round(store, caller, org_id, round_id, closed_by="cli")
    except ToolError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(detail.model_dump_json(indent=2))
        return
    cur = _currency(store, caller, org_id)
    assert detail.result is not None
    _print(
        [
            f"Closed {detail.round.label}: frozen at {detail.result.total.mean:,.0f} {cur} a year "
            f"(input {detail.round.input_sha256 and detail.round.input_sha256[:12]}, "
            f"{detail.round.draws:,} draws).",
            "",
            "90-day sprint plan:",
            *plan_lines(detail.plan, cur),
        ]
    )


@round_app.command("list")
def round_list(org: OrgOption = None, as_json: JsonOption = False) -> None:
    """Every round, oldest first, with its frozen total once closed."""
    store, caller, org_id = _open(org)
    listed = rounds.list_rounds(store, caller, org_id)
    if as_json:
        typer.echo("[" + ",".join(r.model_dump_json() for r in listed) + "]")
        return
    _print(rounds_lines(listed, _currency(store, caller, org_id)))


def trend_command(
    org: OrgOption = None,
    as_json: JsonOption = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="One CSV row per round and domain.")
    ] = False,
) -> None:
    """OIaR per closed round and domain, what changed and how sure it is that it fell."""
    store, caller, org_id = _open(org)
    built = rounds.trend(store, caller, org_id)
    if as_csv:
        typer.echo(trend_frame(built).to_csv(index=False, lineterminator="\n"), nl=False)
        return
    if as_json:
        typer.echo(built.model_dump_json(indent=2))
        return
    _print(trend_lines(built))


def plan_command(
    label_or_id: Annotated[
        str | None, typer.Argument(help="Round label or id (default: the latest closed).")
    ] = None,
    org: OrgOption = None,
    as_json: JsonOption = False,
) -> None:
    """A closed round's 90-day sprint plan, with each item's owner, weeks and status."""
    store, caller, org_id = _open(org)
    if label_or_id is None:
        closed = [r for r in rounds.list_rounds(store, caller, org_id) if r.status == "closed"]
        if not closed:
            _fail("no round has been closed yet: the plan comes from a closed round")
        round_id = closed[-1].id
    else:
        round_id = _round_id(store, caller, org_id, label_or_id)
    detail = rounds.get_round(store, caller, org_id, round_id)
    if as_json:
        typer.echo("[" + ",".join(i.model_dump_json() for i in detail.plan) + "]")
        return
    if not detail.plan:
        _fail(f"round {detail.round.label!r} is still open: close it to make its plan")
    _print(plan_lines(detail.plan, _currency(store, caller, org_id)))
