"""The `oiar` command line (Typer). Bad input exits 2 with one line naming the problem."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from assistant.render import print_score, questions_table, score_csv
from knowledge import KnowledgeError, load_instrument, load_sample_assessment
from scoring import DOMAINS, ScoringError, score
from tools.assessment import (
    AssessmentError,
    load_assessment_file,
    read_assessment,
    to_scoring_input,
)

USAGE_ERROR = 2

app = typer.Typer(
    name="oiar",
    help="Operating Income at Risk: price execution drag across nine domains.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


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
    """Score the built-in sample company (a ~$100M manufacturer, four respondents)."""
    assessment = read_assessment(load_sample_assessment())
    console = Console()
    people = {a.respondent.display for a in assessment.answers if a.respondent}
    console.print(
        f"Sample company: {assessment.organization.name} — "
        f"{len(assessment.answers)} answers from {len(people)} respondents "
        f"({', '.join(sorted(people))}).\n"
    )
    print_score(score(to_scoring_input(assessment)), console)


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        app()
    except (KnowledgeError, AssessmentError, ScoringError) as exc:
        _say_error(str(exc))
        sys.exit(USAGE_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        _say_error(f"internal error ({exc.__class__.__name__}): {exc}")
        sys.exit(1)
