"""The report as tables a finance team can work with: one CSV of the ranked domains, and an XLSX.

Every sheet is a `Sheet`: named columns, each with a kind (text, count, money, share, number),
and rows of plain values. The workbook writer (`workbook.py`) turns kinds into number formats;
the CSV is the Domains sheet, with the same column names.

No sheet holds a total row, and no money column repeats a figure another row already counts:
drivers (one row each) and their inputs (one row per input) are separate sheets. The Summary
sheet states each total and which sheet's column adds up to it ("Adds up from").

Labels only: domains, drivers and inputs are named as a reader says them, never by their keys.
Spreadsheets run a cell that starts with = + - @ as a formula; people's words are data, so such
text cells get a leading apostrophe (as the answers CSV does).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

from assistant.reports.document import CATEGORIES, Report
from assistant.reports.front_page import investment_sentence, report_date
from assistant.reports.naming import round_text
from scoring import INPUTS
from scoring.catalog import DOMAIN_LABELS

Kind = Literal["text", "count", "money", "share", "number", "bps", "ratio"]
Cell = str | int | float | bool | None
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEAN = "Mean a year"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    # Per-cell kinds where one column mixes units (the Summary's values, an input's value).
    kinds: dict[tuple[int, int], Kind] = field(default_factory=dict)


def _safe(text: str | None) -> str:
    if not text:
        return ""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _domain(key: str | None) -> str:
    return DOMAIN_LABELS.get(key or "", key or "")


def _input_kind(key: str) -> Kind:
    spec = INPUTS.get(key)
    if spec is None:
        return "number"
    return {"money": "money", "share": "share"}.get(spec.kind, "number")  # type: ignore[return-value]


def _driver_labels(report: Report) -> dict[str, str]:
    return {x.key: x.label for d in report.domains for x in d.drivers}


def domains_sheet(report: Report) -> Sheet:
    """The ranked domains, one row each, with their leakage categories (no total row)."""
    used = list(CATEGORIES)
    columns = [
        Column("Rank", "count"),
        Column("Domain"),
        Column(MEAN, "money"),
        Column("P10", "money"),
        Column("P50", "money"),
        Column("P90", "money"),
        Column("bps of revenue", "bps"),
        Column("Share of total", "share"),
        Column("Share of operating income", "share"),
        Column("Confidence"),
        Column("Answered share", "share"),
        Column("Respondents", "count"),
        *(Column(CATEGORIES[k], "money") for k in used),
        Column("Largest driver"),
    ]
    rows: list[list[Cell]] = [
        [
            d.rank,
            d.label,
            d.mean,
            d.p10,
            d.p50,
            d.p90,
            d.bps_of_revenue,
            d.share_of_total,
            d.share_of_operating_income,
            d.confidence,
            d.coverage,
            d.respondents,
            *(d.categories.get(k, 0.0) for k in used),
            d.drivers[0].label if d.drivers else "",
        ]
        for d in report.domains
    ]
    return Sheet("Domains", columns, rows)


def drivers_sheet(report: Report) -> Sheet:
    """One row per driver: its loss once, with its formula (its inputs are on Inputs)."""
    columns = [
        Column("Domain"),
        Column("Driver"),
        Column("Leakage category"),
        Column(MEAN, "money"),
        Column("Share of domain", "share"),
        Column("Pool share scaled by", "number"),
        Column("Formula"),
    ]
    rows: list[list[Cell]] = [
        [
            d.label,
            x.label,
            CATEGORIES[x.category],
            x.mean,
            x.share_of_domain,
            x.pool_scale,
            x.formula,
        ]
        for d in report.domains
        for x in d.drivers
    ]
    return Sheet("Drivers", columns, rows)


def inputs_sheet(report: Report) -> Sheet:
    """One row per input, however many drivers it feeds: the value used and who said it."""
    columns = [
        Column("Input"),
        Column("Value", "number"),
        Column("Low", "number"),
        Column("High", "number"),
        Column("As said"),
        Column("Source"),
        Column("Drivers"),
        Column("Domains"),
        Column("Who said what"),
    ]
    seen: dict[str, list[Cell]] = {}
    feeds: dict[str, list[str]] = {}
    domains: dict[str, list[str]] = {}
    kinds: dict[tuple[int, int], Kind] = {}
    for d in report.domains:
        for x in d.drivers:
            for i in x.inputs:
                feeds.setdefault(i.key, []).append(x.label)
                domains.setdefault(i.key, [])
                if d.label not in domains[i.key]:
                    domains[i.key].append(d.label)
                if i.key in seen:
                    continue
                said = " | ".join(
                    f"{st.speaker}: {st.answer}" + (f" ({st.quote})" if st.quote else "")
                    for st in i.statements
                )
                row = len(seen)
                for col in (1, 2, 3):
                    kinds[(row, col)] = _input_kind(i.key)
                seen[i.key] = [
                    i.label,
                    i.value,
                    i.low,
                    i.high,
                    i.shown,
                    "answer" if i.source == "answer" else "assumption",
                    "",
                    "",
                    _safe(said),
                ]
    rows = []
    for key, row in seen.items():
        row[6] = ", ".join(feeds[key])
        row[7] = ", ".join(domains[key])
        rows.append(row)
    return Sheet("Inputs", columns, rows, kinds)


def assumptions_sheet(report: Report) -> Sheet:
    columns = [
        Column("Input"),
        Column("Value used", "number"),
        Column("Low", "number"),
        Column("High", "number"),
        Column("As said"),
        Column("Basis"),
        Column("Rationale"),
        Column("Source"),
        Column("Domains"),
    ]
    kinds: dict[tuple[int, int], Kind] = {}
    rows: list[list[Cell]] = []
    for n, a in enumerate(report.assumptions):
        for col in (1, 2, 3):
            kinds[(n, col)] = _input_kind(a.key)
        rows.append(
            [
                a.label,
                a.value,
                a.low,
                a.high,
                a.shown,
                a.basis,
                a.rationale,
                a.source,
                ", ".join(a.domains),
            ]
        )
    return Sheet("Assumptions", columns, rows, kinds)


def respondents_sheet(report: Report) -> Sheet:
    columns = [
        Column("Department"),
        Column("People", "count"),
        Column("Answered", "count"),
        Column("Answers", "count"),
        Column("Domains"),
    ]
    rows: list[list[Cell]] = [
        [_safe(c.department), c.people, c.answered, c.answers, ", ".join(c.domains)]
        for c in report.departments
    ]
    return Sheet("Respondents", columns, rows)


def disagreements_sheet(report: Report) -> Sheet:
    columns = [
        Column("Input"),
        Column("Domains"),
        Column("Ratio", "ratio"),
        Column("What differs"),
    ]
    rows: list[list[Cell]] = [
        [g.label, ", ".join(g.domains), g.ratio, _safe(g.summary)] for g in report.disagreements
    ]
    return Sheet("Disagreements", columns, rows)


def ledger_sheet(report: Report) -> Sheet:
    """The total by ledger line: each line's kind of money, mean and pool ceiling."""
    columns = [
        Column("Ledger line"),
        Column("Money"),
        Column(MEAN, "money"),
        Column("Capped by pool", "money"),
        Column("Drivers"),
    ]
    labels = _driver_labels(report)
    lines = report.ledger.lines if report.ledger is not None else []
    rows: list[list[Cell]] = [
        [
            line.label,
            line.money,
            line.mean,
            line.ceiling,
            ", ".join(labels.get(k, k) for k in line.drivers),
        ]
        for line in lines
    ]
    return Sheet("Ledger", columns, rows)


def year_loss_sheet(report: Report) -> Sheet:
    """The loss exceedance curve: a single year's loss exceeded with each chance."""
    columns = [Column("Chance a year", "share"), Column("Loss exceeded", "money")]
    points = report.annual_loss.exceedance if report.annual_loss is not None else []
    return Sheet("Year loss", columns, [[p.probability, p.loss] for p in points])


def governance_sheets(report: Report) -> list[Sheet]:
    """The constraint (named or inferred) always; seams, decisions and initiatives when the
    organization has entered some."""
    section = report.governance
    if section is None:
        return []
    c = section.constraint
    sheets = [
        Sheet(
            "Constraint",
            [
                Column("Stage"),
                Column("Resource"),
                Column("Inferred"),
                Column("Driver"),
                Column("Domain"),
                Column(MEAN, "money"),
            ],
            [
                [c.stage_label, _safe(c.resource), c.inferred, d.label, _domain(d.domain), d.mean]
                for d in c.drags
            ],
        )
    ]
    if section.seams is not None:
        sheets.append(
            Sheet(
                "Seams",
                [
                    Column("From"),
                    Column("To"),
                    Column("Failures a month", "number"),
                    Column("Cost per failure", "money"),
                    Column("Annual cost", "money"),
                    Column("Risks"),
                ],
                [
                    [
                        _safe(x.from_function),
                        _safe(x.to_function),
                        x.failures_per_month,
                        x.cost_per_failure,
                        x.annual_cost,
                        ", ".join(x.risk_flags),
                    ]
                    for x in section.seams.cells
                ],
            )
        )
    if section.decisions is not None:
        sheets.append(
            Sheet(
                "Decisions",
                [
                    Column("Decision"),
                    Column("Who decides"),
                    Column("A month", "number"),
                    Column("Days to decide", "number"),
                    Column("Days operations can wait", "number"),
                    Column("Annual cost", "money"),
                ],
                [
                    [
                        _safe(r.decision_type),
                        _safe(r.decider),
                        r.decisions_per_month,
                        r.latency_days,
                        r.operations_wait_days,
                        r.annual_cost,
                    ]
                    for r in section.decisions.rows
                ],
            )
        )
    if section.investments.initiatives:
        sheets.append(
            Sheet(
                "Initiatives",
                [
                    Column("Rank", "count"),
                    Column("Initiative"),
                    Column("Cost", "money"),
                    Column("Relieved a year", "money"),
                    Column("Relieved per dollar", "ratio"),
                    Column("Payback months", "number"),
                    Column("Flag"),
                ],
                [
                    [
                        i.rank,
                        _safe(i.name),
                        i.cost,
                        i.relieved,
                        i.relieved_per_dollar,
                        i.payback_months,
                        i.flag or "",
                    ]
                    for i in section.investments.initiatives
                ],
            )
        )
    return sheets


def trend_sheet(report: Report) -> Sheet | None:
    if report.trend is None or not report.trend.rounds:
        return None
    columns = [
        Column("Round"),
        Column("Rank", "count"),
        Column("Domain"),
        Column(MEAN, "money"),
        Column("P10", "money"),
        Column("P90", "money"),
        Column("bps of revenue", "bps"),
    ]
    rows: list[list[Cell]] = [
        [r.label, d.rank, d.label, d.mean, d.p10, d.p90, d.bps_of_revenue]
        for r in report.trend.rounds
        for d in r.domains
    ]
    return Sheet("Trend", columns, rows)


def plan_sheet(report: Report) -> Sheet | None:
    if not report.plan:
        return None
    columns = [
        Column("Step", "count"),
        Column("Item"),
        Column("Domain"),
        Column("Owner"),
        Column("Start week", "count"),
        Column("Due week", "count"),
        Column("Status"),
        Column("Targets a year", "money"),
        Column("Watch"),
        Column("Decision change"),
    ]
    rows: list[list[Cell]] = [
        [
            i.step,
            _safe(i.title),
            _domain(i.domain),
            _safe(i.owner),
            i.start_week,
            i.due_week,
            i.status,
            i.targets_oiar,
            ", ".join(INPUTS[k].label if k in INPUTS else k for k in i.metric_inputs),
            _safe(i.decision_change),
        ]
        for i in report.plan
    ]
    return Sheet("Sprint plan", columns, rows)


def summary_sheet(report: Report) -> Sheet:
    """The headline figures, each with the sheet column that adds up to it (if one does)."""
    s = report.summary
    adds_up = f"Domains: {MEAN}; Drivers: {MEAN}" + (
        f"; Ledger: {MEAN}" if report.ledger is not None else ""
    )
    items: list[tuple[str, Cell, Kind, str]] = [
        ("Organization", report.organization, "text", ""),
        ("Date", report_date(report), "text", ""),
        ("Round", round_text(report), "text", ""),
        ("Currency", report.currency, "text", ""),
        ("Revenue", report.revenue, "money", ""),
        ("Operating income", report.operating_income, "money", ""),
        ("Operating income at risk, mean a year", s.mean, "money", adds_up),
        ("P10", s.p10, "money", ""),
        ("P50", s.p50, "money", ""),
        ("P90", s.p90, "money", ""),
        ("bps of revenue", s.bps_of_revenue, "bps", ""),
        ("Share of operating income", s.share_of_operating_income, "share", ""),
        ("Summary", s.sentence, "text", ""),
        *((f"Source of loss {i}", h.sentence, "text", "") for i, h in enumerate(s.top, 1)),
    ]
    if report.domains:
        top = report.domains[0]
        items.append(("Constraint", top.label, "text", ""))
    if report.governance is not None:
        items += [
            (f"Investment {i.rank}", investment_sentence(i, report.currency), "text", "")
            for i in report.governance.investments.initiatives[:3]
        ]
    items += [
        ("Model version", report.model_version, "text", ""),
        ("Input SHA-256", report.input_sha256, "text", ""),
        ("Simulation draws", report.draws, "count", ""),
        ("Attribution", report.attribution, "text", ""),
    ]
    kinds = {(n, 1): kind for n, (_, _, kind, _) in enumerate(items)}
    return Sheet(
        "Summary",
        [Column("Field"), Column("Value"), Column("Adds up from")],
        [[name, value, adds] for name, value, _, adds in items],
        kinds,
    )


def report_sheets(report: Report) -> list[Sheet]:
    """Every sheet of the workbook, in reading order."""
    sheets = [
        summary_sheet(report),
        domains_sheet(report),
        drivers_sheet(report),
        inputs_sheet(report),
        assumptions_sheet(report),
        respondents_sheet(report),
        disagreements_sheet(report),
        ledger_sheet(report),
        year_loss_sheet(report),
        *governance_sheets(report),
    ]
    return sheets + [x for x in (trend_sheet(report), plan_sheet(report)) if x is not None]


def render_csv(report: Report) -> str:
    """The ranked domains as CSV, with the Domains sheet's columns (one row each, no total)."""
    sheet = domains_sheet(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in sheet.columns)
    writer.writerows(["" if v is None else v for v in row] for row in sheet.rows)
    return buffer.getvalue()
