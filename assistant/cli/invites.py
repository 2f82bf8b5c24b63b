"""`oiar invite create|list|revoke`: interview invitation links for the local operator (acting
as the organization's admin, like `oiar governance`).

The link starts with OIAR_PUBLIC_URL, the address respondents reach the server at; unset, it
is `oiar serve`'s default address, which only works on this machine (said on stderr).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from assistant.cli.governance import JsonOption, OrgOption, _fail, _open
from assistant.config import get_settings
from tools import Store, admin, web
from tools.access import Caller
from tools.errors import ToolError

invite_app = typer.Typer(help="Interview invitation links: make, list, withdraw.")
LOCAL_URL = "http://127.0.0.1:8000"


def _respondent_id(store: Store, caller: Caller, org_id: str, given: str) -> str:
    for person in admin.list_respondents(store, caller, org_id):
        if given in (person.id, person.name):
            return person.id
    _fail(f"--respondent: {given!r} not found; give a respondent's id or exact name")


@invite_app.command("create")
def create_command(
    respondent: Annotated[
        str, typer.Option("--respondent", help="The respondent's id or exact name.")
    ],
    org: OrgOption = None,
    round_id: Annotated[
        str | None, typer.Option("--round", help="Round id (default: the open round).")
    ] = None,
    days: Annotated[int, typer.Option("--days", help="Days until the link expires (1-90).")] = (
        web.DEFAULT_DAYS
    ),
    sender: Annotated[
        str | None,
        typer.Option("--from", help="Your name, as the respondent's page names who to ask."),
    ] = None,
) -> None:
    """Make a single-use link for one respondent and print it (the token is shown only now)."""
    store, caller, org_id = _open(org)
    rid = _respondent_id(store, caller, org_id, respondent)
    base = get_settings().public_url
    try:
        made = web.create_invite(
            store,
            caller,
            org_id,
            respondent_id=rid,
            base_url=base or LOCAL_URL,
            round_id=round_id or web.OPEN_ROUND,
            expires_in_days=days,
            created_by=sender,
        )
    except ToolError as exc:
        _fail(str(exc))
    if not base:
        typer.echo("note: OIAR_PUBLIC_URL is unset: this link works on this machine only", err=True)
    typer.echo(made.url)
    typer.echo(
        f"{made.id} for {made.respondent_name}, expires {made.expires_at:%Y-%m-%d %H:%M} UTC",
        err=True,
    )


@invite_app.command("list")
def list_command(org: OrgOption = None, as_json: JsonOption = False) -> None:
    """Every invitation, newest first, with its status (never the link)."""
    store, caller, org_id = _open(org)
    listed = web.list_invites(store, caller, org_id)
    if as_json:
        typer.echo("[" + ",".join(i.model_dump_json() for i in listed) + "]")
        return
    console = Console()
    if not listed:
        console.print("No invitations yet: `oiar invite create --respondent NAME`.")
        return
    for i in listed:
        line = (
            f"{i.id}  {i.status:<8} {i.respondent_name} ({i.department or 'no department'}), "
            f"expires {i.expires_at:%Y-%m-%d}"
        )
        console.print(escape(line), highlight=False)


@invite_app.command("revoke")
def revoke_command(
    invite_id: Annotated[str, typer.Argument(help="The invitation's id (inv_…).")],
    org: OrgOption = None,
) -> None:
    """Withdraw a link: it stops working and its browser session ends at once."""
    store, caller, org_id = _open(org)
    try:
        view = web.revoke_invite(store, caller, org_id, invite_id)
    except ToolError as exc:
        _fail(str(exc))
    typer.echo(f"invite {view.id} for {view.respondent_name} revoked")
