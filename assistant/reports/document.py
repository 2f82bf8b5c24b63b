"""The board report: one model, built once, rendered as HTML, Markdown, CSV, XLSX or JSON.

Every figure is copied from the scoring output (never recomputed), so the report and
`GET /v1/orgs/{org}/score` always agree. Names are already shown as the viewer may see them:
department-only respondents appear as "a leader in Operations".
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.reports.governance_section import GovernanceSection
from scoring.model import AnnualLoss, Ledger, Plausibility
from tools.rounds import SprintItemView, Trend

Category = Literal[
    "expedite",
    "scrap_rework",
    "overtime",
    "penalties",
    "downtime",
    "latent_risk",
    "decisions_spend",
    "lost_sales",
    "paid_hours",
]
# The article's five observable leakage pools and latent risks (expected losses); what no
# finance pool holds is named by the ledger's kind of money, so a finance team can tie each
# column to a line: cash (decisions waiting, spend not returning), contribution (lost sales at
# the margin) and capacity (paid hours, at the share that could be redeployed).
CATEGORIES: dict[Category, str] = {
    "expedite": "Expedite & premium freight",
    "scrap_rework": "Scrap, rework & quality",
    "overtime": "Overtime & labor premium",
    "penalties": "Penalties & service failures",
    "downtime": "Downtime & lost throughput",
    "latent_risk": "Latent risk (expected loss)",
    "decisions_spend": "Decisions waiting & spend not returning (cash)",
    "lost_sales": "Lost sales (at contribution margin)",
    "paid_hours": "Paid hours lost (recoverable share)",
}
# Column headings where space is short (tables of nine domains by nine categories).
CATEGORY_SHORT: dict[Category, str] = {
    "expedite": "Expedite",
    "scrap_rework": "Scrap & rework",
    "overtime": "Overtime",
    "penalties": "Penalties",
    "downtime": "Downtime",
    "latent_risk": "Latent risk",
    "decisions_spend": "Delays & spend",
    "lost_sales": "Lost sales",
    "paid_hours": "Paid hours",
}


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Statement(_Part):
    """What one person answered to one input, as the viewer may see who they are."""

    speaker: str
    department: str | None
    answer: str
    quote: str | None = None


class ReportInput(_Part):
    key: str
    label: str
    value: float
    low: float
    high: float
    unit: str
    shown: str
    source: Literal["answer", "assumption"]
    respondents: list[str]
    statements: list[Statement]


class ReportDriver(_Part):
    key: str
    label: str
    category: Category
    mean: float
    share_of_domain: float
    formula: str
    pool_scale: float | None
    inputs: list[ReportInput]


class ReportDomain(_Part):
    key: str
    label: str
    rank: int
    mean: float
    p10: float
    p50: float
    p90: float
    bps_of_revenue: float
    share_of_total: float
    share_of_operating_income: float | None
    confidence: str
    coverage: float
    respondents: int
    explanation: str
    categories: dict[Category, float]
    drivers: list[ReportDriver]


class Headline(_Part):
    domain: str
    label: str
    sentence: str


class Summary(_Part):
    mean: float
    p10: float
    p50: float
    p90: float
    bps_of_revenue: float
    share_of_operating_income: float | None
    top: list[Headline]
    sentence: str


class DepartmentCoverage(_Part):
    department: str
    people: int
    answered: int
    answers: int
    domains: list[str]


class ReportDisagreement(_Part):
    label: str
    domains: list[str]
    ratio: float | None
    summary: str
    values: list[tuple[str, float]]


class ReportAssumption(_Part):
    key: str
    label: str
    value: float
    low: float
    high: float
    shown: str
    basis: str
    rationale: str
    source: str
    domains: list[str]


class PoolNote(_Part):
    label: str
    amount: float
    claimed_share: float
    scale: float
    claimants: list[str]


class Report(_Part):
    title: str
    organization: str
    currency: str
    revenue: float
    operating_income: float
    model_version: str
    input_sha256: str
    draws: int
    summary: Summary
    domains: list[ReportDomain]
    departments: list[DepartmentCoverage]
    disagreements: list[ReportDisagreement]
    assumptions: list[ReportAssumption]
    pools: list[PoolNote]
    methodology: list[str]
    # The total against revenue and operating income, with what to check when it is high.
    plausibility: Plausibility | None = None
    # One year's loss with its exceedance curve, and the total by kind of money.
    annual_loss: AnnualLoss | None = None
    ledger: Ledger | None = None
    # Constraint, seams, decision rights, investments and AI velocity (None: not built).
    governance: GovernanceSection | None = None
    # The round this report shows, frozen (None: the current answers), its sprint plan, and
    # the trend across every closed round; `open_round` names the round now collecting the
    # current answers, if any.
    round: str | None = None
    open_round: str | None = None
    # The day the report was made (printed on page one and in every page's footer).
    generated_on: date | None = None
    plan: list[SprintItemView] = []
    trend: Trend | None = None
    # Which attribution was in force when it was made: named, department-only or mixed.
    attribution: str = ""
