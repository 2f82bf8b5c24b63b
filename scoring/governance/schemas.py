"""Pydantic inputs and outputs of the four governance outputs and the AI-velocity view.

Inputs are structured, repeated entries (one per seam, decision type, constraint statement or
initiative), each with the respondent who gave it; outputs carry their formula and figures.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from scoring.catalog import MAX_MONEY
from scoring.governance.stages import Governs, Stage
from scoring.model import Respondent

# Money up to the core's limit (scoring.catalog), so no governance figure overflows either.
Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
FunctionName = Annotated[str, Field(min_length=1, max_length=60)]

MAX_PER_MONTH = 100_000.0
MAX_DAYS = 365.0


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------- inputs


class Seam(_Frozen):
    """One handoff as a respondent sees it: "Ops -> Transport: 6 failures a month, $4k each"."""

    from_function: FunctionName
    to_function: FunctionName
    failures_per_month: Annotated[float, Field(ge=0, le=MAX_PER_MONTH, allow_inf_nan=False)]
    cost_per_failure: Money
    owner_clear: bool
    kpi_conflict: bool
    approval_latency_days: Annotated[float, Field(ge=0, le=MAX_DAYS, allow_inf_nan=False)] = 0.0
    respondent: Respondent | None = None


class DecisionRight(_Frozen):
    """One decision type: who decides, how long it takes, how long operations can wait."""

    decision_type: Annotated[str, Field(min_length=1, max_length=80)]
    decider: Annotated[str, Field(min_length=1, max_length=80)]
    decisions_per_month: Annotated[float, Field(ge=0, le=MAX_PER_MONTH, allow_inf_nan=False)]
    latency_days: Annotated[float, Field(ge=0, le=MAX_DAYS, allow_inf_nan=False)]
    operations_wait_days: Annotated[float, Field(ge=0, le=MAX_DAYS, allow_inf_nan=False)]
    respondent: Respondent | None = None


class ConstraintStatement(_Frozen):
    """A respondent's answer to "what governs throughput, service, quality or cost?"."""

    stage: Stage
    resource: Annotated[str, Field(min_length=1, max_length=120)]
    governs: Governs = "throughput"
    respondent: Respondent | None = None


class AiPlan(_Frozen):
    """How much faster AI is planned to move decisions, and how governed the seams are."""

    speedup: Annotated[float, Field(ge=1, le=100, allow_inf_nan=False)] = 2.0
    maturity: Annotated[int, Field(ge=1, le=5)] = 2
    assumed: bool = Field(default=False, description="True when nobody set the plan.")


class Relief(_Frozen):
    driver: Annotated[str, Field(min_length=1, max_length=60)]
    fraction: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]


class Initiative(_Frozen):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    # At least one unit of currency: relief per unit of cost divides by it.
    cost: Annotated[float, Field(ge=1, le=MAX_MONEY, allow_inf_nan=False)]
    relieves: Annotated[list[Relief], Field(min_length=1, max_length=20)]


class GovernanceInput(_Frozen):
    seams: list[Seam] = Field(default_factory=list, max_length=2_000)
    decisions: list[DecisionRight] = Field(default_factory=list, max_length=2_000)
    constraints: list[ConstraintStatement] = Field(default_factory=list, max_length=2_000)
    ai_plan: AiPlan | None = None
    initiatives: list[Initiative] = Field(default_factory=list, max_length=200)


# ---------------------------------------------------------------- outputs


class SeamCell(_Frozen):
    from_function: str
    to_function: str
    failures_per_month: float = Field(description="Median of the respondents' figures.")
    cost_per_failure: float = Field(description="Median of the respondents' figures.")
    annual_cost: float = Field(description="12 × failures a month × cost per failure.")
    owner_clear: bool = Field(description="False when anyone says the owner is unclear.")
    kpi_conflict: bool = Field(description="True when anyone reports a KPI conflict.")
    approval_latency_days: float = Field(description="Longest approval wait reported.")
    risk_flags: list[str]
    respondents: list[str]


class SeamMap(_Frozen):
    functions: list[str]
    cells: list[SeamCell] = Field(description="Worst (largest annual cost) first.")
    matrix: list[list[float]] = Field(description="Annual cost, rows from, columns to.")
    total_annual_cost: float
    failures_per_month: float
    weighted_cost_per_failure: float
    formula: str
    replaces: list[str] = Field(description="Aggregate inputs the seam map stands in for.")
    priced_annual_cost: float | None = Field(
        default=None,
        description="The driver it stands in for, as simulated with the rows' uncertainty: "
        "the figure the ranked table, the report and the API show for it. The rows' own "
        "arithmetic uses the respondents' medians, so their sum can differ from it.",
    )


class DecisionRow(_Frozen):
    decision_type: str
    decider: str
    decisions_per_month: float
    latency_days: float
    operations_wait_days: float
    misfit_days: float = Field(description="max(0, latency − days operations can wait).")
    cost_per_day: float
    annual_cost: float = Field(description="12 × decisions × misfit days × cost per day.")
    deciders_named: list[str]
    respondents: list[str]


class DecisionView(_Frozen):
    rows: list[DecisionRow] = Field(description="Worst (largest annual cost) first.")
    total_annual_cost: float
    formula: str
    replaces: list[str]
    notes: list[str]
    priced_annual_cost: float | None = Field(
        default=None,
        description="The driver it stands in for, as simulated with the rows' uncertainty: "
        "the figure the ranked table, the report and the API show for it. The rows' own "
        "arithmetic uses the respondents' medians, so their sum can differ from it.",
    )


class Drag(_Frozen):
    driver: str
    label: str
    domain: str
    mean: float
    formula: str
    stages: list[str]


class ConstraintView(_Frozen):
    stage: str
    stage_label: str
    resource: str | None
    governs: list[str]
    inferred: bool = Field(description="True when nobody named a constraint.")
    named_by: list[str]
    other_stages_named: dict[str, int]
    drags: list[Drag] = Field(description="Drivers acting on the constraint stage, largest first.")
    drag_total: float
    seams: list[SeamCell] = Field(description="Seams into or out of the constraint stage.")
    explanation: str


class InitiativeResult(_Frozen):
    name: str
    cost: float
    rank: int
    relieved: float = Field(description="Total OIaR now − total with the reliefs applied.")
    relieved_per_dollar: float
    payback_months: float | None
    touches_constraint: bool
    touches_top_domains: bool
    pause: bool
    flag: str | None
    reliefs: list[Relief]
    explanation: str


class InvestmentSequence(_Frozen):
    baseline_total: float
    constraint_stage: str | None
    top_domains: list[str]
    initiatives: list[InitiativeResult]
    method: str


class AiVelocityView(_Frozen):
    speedup: float
    maturity: int
    assumed: bool
    frequency_factor: float = Field(description="speedup ** (1 − (maturity − 1) / 4)")
    seam_drivers: list[str]
    now_total: float
    after_total: float
    added: float
    by_driver: list[dict[str, float | str]]
    formula: str
    explanation: str
