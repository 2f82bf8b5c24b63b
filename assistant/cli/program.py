"""The `oiar` command line (Typer). Bad input exits 2 with one line naming the problem."""

from __future__ import annotations

import getpass
import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.cli.chat import run_chat
from assistant.cli.demo import run_demo
from assistant.cli.governance import governance_app, initiatives_app
from assistant.cli.invites import invite_app
from assistant.cli.privacy import privacy_app
from assistant.cli.render import print_score, questions_table, score_csv
from assistant.cli.rounds import plan_command, round_app, trend_command
from assistant.config import get_settings
from assistant.drivers.llm.chat_model import ModelConfigError
from assistant.services import Services
from knowledge import KnowledgeError, load_instrument
from scoring import DOMAINS, OrganizationProfile, ScoringError, score
from tools import Store, admin, privacy
from tools.access import Caller
from tools.analysis import what_if
from tools.analysis.assessment import (
    AssessmentError,
    load_assessment_file,
    read_assessment,
    to_scoring_input,
)
from tools.errors import NotFoundError, ToolError

USAGE_ERROR = 2

app = typer.Typer(
    name="oiar",
    help="Operating Income at Risk: price execution drag across nine domains.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
org_app = typer.Typer(help="Organizations in the local workspace.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys.", no_args_is_help=True)
app.add_typer(org_app, name="org")
app.add_typer(keys_app, name="keys")
app.add_typer(initiatives_app, name="initiatives", no_args_is_help=True)
app.add_typer(governance_app, name="governance", no_args_is_help=True)
app.add_typer(round_app, name="round", no_args_is_help=True)
app.add_typer(privacy_app, name="privacy", no_args_is_help=True)
app.add_typer(invite_app, name="invite", no_args_is_help=True)
app.command("trend")(trend_command)
app.command("plan")(plan_command)


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def _say_error(message: str) -> None:
    Console(stderr=True).print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)


def _fail(message: str) -> NoReturn:
    _say_error(message)
    raise typer.Exit(USAGE_ERROR)


@app.command()
def questions(
    domain: Annotated[
        str | None, typer.Option(help="Only this domain's questions (a key).")
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.table,
) -> None:
    """List the interview questions, optionally for one domain."""
    keys = [d.key for d in DOMAINS]
    if domain is not None and domain not in keys:
        _fail(f"--domain: unknown domain {domain!r}; expected one of {', '.join(keys)}")
    instrument = load_instrument()
    chosen = instrument.for_domain(domain) if domain else list(instrument.questions)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([q.model_dump(mode="json") for q in chosen], indent=2))
        return
    Console().print(questions_table(chosen))


@app.command("score")
def score_command(
    file: Annotated[Path, typer.Argument(help="Assessment JSON file.", show_default=False)],
    fmt: Annotated[ScoreFormat, typer.Option("--format", help="table, json or csv.")] = (
        ScoreFormat.table
    ),
    draws: Annotated[
        int | None, typer.Option(help="Monte Carlo draws (100-200,000; default 10,000).")
    ] = None,
) -> None:
    """Score an assessment file and print the ranked Operating Income at Risk."""
    try:
        assessment = load_assessment_file(file)
        if draws is not None:
            assessment = read_assessment({**assessment.model_dump(mode="json"), "draws": draws})
        result = score(to_scoring_input(assessment))
    except (AssessmentError, ScoringError) as exc:
        _fail(str(exc))
    if fmt is ScoreFormat.json:
        typer.echo(result.model_dump_json(indent=2))
    elif fmt is ScoreFormat.csv:
        typer.echo(score_csv(result), nl=False)
    else:
        print_score(result, Console())


@app.command()
def demo() -> None:
    """Interview the sample company's four leaders through the engine, then rank the drags."""
    run_demo(Console())


def _store() -> Store:
    return Store.open(get_settings().resolved_database_url)


@app.command("index")
def index_command(
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Also re-index every answer's free text.")
    ] = False,
) -> None:
    """Rebuild the knowledge-base search index (OIAR_CHROMA_URL, or under OIAR_DATA_DIR)."""
    from assistant.cli.indexing import run_index

    run_index(get_settings(), Console(), evidence=evidence)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="App processes (more than 1 needs PostgreSQL).", min=1, max=64)
    ] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from assistant.api.app import create_app

    settings = get_settings()
    _log_to_stderr()
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port)
        return
    if settings.resolved_database_url.startswith("sqlite"):
        # Correct but pointless: SQLite takes one writer at a time, so a second process adds
        # lock waits (each stalling its event loop for a turn) and no throughput.
        _fail(f"--workers {workers} needs PostgreSQL (OIAR_DATABASE_URL): SQLite has one writer")
    if settings.chroma_url is None:
        logging.getLogger("oiar").warning(
            "%d processes share the embedded knowledge index under %s: set OIAR_CHROMA_URL "
            "so the evidence every one indexes lands in one index",
            workers,
            settings.data_dir,
        )
    # Migrated once here, so the workers start on a current schema instead of queueing on the
    # migration lock one after another.
    _store().dispose()
    uvicorn.run(
        "assistant.cli.program:worker_app", factory=True, host=host, port=port, workers=workers
    )


def worker_app() -> Any:
    """The app of one `serve --workers` process (uvicorn imports it by name in each)."""
    from assistant.api.app import create_app

    _log_to_stderr()
    return create_app(get_settings())


def _log_to_stderr() -> None:
    """Our own INFO lines (Slack on or off, who may create organizations) beside uvicorn's."""
    import logging

    class CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
        """Writes to sys.stderr as it is at each record: a runner that swaps and closes it
        (tests, embedding) never leaves the handler on a closed stream."""

        @property
        def stream(self) -> Any:
            return sys.stderr

        @stream.setter
        def stream(self, _: Any) -> None:
            pass

    logger = logging.getLogger("oiar")
    if not logger.handlers:
        handler = CurrentStderr()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@app.command("slack")
def slack_command(
    socket: Annotated[
        bool, typer.Option("--socket", help="Connect over Socket Mode (OIAR_SLACK_APP_TOKEN).")
    ] = False,
) -> None:
    """Run the Slack app over Socket Mode (over HTTP it runs inside `oiar serve`)."""
    import asyncio

    from assistant.slack import socket_mode

    if not socket:
        _fail("over HTTP, Slack runs inside `oiar serve` at /slack/events; pass --socket")
    settings = get_settings()
    with Services.build(settings, _store()) as services:
        try:
            runtime, app_token = socket_mode.socket_runtime(settings, services)
        except ValueError as exc:
            _fail(str(exc))
        _log_to_stderr()
        asyncio.run(socket_mode.serve_socket_mode(runtime, app_token))


@org_app.command("create")
def org_create(
    name: Annotated[str, typer.Option(help="Organization name.")],
    revenue: Annotated[float, typer.Option(help="Annual revenue.")],
    margin: Annotated[float, typer.Option(help="Operating margin, e.g. 0.12.")],
    headcount: Annotated[int, typer.Option(help="Employees.")],
    industry: Annotated[str, typer.Option(help="generic, manufacturing, logistics, energy…")] = (
        "generic"
    ),
    currency: Annotated[str, typer.Option(help="ISO currency code.")] = "USD",
    labor_cost: Annotated[
        float | None, typer.Option(help="Loaded labor cost per hour (optional).")
    ] = None,
) -> None:
    """Create an organization; prints its id and admin API key (shown once)."""
    try:
        profile = OrganizationProfile(
            name=name,
            revenue=revenue,
            operating_margin=margin,
            headcount=headcount,
            industry=industry,
            currency=currency,
            loaded_labor_cost_per_hour=labor_cost,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        _fail(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")
    org, key = admin.create_org(_store(), profile)
    typer.echo(f"organization {org.id} created")
    typer.echo(f"admin key (shown once): {key.key}")


@keys_app.command("create")
def keys_create(
    org: Annotated[str, typer.Option(help="Organization id.")],
    role: Annotated[str, typer.Option(help="admin, facilitator, respondent or viewer.")],
    respondent: Annotated[str | None, typer.Option(help="Respondent id (respondent keys).")] = (
        None
    ),
    name: Annotated[str | None, typer.Option(help="A label for the key.")] = None,
) -> None:
    """Create a role-scoped API key for an organization (as its server operator)."""
    try:
        key = admin.create_key(
            _store(),
            _operator(org),
            org,
            role=role,  # type: ignore[arg-type]
            respondent_id=respondent,
            name=name,
        )
    except ToolError as exc:
        _fail(str(exc))
    typer.echo(f"{key.role} key for {org} (shown once): {key.key}")


@keys_app.command("list")
def keys_list(org: Annotated[str, typer.Option(help="Organization id.")]) -> None:
    """List an organization's keys (role, label, revoked or not); never their plaintext."""
    try:
        keys = admin.list_keys(_store(), _operator(org), org)
    except ToolError as exc:
        _fail(str(exc))
    for key in keys:
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        typer.echo(f"{key.id}  {key.role:<12} {state:<18} {key.name or ''}")


@keys_app.command("revoke")
def keys_revoke(
    org: Annotated[str, typer.Option(help="Organization id.")],
    key_id: Annotated[str, typer.Option("--id", help="Key id (from `oiar keys list`).")],
) -> None:
    """Revoke a key: it stops working at once."""
    try:
        key = admin.revoke_key(_store(), _operator(org), org, key_id)
    except ToolError as exc:
        _fail(str(exc))
    typer.echo(f"key {key.id} ({key.role}) revoked")


def _operator(org: str) -> Caller:
    """The local operator acts as the organization's admin: they hold its database."""
    return Caller(org_id=org, role="admin", channel="cli")


class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command("report")
def report_command(
    org: Annotated[str | None, typer.Option(help="Organization id (default: the only one).")] = (
        None
    ),
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="html, md, csv, xlsx or json.")
    ] = ReportFormat.html,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File or folder to write (default: stdout; xlsx: a file named after the "
            "company and round, e.g. cedar-ridge-components-2026-q4-oiar-report.xlsx).",
        ),
    ] = None,
) -> None:
    """Write the board-ready OIaR report of an organization's current answers."""
    # Imported here: matplotlib and pandas take a moment, and only this command needs them.
    from assistant.reports import org_report, render
    from assistant.reports.naming import report_filename

    store = _store()
    org_id = org or _only_org(store)
    _check_org(store, org_id)
    report = org_report(store, _operator(org_id), org_id)
    rendered = render(report, fmt.value)
    privacy.record_access(store, _operator(org_id), route="oiar report", target=org_id)
    if output is None and fmt is not ReportFormat.xlsx:
        typer.echo(rendered.content.decode(), nl=False)
        return
    # A binary workbook never goes to a terminal: it lands in a file named for its company.
    named = Path(report_filename(report, rendered.extension).ascii)
    if output is None:
        output = named
    elif output.is_dir():
        output = output / named
    try:
        output.write_bytes(rendered.content)
    except OSError as exc:
        _fail(f"-o: cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {output} ({len(rendered.content):,} bytes, {fmt.value})", err=True)


@app.command()
def chat(
    org: Annotated[str | None, typer.Option(help="Organization id (default: the only one).")] = (
        None
    ),
    as_: Annotated[str | None, typer.Option("--as", help="Your name (default: login).")] = None,
    role: Annotated[str | None, typer.Option(help="Your job title, e.g. CFO.")] = None,
    department: Annotated[str | None, typer.Option(help="Your department.")] = None,
    model: Annotated[
        str | None,
        typer.Option(help="'rules', or a provider string, e.g. openai:gpt-4o-mini (OIAR_MODEL)."),
    ] = None,
) -> None:
    """Answer the interview in the terminal; run it again to resume."""
    settings = get_settings()
    if model is not None:
        settings = settings.model_copy(update={"model": model})
    store = _store()
    with Services.build(settings, store) as services:
        try:
            engine = services.engine(settings)
        except ModelConfigError as exc:
            _fail(f"--model: {exc}")
        org_id = org or _only_org(store)
        _check_org(store, org_id)
        caller = Caller(org_id=org_id, role="admin", channel="terminal")
        run_chat(
            engine,
            caller,
            name=as_ or getpass.getuser(),
            role=role,
            department=department,
            console=Console(),
        )


@app.command("what-if")
def what_if_command(
    changes: Annotated[
        list[str],
        typer.Argument(
            help="key=value pairs: decision_wait_days=1, handoff_failures_per_month='2-4 a month'.",
            show_default=False,
        ),
    ],
    org: Annotated[str | None, typer.Option(help="Organization id (default: the only one).")] = (
        None
    ),
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.table,
) -> None:
    """Re-price the organization's answers with some inputs changed: new ranking and deltas."""
    store = _store()
    org_id = org or _only_org(store)
    try:
        overrides = what_if.parse_assignments(changes, currency=what_if.org_currency(store, org_id))
        result = what_if.run_what_if(store, _operator(org_id), org_id, overrides)
    except (ToolError, ScoringError) as exc:
        _fail(str(exc))
    if fmt is ListFormat.json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(what_if.what_if_text(result, changes=what_if.describe_overrides(result)))


def _only_org(store: Store) -> str:
    ids = admin.list_org_ids(store)
    if len(ids) != 1:
        found = "no organization" if not ids else f"{len(ids)} organizations"
        _fail(f"--org: {found} in this workspace; pass --org (create one with `oiar org create`)")
    return ids[0]


def _check_org(store: Store, org_id: str) -> None:
    """Exit 2 naming --org when the workspace has no such organization."""
    try:
        admin.get_org(store, _operator(org_id), org_id)
    except NotFoundError:
        _fail(f"--org: organization {org_id!r} not found")


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        app()
    except (KnowledgeError, AssessmentError, ScoringError, ToolError) as exc:
        _say_error(str(exc))
        sys.exit(USAGE_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        _say_error(f"internal error ({exc.__class__.__name__}): {exc}")
        sys.exit(1)
