"""Terminal and file renderings of a score: Rich tables, CSV, and the questions list."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from knowledge import Question
from scoring import ScoreResult
from scoring.explain import money
from scoring.plausibility import needs_attention, plausibility_text

CSV_COLUMNS = (
    "rank",
    "domain",
    "label",
    "mean",
    "p10",
    "p50",
    "p90",
    "bps_of_revenue",
    "share_of_total",
    "confidence",
    "top_driver",
)


def score_table(result: ScoreResult) -> Table:
    cur = result.currency
    table = Table(
        title=f"Operating Income at Risk — {result.organization}",
        caption=(
            f"{result.model_version} · input {result.input_sha256[:12]} · {result.draws:,} draws"
        ),
    )
    table.add_column("#", justify="right")
    table.add_column("Domain")
    table.add_column("Mean / yr", justify="right")
    table.add_column("P10–P90", justify="right")
    table.add_column("bps", justify="right")
    table.add_column("Confidence")
    table.add_column("Top driver")
    for d in result.domains:
        top = d.drivers[0]
        table.add_row(
            str(d.rank),
            d.label,
            money(d.mean, cur),
            f"{money(d.p10, cur)}–{money(d.p90, cur)}",
            f"{d.bps_of_revenue:.0f}",
            d.confidence,
            f"{top.label} ({money(top.mean, cur)})",
        )
    t = result.total
    table.add_section()
    table.add_row(
        "",
        "Total",
        money(t.mean, cur),
        f"{money(t.p10, cur)}–{money(t.p90, cur)}",
        f"{t.bps_of_revenue:.0f}",
        "",
        _share_of_oi(result),
        style="bold",
    )
    return table


def _share_of_oi(result: ScoreResult) -> str:
    share = result.total.share_of_operating_income
    return f"{share:.0%} of operating income" if share is not None else ""


def print_score(result: ScoreResult, console: Console) -> None:
    console.print(score_table(result))
    if needs_attention(result.plausibility):
        assert result.plausibility is not None
        console.print(
            f"\n[bold yellow]Plausibility[/bold yellow]\n"
            f"{escape(plausibility_text(result.plausibility, result.currency))}"
        )
    cur = result.currency
    if result.ledger is not None:
        ledger = result.ledger
        console.print(
            f"\n[bold]By kind of money[/bold]: cash {money(ledger.cash, cur)}, contribution "
            f"{money(ledger.contribution, cur)}, recovered capacity "
            f"{money(ledger.capacity, cur)} (of {money(ledger.capacity_hours_value, cur)} "
            "of lost hours at full cost)."
        )
    if result.annual_loss is not None:
        annual = result.annual_loss
        tail = ", ".join(
            f"1 in {round(1 / p.probability)} years above {money(p.loss, cur)}"
            for p in annual.exceedance
            if p.probability in (0.1, 0.01)
        )
        console.print(
            f"[bold]A single year[/bold] varies more than the expected loss: "
            f"P10–P90 {money(annual.p10, cur)}–{money(annual.p90, cur)}; {tail}."
        )
    top = result.domains[0]
    console.print(f"\n[bold]Biggest drag: {top.label}[/bold]\n{top.explanation}")
    assumed = len(result.assumptions)
    console.print(
        f"\n{assumed} inputs rest on benchmark assumptions; "
        f"{len(result.disagreements)} inputs where respondents differ by more than 2x. "
        "Use --format json for every formula, input and source."
    )


def score_csv(result: ScoreResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for d in result.domains:
        writer.writerow(
            (
                d.rank,
                d.key,
                d.label,
                f"{d.mean:.2f}",
                f"{d.p10:.2f}",
                f"{d.p50:.2f}",
                f"{d.p90:.2f}",
                f"{d.bps_of_revenue:.2f}",
                f"{d.share_of_total:.4f}",
                d.confidence,
                d.drivers[0].key,
            )
        )
    t = result.total
    writer.writerow(
        (
            "",
            "total",
            "Total",
            f"{t.mean:.2f}",
            f"{t.p10:.2f}",
            f"{t.p50:.2f}",
            f"{t.p90:.2f}",
            f"{t.bps_of_revenue:.2f}",
            "1.0000",
            "",
            "",
        )
    )
    return buffer.getvalue()


def questions_table(questions: Sequence[Question]) -> Table:
    table = Table(title=f"Interview instrument ({len(questions)} questions)")
    table.add_column("id")
    table.add_column("domain")
    table.add_column("type")
    table.add_column("asks")
    table.add_column("question")
    for q in questions:
        table.add_row(q.id, q.domain, f"{q.type} ({q.unit})", ", ".join(q.ask), q.text)
    return table
