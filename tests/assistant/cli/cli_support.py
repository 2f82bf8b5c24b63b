"""The CLI tests' runner, and a command that must succeed."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    """Run `oiar ARGS`; its output, after asserting it exited 0."""
    out = runner.invoke(app, list(args))
    assert out.exit_code == 0, out.output
    return out.output
