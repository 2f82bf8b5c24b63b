"""The v1 model's vocabulary: the nine domains, the five leakage pools and every driver input.

These keys are part of the contract: the interview instrument feeds them, benchmark assumptions
default them, and the output names them. Driver formulas live in `drivers.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InputKind = Literal["money", "count", "duration", "share", "scale", "flag", "choice"]
WorseWhen = Literal["higher", "lower", "n/a"]

# Upper limits by kind of quantity. Each is far above any real organization and far below
# float64's 1.8e308: with every input at its limit the largest driver (12 x 1e9 a month x 2,000
# hours x 1e18 an hour) is ~2.4e31, and sums, means over 200,000 draws and basis points of a
# revenue of at least 1 all stay below 1e38. Without them a finite but huge answer (a revenue of
# 1e306, a labor hour at 1e308) overflowed to inf inside the simulation.
#
# Money, in the organization's own currency: the largest company's revenue (~$7e11) counted in
# the weakest traded currencies (~1e6 to the dollar) stays under 1e18.
MAX_MONEY = 1e18
# Counts a month, a year or in total: a billion, against a largest workforce of ten million.
MAX_COUNT = 1e9
# The largest workforce the organization profile accepts.
MAX_HEADCOUNT = 10_000_000
# Company-wide hours a week: every hour of the week of the largest workforce.
MAX_COMPANY_HOURS_PER_WEEK = 168.0 * MAX_HEADCOUNT


@dataclass(frozen=True, slots=True)
class Domain:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One named quantity a driver formula uses.

    `unit` is the canonical unit the value is held in (see the instrument's question units);
    `worse_when` says which direction means more operating income at risk. Every input has a
    finite `high_bound` (its kind's limit above, or tighter), so no formula can overflow.
    """

    key: str
    label: str
    kind: InputKind
    unit: str
    worse_when: WorseWhen
    low_bound: float = 0.0
    high_bound: float | None = None

    @property
    def is_money(self) -> bool:
        return self.kind == "money"

    @property
    def is_discrete(self) -> bool:
        """Discrete answers (scales, yes/no, choices) are taken exactly, without a spread."""
        return self.kind in ("scale", "flag", "choice")


DOMAINS: tuple[Domain, ...] = (
    Domain("leadership_bandwidth", "Leadership Bandwidth"),
    Domain("cross_functional_alignment", "Cross-Functional Alignment"),
    Domain("hiring_friction", "Hiring Friction"),
    Domain("training_roi", "Training ROI"),
    Domain("knowledge_transfer", "Knowledge Transfer"),
    Domain("ai_readiness", "Upskilling / AI Readiness"),
    Domain("internal_risk", "Internal Risk Management"),
    Domain("organizational_alignment", "Organizational Alignment"),
    Domain("external_risk", "External Risk Management"),
)
DOMAIN_LABELS: dict[str, str] = {d.key: d.label for d in DOMAINS}

# The article's five observable leakage categories: annual amounts from finance.
POOLS: dict[str, str] = {
    "expedite": "Expedite & premium freight",
    "scrap_rework": "Scrap, rework & quality escapes",
    "overtime": "Overtime & labor premium",
    "penalties": "Penalties & service failures",
    "downtime": "Downtime & lost throughput",
}


def pool_input_key(pool: str) -> str:
    return f"pool_{pool}"


def _money(key: str, label: str, unit: str) -> InputSpec:
    # Only the overflow limit: what is plausible depends on the currency (¥ vs $).
    return InputSpec(key, label, "money", unit, "higher", high_bound=MAX_MONEY)


def _count(key: str, label: str, unit: str) -> InputSpec:
    return InputSpec(key, label, "count", unit, "higher", high_bound=MAX_COUNT)


def _hours(key: str, label: str, unit: str, high: float) -> InputSpec:
    return InputSpec(key, label, "duration", unit, "higher", high_bound=high)


def _share(key: str, label: str, worse: WorseWhen = "higher") -> InputSpec:
    return InputSpec(key, label, "share", "fraction", worse, high_bound=1.0)


def _probability(key: str, label: str) -> InputSpec:
    return InputSpec(key, label, "share", "per_year", "higher", high_bound=1.0)


_POOL_INPUTS = tuple(
    _money(pool_input_key(pool), f"{label} (annual)", "per_year") for pool, label in POOLS.items()
)

_INPUTS: tuple[InputSpec, ...] = (
    *_POOL_INPUTS,
    # Shared economics
    _money("loaded_labor_cost_per_hour", "Loaded labor cost per hour", "per_hour"),
    _money("leader_cost_per_hour", "Loaded cost of a leader's hour", "per_hour"),
    _money("delay_cost_per_day", "Cost of one day's delay on a material decision", "per_day"),
    # What a lost sale is worth to operating income, and what share of paid hours lost to
    # waiting could be put back to work: they turn lost sales and lost hours into money.
    _share("contribution_margin", "Contribution margin on lost sales", worse="higher"),
    _share("capacity_recovery_share", "Share of lost hours that could be redeployed"),
    # Leadership Bandwidth
    _count(
        "escalated_decisions_per_month", "Decisions escalated for sign-off a month", "per_month"
    ),
    _hours("decision_wait_days", "Days an escalated decision waits", "days", 365),
    _count("leaders_reconciling", "Leaders who reconcile numbers", "total"),
    _hours(
        "reconciliation_hours_per_week",
        "Hours a week each spends reconciling",
        "hours_per_week",
        80,
    ),
    _share("approval_expedite_share", "Share of expedite spend caused by approval waits"),
    # Cross-Functional Alignment
    _count("handoff_failures_per_month", "Handoff failures between functions a month", "per_month"),
    _money("handoff_failure_cost", "Cost of one handoff failure", "each"),
    _share("sequencing_expedite_share", "Share of expedite spend caused by sequencing mismatch"),
    _share("kpi_conflict_penalty_share", "Share of penalties caused by conflicting KPIs"),
    # Hiring Friction
    _count("critical_vacancies_per_year", "Throughput-critical roles opened a year", "per_year"),
    _hours("time_to_fill_days", "Days to fill a critical role", "days", 730),
    _money("vacancy_cost_per_day", "Throughput lost per day a critical role is open", "per_day"),
    _share("vacancy_overtime_share", "Share of overtime spent covering vacancies"),
    _count("hires_per_year", "New hires a year", "per_year"),
    _hours("ramp_weeks", "Weeks for a new hire to reach full productivity", "weeks", 156),
    _share("ramp_productivity", "Productivity of a new hire while ramping", worse="lower"),
    # Training ROI
    _share("training_defect_share", "Share of scrap & rework from skill or training gaps"),
    _count(
        "safety_incidents_per_year", "Recordable safety or quality incidents a year", "per_year"
    ),
    _money("safety_incident_cost", "Cost of one incident", "each"),
    _money("training_spend_per_employee", "Training spend per employee a year", "per_year"),
    _share("training_applied_share", "Share of training applied on the job", worse="lower"),
    # Knowledge Transfer
    _count("knowledge_workers", "People who depend on others' know-how", "total"),
    _hours(
        "knowledge_search_hours_per_week",
        "Hours a week each waits for or recreates knowledge",
        "hours_per_week",
        80,
    ),
    _share("repeat_downtime_share", "Share of downtime that repeats a known problem"),
    _share("rework_loop_share", "Share of rework from undocumented know-how"),
    _count("single_point_roles", "Roles only one person can do", "total"),
    _probability("key_person_departure_rate", "Chance a key person leaves in a year"),
    _money("key_person_loss_cost", "Cost of losing one key person", "each"),
    # Upskilling / AI Readiness
    _money("automation_spend_per_year", "Automation and AI spend a year", "per_year"),
    _share("automation_unused_share", "Share of automation/AI spend not adopted"),
    _hours(
        "workaround_hours_per_week",
        "Hours a week lost to manual workarounds",
        "hours_per_week",
        MAX_COMPANY_HOURS_PER_WEEK,
    ),
    _count("stalled_initiatives_per_year", "Change initiatives stalled a year", "per_year"),
    _money("stalled_initiative_cost", "Sunk cost of one stalled initiative", "each"),
    # Internal Risk Management
    _count("exceptions_per_month", "Exceptions handled outside the process a month", "per_month"),
    _hours("hours_per_exception", "Hours to resolve one exception", "hours", 2_000),
    _share("exception_penalty_share", "Share of penalties from mishandled exceptions"),
    _count(
        "compliance_findings_per_year", "Material compliance or audit findings a year", "per_year"
    ),
    _money("compliance_finding_cost", "Cost of one finding (fines, remediation)", "each"),
    # Organizational Alignment
    _share("incentive_expedite_share", "Share of expedite spend caused by conflicting incentives"),
    _count(
        "ownership_issues_per_month", "Issues stalled for lack of an owner a month", "per_month"
    ),
    _hours("hours_per_ownership_issue", "Hours lost per ownerless issue", "hours", 2_000),
    InputSpec(
        "ownership_clarity", "Clarity of ownership (1-5)", "scale", "scale_1_5", "lower", 1, 5
    ),
    _count("variance_events_per_month", "Variance events needing a decision a month", "per_month"),
    InputSpec(
        "decision_cadence_days", "Days between decision forums", "choice", "days", "higher", 0, 365
    ),
    InputSpec(
        "operational_response_days",
        "Days operations can wait for a decision",
        "choice",
        "days",
        "lower",
        0,
        365,
    ),
    # External Risk Management
    _share("supplier_downtime_share", "Share of downtime caused by suppliers"),
    _probability("major_disruption_probability", "Chance of a major supply disruption a year"),
    _money("major_disruption_cost", "Cost of one major supply disruption", "each"),
    InputSpec("dual_sourced", "Critical inputs dual-sourced", "flag", "yes_no", "lower", 0, 1),
    _probability("breach_probability", "Chance of a cyber or third-party breach a year"),
    _money("breach_cost", "Cost of one breach", "each"),
    _probability("regulatory_shock_probability", "Chance of a costly regulatory change a year"),
    _money("regulatory_shock_cost", "Cost of one regulatory change", "each"),
)

INPUTS: dict[str, InputSpec] = {spec.key: spec for spec in _INPUTS}
INPUT_KEYS: tuple[str, ...] = tuple(INPUTS)


def _check_limits() -> None:
    """Fail at import if an input lacks a finite upper limit (a programming error)."""
    for spec in _INPUTS:
        if spec.high_bound is None or not spec.low_bound <= spec.high_bound <= MAX_MONEY:
            msg = f"input {spec.key!r} needs an upper limit up to {MAX_MONEY:g}"
            raise RuntimeError(msg)


_check_limits()
