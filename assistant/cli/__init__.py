"""The `oiar` command line (Typer): workspace, scoring, chat, governance, reports, demo."""

from __future__ import annotations

from assistant.cli.program import app, main

__all__ = ["app", "main"]
