"""`oiar chat`: the interview in a terminal, on the local store, resumable."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from assistant.engine import Engine, TurnResult
from tools import admin
from tools import interview as iv
from tools.access import Caller

QUIT_WORDS = {"quit", "exit", ":q"}


def open_interview(
    engine: Engine, caller: Caller, *, name: str, role: str | None, department: str | None
) -> TurnResult:
    """Resume this person's unfinished interview, or start one."""
    respondent = admin.find_or_add_respondent(
        engine.store, caller, caller.org_id, name=name, role=role, department=department
    )
    latest = iv.current_interview(engine.store, caller, respondent.id)
    if latest is not None and latest.status != "done":
        return engine.resume(caller, latest.id)
    return engine.start(caller, respondent_id=respondent.id, channel="terminal")


def _show(console: Console, text: str) -> None:
    # Slack-style *bold* reads fine as plain text; escape so Rich never treats it as markup.
    console.print(f"[bold cyan]oiar[/bold cyan] {escape(text)}\n", highlight=False)


def run_chat(
    engine: Engine,
    caller: Caller,
    *,
    name: str,
    role: str | None,
    department: str | None,
    console: Console,
) -> None:
    turn = open_interview(engine, caller, name=name, role=role, department=department)
    _show(console, turn.reply)
    while not turn.done:
        try:
            text = console.input("[bold]you[/bold] ")
        except (EOFError, KeyboardInterrupt):
            text = "pause"
        if text.strip().lower() in QUIT_WORDS:
            text = "pause"
        if not text.strip():
            continue
        try:
            turn = engine.turn(caller, turn.interview_id, text)
        except ValueError as exc:
            _show(console, str(exc))
            continue
        _show(console, turn.reply)
        if iv.get_state(engine.store, caller, turn.interview_id).status == "paused":
            console.print("[dim]Run the same command to pick up where you left off.[/dim]")
            return
