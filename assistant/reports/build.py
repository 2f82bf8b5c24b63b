"""Build the report: `build_report` from a scoring result (pure), `org_report` from the store.

`org_report` reads through the tools, for a caller who may see score detail, the organization's
score as shown (attribution applied), each current answer with its speaker label and quote
(`analysis.report_answers`), and who answered by department; `build_report` only arranges those
into the report model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime

from assistant.reports.document import (
    CATEGORIES,
    Category,
    DepartmentCoverage,
    Headline,
    PoolNote,
    Report,
    ReportAssumption,
    ReportDisagreement,
    ReportDomain,
    ReportDriver,
    ReportInput,
    Statement,
    Summary,
)
from assistant.reports.governance_section import governance_section
from scoring import INPUTS, ScoreResult
from scoring.catalog import DOMAIN_LABELS
from scoring.explain import format_input, money
from scoring.method import methodology
from scoring.model import DomainResult, DriverResult, InputUse
from tools import Store, analysis, governance, rounds
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.errors import ConflictError

TOP_DRAGS = 3
UNKNOWN_DEPARTMENT = "No department given"


def _labels(domains: Iterable[str]) -> list[str]:
    """Domains as a reader names them ("Hiring Friction"), never as keys."""
    return [DOMAIN_LABELS.get(key, key) for key in domains]


def category_of(driver: DriverResult) -> Category:
    """The leakage column a driver's loss belongs to."""
    if driver.pool in CATEGORIES:
        return driver.pool
    if driver.kind == "expected_loss":
        return "latent_risk"
    if driver.money == "contribution":
        return "lost_sales"
    if driver.money == "capacity":
        return "paid_hours"
    return "decisions_spend"


def _shown(key: str, value: float, currency: str, *, assumed: bool = False) -> str:
    spec = INPUTS.get(key)
    if spec is None:
        return f"{value:g}"
    shown = format_input(spec, value, currency)
    # Nobody said yes or no: the figure is the benchmark's, and the page says so.
    return f"Assumed: {shown} (not answered)" if assumed and spec.kind == "flag" else shown


def _input(use: InputUse, currency: str, said: Mapping[str, list[Statement]]) -> ReportInput:
    return ReportInput(
        key=use.key,
        label=use.label,
        value=use.value,
        low=use.low,
        high=use.high,
        unit=use.unit,
        shown=_shown(use.key, use.value, currency, assumed=use.source == "assumption"),
        source=use.source,
        respondents=list(use.respondents),
        statements=said.get(use.key, []) if use.source == "answer" else [],
    )


def _domain(d: DomainResult, currency: str, said: Mapping[str, list[Statement]]) -> ReportDomain:
    categories: dict[Category, float] = dict.fromkeys(CATEGORIES, 0.0)
    drivers = []
    for driver in d.drivers:
        category = category_of(driver)
        categories[category] = round(categories[category] + driver.mean, 2)
        drivers.append(
            ReportDriver(
                key=driver.key,
                label=driver.label,
                category=category,
                mean=driver.mean,
                share_of_domain=driver.share_of_domain,
                formula=driver.formula,
                pool_scale=driver.pool_scale,
                inputs=[_input(use, currency, said) for use in driver.inputs],
            )
        )
    return ReportDomain(
        key=d.key,
        label=d.label,
        rank=d.rank,
        mean=d.mean,
        p10=d.p10,
        p50=d.p50,
        p90=d.p90,
        bps_of_revenue=d.bps_of_revenue,
        share_of_total=d.share_of_total,
        share_of_operating_income=d.share_of_operating_income,
        confidence=d.confidence,
        coverage=d.coverage,
        respondents=d.respondents,
        explanation=d.explanation,
        categories=categories,
        drivers=drivers,
    )


def _headline(d: DomainResult, currency: str) -> Headline:
    top = d.drivers[0] if d.drivers else None
    lead = f"{d.label}: about {money(d.mean, currency)} a year"
    lead += f" (P10–P90 {money(d.p10, currency)}–{money(d.p90, currency)}"
    lead += f"; {d.bps_of_revenue:.0f} bps of revenue)"
    if top is not None and d.mean > 0:
        share = top.mean / d.mean
        lead += f", {'mostly' if share >= 0.5 else f'{share:.0%} from'} {top.label.lower()}"
    lead += f"; {d.confidence} confidence."
    return Headline(domain=d.key, label=d.label, sentence=lead)


def _summary(result: ScoreResult) -> Summary:
    t, cur = result.total, result.currency
    sentence = (
        f"{result.organization} has about {money(t.mean, cur)} a year of operating income at "
        f"risk (P10–P90 {money(t.p10, cur)}–{money(t.p90, cur)}), "
        f"{t.bps_of_revenue:.0f} bps of revenue"
    )
    if t.share_of_operating_income is not None:
        sentence += f" and {t.share_of_operating_income:.0%} of operating income"
    return Summary(
        mean=t.mean,
        p10=t.p10,
        p50=t.p50,
        p90=t.p90,
        bps_of_revenue=t.bps_of_revenue,
        share_of_operating_income=t.share_of_operating_income,
        top=[_headline(d, cur) for d in result.domains[:TOP_DRAGS]],
        sentence=sentence + ".",
    )


def build_report(
    result: ScoreResult,
    *,
    statements: Mapping[str, list[Statement]] | None = None,
    departments: Sequence[DepartmentCoverage] = (),
) -> Report:
    """The report of one scoring result; `statements` maps an input key to who said what."""
    said = statements or {}
    cur = result.currency
    return Report(
        title=f"Operating Income at Risk — {result.organization}",
        organization=result.organization,
        currency=cur,
        revenue=result.revenue,
        operating_income=result.operating_income,
        model_version=result.model_version,
        input_sha256=result.input_sha256,
        draws=result.draws,
        summary=_summary(result),
        plausibility=result.plausibility,
        annual_loss=result.annual_loss,
        ledger=result.ledger,
        domains=[_domain(d, cur, said) for d in result.domains],
        departments=list(departments),
        disagreements=[
            ReportDisagreement(
                label=g.label,
                domains=_labels(g.domains),
                ratio=g.ratio,
                summary=g.summary,
                values=[(v.respondent, v.value) for v in g.values],
            )
            for g in result.disagreements
        ],
        assumptions=[
            ReportAssumption(
                key=a.key,
                label=a.label,
                value=a.value,
                low=a.low,
                high=a.high,
                shown=_shown(a.key, a.value, cur, assumed=True),
                basis=a.basis,
                rationale=a.rationale,
                source=a.source,
                domains=_labels(a.domains),
            )
            for a in result.assumptions
        ],
        pools=[
            PoolNote(
                label=p.label,
                amount=p.amount,
                claimed_share=p.claimed_share,
                scale=p.scale,
                claimants=list(p.claimants),
            )
            for p in result.pool_claims
        ],
        methodology=list(methodology(result.draws)),
    )


def _people_data(
    store: Store, caller: Caller, org_id: str
) -> tuple[dict[str, list[Statement]], list[DepartmentCoverage]]:
    """Current answers as statements by input key, and who answered by department."""
    shown = analysis.report_answers(store, caller, org_id)
    said = {
        key: [
            Statement(speaker=s.speaker, department=s.department, answer=s.answer, quote=s.quote)
            for s in rows
        ]
        for key, rows in shown.statements.items()
    }
    coverage = [
        DepartmentCoverage(
            department=d.department or UNKNOWN_DEPARTMENT,
            people=d.people,
            answered=d.answered,
            answers=d.answers,
            domains=_labels(d.domains),
        )
        for d in shown.departments
    ]
    return said, coverage


def _open_round(store: Store, caller: Caller, org_id: str) -> str | None:
    return next(
        (r.label for r in rounds.list_rounds(store, caller, org_id) if r.status == "open"), None
    )


def org_report(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    round_id: str | None = None,
    today: date | None = None,
) -> Report:
    """The organization's report, for roles that may read score detail (admin, facilitator,
    viewer); names follow attribution, so a department-only respondent is never named.

    With `round_id`, the closed round's frozen figures and its sprint plan (the governance
    section, which reads today's entries, is left out so the page is the round's alone).
    Either way the report carries the trend across every closed round, and is dated `today`
    (default: today in UTC).
    """
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    trend = rounds.trend(store, caller, org_id)
    statements, coverage = _people_data(store, caller, org_id)
    mode = attribution.mode_in_force(store, org_id)
    dated = today or datetime.now(UTC).date()
    if round_id is not None:
        detail = rounds.get_round(store, caller, org_id, round_id)
        if detail.result is None:
            msg = f"round {detail.round.label!r} is still open: its report comes once it closes"
            raise ConflictError(msg)
        report = build_report(detail.result, statements=statements, departments=coverage)
        return report.model_copy(
            update={
                "round": detail.round.label,
                "plan": detail.plan,
                "trend": trend,
                "attribution": mode,
                "generated_on": dated,
            }
        )
    result = analysis.results_as_shown(store, org_id)
    report = build_report(result, statements=statements, departments=coverage)
    section = governance_section(governance.report(store, caller, org_id))
    return report.model_copy(
        update={
            "governance": section,
            "trend": trend,
            "attribution": mode,
            "open_round": _open_round(store, caller, org_id),
            "generated_on": dated,
        }
    )
