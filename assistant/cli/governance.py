"""`oiar initiatives add|list|rank|remove` and `oiar governance show|seam|decision|constraint|
ai-plan`: the local operator's view of execution governance (acts as the org's admin)."""

from __future__ import annotations

import json
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from assistant.config import get_settings
from tools import Store, admin, governance
from tools.access import Caller
from tools.errors import NotFoundError, ToolError
from tools.governance import initiatives
from tools.governance.render import governance_text, investment_lines
from tools.governance.text import parse_cost, parse_reliefs

USAGE_ERROR = 2
initiatives_app = typer.Typer(help="Initiatives and the ranked investment sequence.")
governance_app = typer.Typer(help="Seams, decision rights, the constraint and AI velocity.")
OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organization id (default: the only one).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _fail(message: str) -> NoReturn:
    Console(stderr=True).print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(USAGE_ERROR)


def _open(org: str | None) -> tuple[Store, Caller, str]:
    store = Store.open(get_settings().resolved_database_url)
    if org is None:
        ids = admin.list_org_ids(store)
        if len(ids) != 1:
            found = "no organization" if not ids else f"{len(ids)} organizations"
            _fail(f"--org: {found} in this workspace; pass --org")
        org = ids[0]
    else:
        try:
            admin.get_org(store, _operator(org), org)
        except NotFoundError:
            _fail(f"--org: organization {org!r} not found")
    return store, _operator(org), org


def _operator(org_id: str) -> Caller:
    """The local operator acts as the organization's admin: they hold its database."""
    return Caller(org_id=org_id, role="admin", channel="cli")


@initiatives_app.command("add")
def initiatives_add(
    name: Annotated[str, typer.Argument(help="A name, unique in the organization.")],
    cost: Annotated[str, typer.Option(help="What it costs, e.g. 60k or $1.2M.")],
    relieves: Annotated[
        str,
        typer.Option(help="Drivers and fractions, e.g. 'handoff_failure 40%, vacancy_drag 20%'."),
    ],
    org: OrgOption = None,
) -> None:
    """Enter an initiative: its cost and the drivers it relieves."""
    store, caller, org_id = _open(org)
    try:
        currency = admin.get_org(store, caller, org_id).currency
        view = initiatives.add_initiative(
            store,
            caller,
            org_id,
            name=name,
            cost=parse_cost(cost, currency),
            relieves=parse_reliefs(relieves),
        )
    except ToolError as exc:
        _fail(str(exc))
    typer.echo(f"initiative {view.id} added: {view.name}")


@initiatives_app.command("list")
def initiatives_list(org: OrgOption = None, as_json: JsonOption = False) -> None:
    """List the organization's initiatives."""
    store, caller, org_id = _open(org)
    views = initiatives.list_initiatives(store, caller, org_id)
    if as_json:
        typer.echo(json.dumps([v.model_dump(mode="json") for v in views], indent=2))
        return
    for v in views:
        what = ", ".join(f"{r['driver']} {r['fraction']:.0%}" for r in v.relieves)
        typer.echo(f"{v.id}  {v.name}  {v.cost:,.0f}  {what}")


@initiatives_app.command("rank")
def initiatives_rank(org: OrgOption = None, as_json: JsonOption = False) -> None:
    """Rank initiatives by OIaR relieved per dollar; flag those to pause."""
    store, caller, org_id = _open(org)
    try:
        report = governance.report(store, caller, org_id)
    except ToolError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(report.investments.model_dump_json(indent=2))
        return
    typer.echo("\n".join(investment_lines(report.investments, report.score.currency)))


@initiatives_app.command("remove")
def initiatives_remove(
    name: Annotated[str, typer.Argument(help="Initiative name or id.")], org: OrgOption = None
) -> None:
    """Delete an initiative."""
    store, caller, org_id = _open(org)
    try:
        initiatives.remove_initiative(store, caller, org_id, name)
    except ToolError as exc:
        _fail(str(exc))
    typer.echo(f"initiative {name!r} removed")


@governance_app.command("show")
def governance_show(org: OrgOption = None, as_json: JsonOption = False) -> None:
    """The constraint, seam map, decision rights, investment sequence and AI velocity."""
    store, caller, org_id = _open(org)
    report = governance.report(store, caller, org_id)
    typer.echo(report.model_dump_json(indent=2) if as_json else governance_text(report))


def _enter(kind: str, text: str, org: str | None, respondent: str | None) -> None:
    store, caller, org_id = _open(org)
    try:
        entry = governance.add_entry(
            store, caller, org_id, kind, text=text, respondent_id=respondent
        )
    except ToolError as exc:
        _fail(
            str(exc) + (f" (for example: {exc.example})" if getattr(exc, "example", None) else "")
        )
    typer.echo(f"{kind} {entry.id} recorded: {json.dumps(entry.data)}")


RespondentOption = Annotated[
    str | None, typer.Option("--respondent", help="Whose view it is (respondent id).")
]


@governance_app.command("seam")
def governance_seam(
    text: Annotated[str, typer.Argument(help="'Ops -> Transport: 6 a month, $4k each, ...'")],
    org: OrgOption = None,
    respondent: RespondentOption = None,
) -> None:
    """Enter a handoff between two functions."""
    _enter("seam", text, org, respondent)


@governance_app.command("decision")
def governance_decision(
    text: Annotated[str, typer.Argument(help="'type | decider | n a month | days | days'")],
    org: OrgOption = None,
    respondent: RespondentOption = None,
) -> None:
    """Enter a decision type: who decides, how long, how long operations can wait."""
    _enter("decision", text, org, respondent)


@governance_app.command("constraint")
def governance_constraint(
    text: Annotated[str, typer.Argument(help="'stage | resource | throughput'")],
    org: OrgOption = None,
    respondent: RespondentOption = None,
) -> None:
    """Name the stage and resource that govern throughput, service, quality or cost."""
    _enter("constraint", text, org, respondent)


@governance_app.command("ai-plan")
def governance_ai_plan(
    speedup: Annotated[float, typer.Option(help="How many times faster AI moves decisions.")],
    maturity: Annotated[int, typer.Option(help="Governance maturity of the seams, 1-5.")],
    org: OrgOption = None,
) -> None:
    """Set the planned AI decision speed-up and governance maturity."""
    store, caller, org_id = _open(org)
    try:
        plan = governance.set_ai_plan(store, caller, org_id, speedup=speedup, maturity=maturity)
    except ToolError as exc:
        _fail(str(exc))
    typer.echo(f"AI plan set: {plan.speedup:g}× faster decisions, maturity {plan.maturity} of 5")
