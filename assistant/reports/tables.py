"""The report as tables (pandas): one CSV of the ranked domains, an XLSX of several sheets.

Spreadsheets run a cell that starts with = + - @ as a formula; people's words are data, so such
text cells get a leading apostrophe (as the answers CSV does).
"""

from __future__ import annotations

import io

import pandas as pd

from assistant.reports.document import CATEGORIES, Report
from assistant.reports.governance_section import GovernanceSection
from assistant.reports.trend_page import plan_frame, trend_frame

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str | None) -> str:
    if not text:
        return ""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def domains_frame(report: Report) -> pd.DataFrame:
    """One row per domain, ranked, with its leakage categories; a last row for the total."""
    rows: list[dict[str, object]] = []
    for d in report.domains:
        rows.append(
            {
                "rank": d.rank,
                "domain": d.key,
                "label": d.label,
                "mean": d.mean,
                "p10": d.p10,
                "p50": d.p50,
                "p90": d.p90,
                "bps_of_revenue": d.bps_of_revenue,
                "share_of_total": d.share_of_total,
                "share_of_operating_income": d.share_of_operating_income,
                "confidence": d.confidence,
                "coverage": d.coverage,
                "respondents": d.respondents,
                **{f"cat_{k}": d.categories.get(k, 0.0) for k in CATEGORIES},
                "top_driver": d.drivers[0].label if d.drivers else "",
            }
        )
    s = report.summary
    rows.append(
        {
            "rank": None,
            "domain": "total",
            "label": "Total",
            "mean": s.mean,
            "p10": s.p10,
            "p50": s.p50,
            "p90": s.p90,
            "bps_of_revenue": s.bps_of_revenue,
            "share_of_total": 1.0,
            "share_of_operating_income": s.share_of_operating_income,
            **{
                f"cat_{k}": round(sum(d.categories.get(k, 0.0) for d in report.domains), 2)
                for k in CATEGORIES
            },
        }
    )
    frame = pd.DataFrame(rows)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["respondents"] = frame["respondents"].astype("Int64")
    return frame


def summary_frame(report: Report) -> pd.DataFrame:
    s = report.summary
    items: list[tuple[str, object]] = [
        ("organization", report.organization),
        ("currency", report.currency),
        ("revenue", report.revenue),
        ("operating_income", report.operating_income),
        ("oiar_mean", s.mean),
        ("oiar_p10", s.p10),
        ("oiar_p50", s.p50),
        ("oiar_p90", s.p90),
        ("bps_of_revenue", s.bps_of_revenue),
        ("share_of_operating_income", s.share_of_operating_income),
        ("summary", s.sentence),
        *((f"top_{i}", h.sentence) for i, h in enumerate(s.top, start=1)),
        ("model_version", report.model_version),
        ("input_sha256", report.input_sha256),
        ("draws", report.draws),
        ("attribution", report.attribution),
    ]
    return pd.DataFrame({"field": [k for k, _ in items], "value": [str(v) for _, v in items]})


def drivers_frame(report: Report) -> pd.DataFrame:
    rows = [
        {
            "domain": d.key,
            "driver": x.key,
            "label": x.label,
            "category": x.category,
            "mean": x.mean,
            "share_of_domain": x.share_of_domain,
            "formula": x.formula,
            "pool_scale": x.pool_scale,
            "input": i.key,
            "input_label": i.label,
            "value": i.value,
            "low": i.low,
            "high": i.high,
            "unit": i.unit,
            "source": i.source,
            "who_said_what": _safe(
                " | ".join(
                    f"{st.speaker}: {st.answer}" + (f" ({st.quote})" if st.quote else "")
                    for st in i.statements
                )
            ),
        }
        for d in report.domains
        for x in d.drivers
        for i in x.inputs
    ]
    return pd.DataFrame(rows)


def assumptions_frame(report: Report) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "input": a.key,
                "label": a.label,
                "value": a.value,
                "low": a.low,
                "high": a.high,
                "basis": a.basis,
                "rationale": a.rationale,
                "source": a.source,
                "domains": ", ".join(a.domains),
            }
            for a in report.assumptions
        ],
        columns=[
            "input",
            "label",
            "value",
            "low",
            "high",
            "basis",
            "rationale",
            "source",
            "domains",
        ],
    )


def respondents_frame(report: Report) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "department": _safe(c.department),
                "people": c.people,
                "answered": c.answered,
                "answers": c.answers,
                "domains": ", ".join(c.domains),
            }
            for c in report.departments
        ],
        columns=["department", "people", "answered", "answers", "domains"],
    )


def disagreements_frame(report: Report) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "input": g.label,
                "domains": ", ".join(g.domains),
                "ratio": g.ratio,
                "summary": _safe(g.summary),
            }
            for g in report.disagreements
        ],
        columns=["input", "domains", "ratio", "summary"],
    )


def governance_frames(section: GovernanceSection) -> dict[str, pd.DataFrame]:
    """Sheet name -> frame: the constraint (named or inferred) always; seams, decisions and
    initiatives when the organization has entered some."""
    constraint = section.constraint
    frames = {
        "constraint": pd.DataFrame(
            [
                {
                    "stage": constraint.stage_label,
                    "resource": _safe(constraint.resource),
                    "inferred": constraint.inferred,
                    "driver": d.label,
                    "domain": d.domain,
                    "mean a year": d.mean,
                }
                for d in constraint.drags
            ],
            columns=["stage", "resource", "inferred", "driver", "domain", "mean a year"],
        ),
    }
    if section.seams is not None:
        frames["seams"] = pd.DataFrame(
            [
                {
                    "from": _safe(c.from_function),
                    "to": _safe(c.to_function),
                    "failures a month": c.failures_per_month,
                    "cost per failure": c.cost_per_failure,
                    "annual cost": c.annual_cost,
                    "flags": ", ".join(c.risk_flags),
                }
                for c in section.seams.cells
            ],
            columns=["from", "to", "failures a month", "cost per failure", "annual cost", "flags"],
        )
    if section.decisions is not None:
        frames["decisions"] = pd.DataFrame(
            [
                {
                    "decision": _safe(r.decision_type),
                    "who decides": _safe(r.decider),
                    "a month": r.decisions_per_month,
                    "days to decide": r.latency_days,
                    "days operations can wait": r.operations_wait_days,
                    "annual cost": r.annual_cost,
                }
                for r in section.decisions.rows
            ],
            columns=[
                "decision",
                "who decides",
                "a month",
                "days to decide",
                "days operations can wait",
                "annual cost",
            ],
        )
    if section.investments.initiatives:
        frames["initiatives"] = pd.DataFrame(
            [
                {
                    "rank": i.rank,
                    "initiative": _safe(i.name),
                    "cost": i.cost,
                    "relieved a year": i.relieved,
                    "relieved per dollar": i.relieved_per_dollar,
                    "payback months": i.payback_months,
                    "flag": i.flag or "",
                }
                for i in section.investments.initiatives
            ],
            columns=[
                "rank",
                "initiative",
                "cost",
                "relieved a year",
                "relieved per dollar",
                "payback months",
                "flag",
            ],
        )
    return frames


def ledger_frame(report: Report) -> pd.DataFrame:
    """The total by ledger line: each line's kind of money, mean and pool ceiling."""
    columns = ["ledger line", "money", "mean a year", "capped by pool", "drivers"]
    if report.ledger is None:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(
        [
            {
                "ledger line": line.label,
                "money": line.money,
                "mean a year": line.mean,
                "capped by pool": line.ceiling,
                "drivers": ", ".join(line.drivers),
            }
            for line in report.ledger.lines
        ],
        columns=columns,
    )


def annual_loss_frame(report: Report) -> pd.DataFrame:
    """The loss exceedance curve: a single year's loss exceeded with each chance."""
    columns = ["chance a year", "loss exceeded"]
    if report.annual_loss is None:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(
        [
            {"chance a year": p.probability, "loss exceeded": p.loss}
            for p in report.annual_loss.exceedance
        ],
        columns=columns,
    )


def render_csv(report: Report) -> str:
    """The ranked domains (one row each, then the total) as CSV."""
    return str(domains_frame(report).to_csv(index=False, lineterminator="\n"))


def render_xlsx(report: Report) -> bytes:
    """A workbook: summary, domains, drivers, assumptions, respondents, disagreements, and the
    execution-governance sheets when the report has that section."""
    sheets = {
        "summary": summary_frame(report),
        "domains": domains_frame(report),
        "drivers": drivers_frame(report),
        "assumptions": assumptions_frame(report),
        "respondents": respondents_frame(report),
        "disagreements": disagreements_frame(report),
        "ledger": ledger_frame(report),
        "year loss": annual_loss_frame(report),
    }
    if report.governance is not None:
        sheets.update(governance_frames(report.governance))
    if report.trend is not None and report.trend.rounds:
        sheets["trend"] = trend_frame(report.trend)
    if report.plan:
        sheets["sprint plan"] = plan_frame(report.plan)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            widths = writer.sheets[name].column_dimensions
            for idx, column in enumerate(frame.columns):
                longest = max([len(str(column)), *(len(str(v)) for v in frame[column])])
                widths[_letter(idx)].width = min(max(longest + 2, 8), 60)
    return buffer.getvalue()


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))
