"""Pydantic inputs and outputs of the scoring core.

Inputs: an organization profile, benchmark assumptions for every input, and driver inputs that
arrive as a point, a low/likely/high range, or several respondents' values. Outputs: the ranked
OIaR with ranges, drivers, explanations, assumptions and disagreements.

Limits (so that no figure can overflow float64; see `scoring.catalog` for each kind's limit):
revenue from 1 to MAX_MONEY in the organization's currency, an hour of labor up to MAX_MONEY,
a nonzero operating margin at least MIN_MARGIN from 0; every estimate and benchmark value up to
MAX_MONEY (the largest limit of any kind; the tighter limits of counts, hours, days and shares
are checked per input when it is resolved), with a top at most MAX_SPREAD times its likely value.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from scoring.catalog import MAX_HEADCOUNT, MAX_MONEY

MODEL_VERSION = "oiar-v1.1.0"
DEFAULT_DRAWS = 10_000
MIN_DRAWS = 100
MAX_DRAWS = 200_000

Confidence = Literal["high", "medium", "low"]
Source = Literal["answer", "assumption"]
Basis = Literal["absolute", "revenue", "revenue_per_employee", "headcount"]

# A revenue below one unit of currency makes basis points of revenue meaningless (and, divided
# into a large loss, infinite).
MIN_REVENUE = 1.0
# A margin closer to 0 than a ten-thousandth of a percent is 0 for a board, and as a divisor it
# can turn a share of operating income into inf.
MIN_MARGIN = 1e-6
# A 90% range whose top is more than a million times its likely value is not an estimate; the
# simulation's upper tail grows as (high / likely) ** 3 at the rarest draws, and past ~1e100 it
# overflows before the input's limit can cap it.
MAX_SPREAD = 1e6

Quantity = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]


def _not_bool(value: Any) -> Any:
    # pydantic reads JSON true/false as 1 and 0; a margin of `false` is a client's bug, not 0%.
    if isinstance(value, bool):
        msg = "a number is needed here, not true or false"
        raise ValueError(msg)
    return value


NotBool = BeforeValidator(_not_bool)


def _check_range(low: float, likely: float, high: float) -> None:
    if not low <= likely <= high:
        msg = f"expected low <= likely <= high, got low={low}, likely={likely}, high={high}"
        raise ValueError(msg)
    if likely > 0 and high > likely * MAX_SPREAD:
        msg = (
            f"high={high:g} is more than {MAX_SPREAD:g} times likely={likely:g}; "
            "a 90% range that wide is not an estimate"
        )
        raise ValueError(msg)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OrganizationProfile(_Frozen):
    name: str = Field(min_length=1, max_length=200)
    revenue: Annotated[float, NotBool] = Field(
        ge=MIN_REVENUE,
        le=MAX_MONEY,
        allow_inf_nan=False,
        validation_alias=AliasChoices("revenue", "annual_revenue"),
        description="Annual revenue in `currency`.",
    )
    operating_margin: Annotated[float, NotBool] = Field(
        gt=-1, lt=1, allow_inf_nan=False, description="Operating income / revenue, e.g. 0.12."
    )
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    headcount: Annotated[int, NotBool] = Field(gt=0, le=MAX_HEADCOUNT)
    industry: str = Field(default="generic", min_length=1, max_length=60)
    loaded_labor_cost_per_hour: Annotated[float | None, NotBool] = Field(
        default=None,
        gt=0,
        le=MAX_MONEY,
        allow_inf_nan=False,
        description="Wages plus benefits and overhead.",
    )
    contribution_margin: Annotated[float | None, NotBool] = Field(
        default=None,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="(Price − variable cost) / price: what a lost sale costs operating income. "
        "Unset: the industry's benchmark, flagged as an assumption.",
    )

    @field_validator("operating_margin")
    @classmethod
    def _margin_not_vanishing(cls, value: float) -> float:
        if value != 0 and abs(value) < MIN_MARGIN:
            msg = f"a margin within {MIN_MARGIN:g} of 0 is 0 for a board; give 0"
            raise ValueError(msg)
        return value

    @property
    def operating_income(self) -> float:
        return self.revenue * self.operating_margin


class Estimate(_Frozen):
    """A three-point estimate read as a 90% range: low is P5, likely the median, high P95."""

    low: Quantity
    likely: Quantity
    high: Quantity

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_range(self.low, self.likely, self.high)
        return self

    @classmethod
    def exact(cls, value: float) -> Estimate:
        return cls(low=value, likely=value, high=value)


class Respondent(_Frozen):
    name: str = Field(min_length=1, max_length=200)
    role: str | None = Field(default=None, max_length=200)
    department: str | None = Field(default=None, max_length=200)

    @property
    def display(self) -> str:
        return f"{self.name} ({self.department})" if self.department else self.name


class Observation(_Frozen):
    """One respondent's value for one input, in the input's unit.

    A bare number is a *point answer* ("about 3 days"): the model widens it into a range. An
    explicit {low, likely, high} is taken as given, so low == high states a certain value.
    """

    value: Estimate
    point: bool = Field(default=False, description="True when given as a bare number.")
    respondent: Respondent | None = None
    evidence: str | None = Field(default=None, max_length=2_000)

    @model_validator(mode="before")
    @classmethod
    def _bare_number_is_point(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("value"), bool | int | float):
            return {**data, "value": Estimate.exact(float(data["value"])), "point": True}
        return data


class Benchmark(_Frozen):
    """A default for an input nobody answered; `basis` scales it to the organization."""

    low: Quantity
    likely: Quantity
    high: Quantity
    basis: Basis = "absolute"
    rationale: str = Field(min_length=1)
    source: str = Field(min_length=1, description="A citation, or 'assumption'.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_range(self.low, self.likely, self.high)
        return self


def _as_observations(value: Any) -> Any:
    """Accept a number, a {low, likely, high} object or a list of observations."""
    if isinstance(value, bool | int | float):
        return [{"value": float(value)}]
    if isinstance(value, dict) and "value" not in value:
        return [{"value": value}]
    if isinstance(value, dict):
        return [value]
    return value


class ScoringInput(_Frozen):
    organization: OrganizationProfile
    inputs: dict[str, list[Observation]] = Field(default_factory=dict)
    benchmarks: dict[str, Benchmark]
    draws: int = Field(default=DEFAULT_DRAWS, ge=MIN_DRAWS, le=MAX_DRAWS)

    @field_validator("inputs", mode="before")
    @classmethod
    def _normalize_inputs(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: _as_observations(v) for key, v in value.items()}
        return value


# ---------------------------------------------------------------- outputs


class InputUse(_Frozen):
    key: str
    label: str
    value: float = Field(description="The central value used (median of respondents' likely).")
    low: float
    high: float
    unit: str
    source: Source
    respondents: list[str]


class DriverResult(_Frozen):
    key: str
    label: str
    kind: str
    mean: float
    share_of_domain: float
    formula: str
    pool: str | None = None
    pool_scale: float | None = Field(
        default=None,
        description="Mean factor the driver was scaled by so that its pool's line never claims "
        "more than the pool (1.0 = not scaled); null when its line is not a pool.",
    )
    line: str = Field(default="", description="The ledger line it is (docs/ledger.md).")
    money: Literal["cash", "contribution", "capacity"] = Field(
        default="cash",
        description="cash: a P&L cost; contribution: lost sales at the contribution margin; "
        "capacity: lost paid hours at the share that could be redeployed.",
    )
    net_of: str | None = Field(
        default=None, description="The driver whose money this one is priced net of."
    )
    inputs: list[InputUse]


class Range(_Frozen):
    mean: float
    p10: float
    p50: float
    p90: float
    bps_of_revenue: float
    share_of_operating_income: float | None


class DomainResult(_Frozen):
    key: str
    label: str
    rank: int
    rank_probability: float = Field(
        ge=0,
        le=1,
        description="Share of simulation draws in which the domain holds this rank.",
    )
    top3_probability: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Share of simulation draws in which the domain is among the top three.",
    )
    mean: float
    p10: float
    p50: float
    p90: float
    bps_of_revenue: float
    share_of_total: float
    share_of_operating_income: float | None
    confidence: Confidence
    coverage: float = Field(description="Share of the domain's mean resting on answers.")
    respondents: int
    drivers: list[DriverResult]
    explanation: str


class AssumptionUsed(_Frozen):
    key: str
    label: str
    value: float
    low: float
    high: float
    unit: str
    basis: Basis
    rationale: str
    source: str
    domains: list[str]


class StatedValue(_Frozen):
    respondent: str
    department: str | None
    value: float


class Disagreement(_Frozen):
    key: str
    label: str
    domains: list[str]
    ratio: float | None = Field(description="Highest / lowest stated value; null when one is 0.")
    values: list[StatedValue]
    summary: str


class PoolClaim(_Frozen):
    pool: str
    label: str
    amount: float
    claimed_share: float = Field(description="Sum of the claimants' mean shares before scaling.")
    scale: float = Field(description="Mean factor applied to every claimant's share.")
    claimants: list[str] = Field(
        description="Drivers on the pool's line: its share claimants and per-event drivers."
    )


class ExceedancePoint(_Frozen):
    probability: float = Field(description="Chance a year that the loss is above `loss`.")
    loss: float


class AnnualLoss(_Frozen):
    """One year's loss, with event-like drivers simulated as discrete events: the spread of
    next year's loss, wider than the P10–P90 of the expected loss."""

    mean: float
    p10: float
    p50: float
    p90: float
    exceedance: list[ExceedancePoint] = Field(
        description="The loss exceedance curve: the loss exceeded once in 2, 5, 10, 20, 50 "
        "and 100 years."
    )
    probability_above_ceiling: float | None = Field(
        description="Chance a year's loss exceeds the plausibility ceiling (half of operating "
        "income); null without a positive operating income."
    )
    event_drivers: list[str] = Field(description="Drivers simulated as discrete events.")


class LedgerLine(_Frozen):
    key: str
    label: str
    money: Literal["cash", "contribution", "capacity"]
    mean: float
    drivers: list[str]
    ceiling: float | None = Field(
        default=None, description="The finance pool that caps the line (its mean), if any."
    )


class Ledger(_Frozen):
    """OIaR by kind of money: cash + contribution + recovered capacity = the total."""

    cash: float
    contribution: float = Field(description="Lost sales at the contribution margin.")
    capacity: float = Field(description="Lost paid hours at the recovery share: counted.")
    capacity_hours_value: float = Field(
        description="The same hours at full cost, before the recovery share: not counted."
    )
    contribution_margin: float
    contribution_margin_source: Source
    capacity_recovery_share: float
    capacity_recovery_source: Source
    lines: list[LedgerLine]


PlausibilityStatus = Literal["below_band", "in_band", "above_band", "above_ceiling"]


class DomainToCheck(_Frozen):
    key: str
    label: str
    mean: float
    bps_of_revenue: float
    driver: str = Field(description="Its largest driver, whose inputs follow.")
    inputs: list[InputUse]


class Plausibility(_Frozen):
    bps_of_revenue: float
    share_of_operating_income: float | None
    band_bps: tuple[float, float] = Field(
        description="Material leakage per the method's anchor: 50–150 bps of revenue."
    )
    ceiling_share_of_operating_income: float
    status: PlausibilityStatus
    summary: str
    check: list[DomainToCheck] = Field(
        description="Domains alone above the band's top (or, when none is but the total is "
        "out of band, the largest), each with the inputs of its largest driver."
    )


class ScoreResult(_Frozen):
    model_version: str
    input_sha256: str
    organization: str
    currency: str
    revenue: float
    operating_income: float
    draws: int
    total: Range
    domains: list[DomainResult]
    assumptions: list[AssumptionUsed]
    disagreements: list[Disagreement]
    pool_claims: list[PoolClaim]
    annual_loss: AnnualLoss | None = Field(
        default=None, description="One year's loss and its exceedance curve."
    )
    ledger: Ledger | None = Field(
        default=None, description="The total split into cash, contribution and capacity."
    )
    plausibility: Plausibility | None = Field(
        default=None,
        description="The total against revenue and operating income: in band, high, or "
        "above the ceiling, with the domains and inputs to check.",
    )
