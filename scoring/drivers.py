"""The priced drivers: every domain's loss is a sum of these explicit formulas.

Each formula is vectorized: it takes arrays of draws (any shape, broadcast together) keyed by
input key, plus `headcount` and, for the inputs a driver lists in `answered_inputs`, an
`answered(key)` flag, and returns the annual loss per draw. Drivers of kind
`share_of_pool` return the raw share instead; `simulate.py` multiplies it by the pool.

The ledger (`LEDGER`, written out in docs/ledger.md): every driver is one line of the P&L and
says what kind of money it is.

- cash: a cost that shows on a P&L line;
- contribution: sales lost, priced at the contribution margin, never revenue as income;
- capacity: paid hours lost to waiting or rework, which are not cash; priced at the share of
  them that could be redeployed to output (the capacity recovery share).

Finance's five pools are ceilings: per-event answers that belong to a pool's line (a handoff
failure's rework and freight, an incident's scrap) share it with the pool's share claimants, and
together they never claim more than the pool. Where two drivers count the same money, one is
priced net of the other (`net_of`): overtime covering a vacancy is the open seat's cost, not an
extra one; a variance event waiting for the next forum is the same queue of decisions waiting as
an escalation; an initiative that stalls is spend not adopted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt

from scoring.catalog import DOMAIN_LABELS, INPUTS, POOLS, pool_input_key

if TYPE_CHECKING:
    from scoring.resolve import ResolvedAssessment

Array = npt.NDArray[np.float64]
Values = Mapping[str, Array]
DriverKind = Literal["rate_x_impact", "share_of_pool", "expected_loss", "labor_time"]
Money = Literal["cash", "contribution", "capacity"]
MONEY_KINDS: tuple[Money, ...] = ("cash", "contribution", "capacity")

MONTHS_PER_YEAR = 12.0
# Working weeks in a year once holidays and leave are taken out.
WORKING_WEEKS_PER_YEAR = 48.0
HOURS_PER_WORKING_WEEK = 40.0
# Dual sourcing does not remove a major disruption; we assume it halves what one costs a firm
# in general (the benchmark). A respondent's stated cost already reflects their sourcing.
DUAL_SOURCING_MITIGATION = 0.5
HEADCOUNT = "headcount"
CONTRIBUTION_MARGIN = "contribution_margin"
CAPACITY_RECOVERY = "capacity_recovery_share"


@dataclass(frozen=True, slots=True)
class Driver:
    key: str
    label: str
    domain: str
    kind: DriverKind
    formula: str
    inputs: tuple[str, ...]
    compute: Callable[[Values], Array]
    pool: str | None = None
    # Organization-profile quantities the formula uses besides its inputs (e.g. headcount).
    profile_inputs: tuple[str, ...] = ()
    # Inputs whose formula reads, as `answered(key)`, whether they were stated (1.0) or left to
    # their benchmark (0.0): a stated figure can already include what a benchmark must be
    # adjusted for.
    answered_inputs: tuple[str, ...] = ()
    # Set from LEDGER below: the ledger line, the kind of money, the driver it is net of.
    line: str = ""
    money: Money = "cash"
    net_of: str | None = None

    def price(self, values: Values) -> Array:
        """The formula in money: contribution at the margin, capacity at the recovery share.

        A share-of-pool driver's formula is a share, not money; it is returned as is."""
        gross = self.compute(values)
        if self.money == "contribution":
            return gross * values[CONTRIBUTION_MARGIN]
        if self.money == "capacity":
            return gross * values[CAPACITY_RECOVERY]
        return gross

    @property
    def ceiling(self) -> str | None:
        """The finance pool that caps this driver's line, if its line is a pool."""
        return self.line if self.line in POOLS else None


def answered(key: str) -> str:
    """The value key a formula reads to learn whether input `key` was answered."""
    return f"answered:{key}"


def _share_driver(key: str, label: str, domain: str, pool: str, share_key: str) -> Driver:
    def share(v: Values) -> Array:
        return v[share_key]

    return Driver(
        key=key,
        label=label,
        domain=domain,
        kind="share_of_pool",
        formula=f"{INPUTS[share_key].label.lower()} × {POOLS[pool].lower()} (annual)",
        inputs=(share_key, pool_input_key(pool)),
        compute=share,
        pool=pool,
    )


def _decision_latency(v: Values) -> Array:
    return (
        MONTHS_PER_YEAR
        * v["escalated_decisions_per_month"]
        * v["decision_wait_days"]
        * v["delay_cost_per_day"]
    )


def _reconciliation(v: Values) -> Array:
    return (
        v["leaders_reconciling"]
        * v["reconciliation_hours_per_week"]
        * WORKING_WEEKS_PER_YEAR
        * v["leader_cost_per_hour"]
    )


def _handoff_failure(v: Values) -> Array:
    return MONTHS_PER_YEAR * v["handoff_failures_per_month"] * v["handoff_failure_cost"]


def _vacancy_drag(v: Values) -> Array:
    return v["critical_vacancies_per_year"] * v["time_to_fill_days"] * v["vacancy_cost_per_day"]


def _time_to_competency(v: Values) -> Array:
    gap = 1.0 - v["ramp_productivity"]
    return (
        v["hires_per_year"]
        * v["ramp_weeks"]
        * HOURS_PER_WORKING_WEEK
        * v["loaded_labor_cost_per_hour"]
        * gap
    )


def _safety_variability(v: Values) -> Array:
    return v["safety_incidents_per_year"] * v["safety_incident_cost"]


def _training_waste(v: Values) -> Array:
    return v[HEADCOUNT] * v["training_spend_per_employee"] * (1.0 - v["training_applied_share"])


def _knowledge_search(v: Values) -> Array:
    return (
        v["knowledge_workers"]
        * v["knowledge_search_hours_per_week"]
        * WORKING_WEEKS_PER_YEAR
        * v["loaded_labor_cost_per_hour"]
    )


def _tribal_dependency(v: Values) -> Array:
    return v["single_point_roles"] * v["key_person_departure_rate"] * v["key_person_loss_cost"]


def _adoption_friction(v: Values) -> Array:
    return v["automation_spend_per_year"] * v["automation_unused_share"]


def _capability_gap(v: Values) -> Array:
    return v["workaround_hours_per_week"] * WORKING_WEEKS_PER_YEAR * v["loaded_labor_cost_per_hour"]


def _change_capacity(v: Values) -> Array:
    return v["stalled_initiatives_per_year"] * v["stalled_initiative_cost"]


def _exception_volume(v: Values) -> Array:
    return (
        MONTHS_PER_YEAR
        * v["exceptions_per_month"]
        * v["hours_per_exception"]
        * v["loaded_labor_cost_per_hour"]
    )


def _compliance_exposure(v: Values) -> Array:
    return v["compliance_findings_per_year"] * v["compliance_finding_cost"]


def _unclear_ownership(v: Values) -> Array:
    # No clarity discount: the instrument asks how many issues "stall because nobody clearly
    # owns them" and how many hours each burns "before someone picks it up", so the count is
    # already the unowned share of issues. Scaling it again by (5 - clarity) / 4 priced the
    # same lack of ownership twice (a clarity of 3 halved the loss).
    return (
        MONTHS_PER_YEAR
        * v["ownership_issues_per_month"]
        * v["hours_per_ownership_issue"]
        * v["loaded_labor_cost_per_hour"]
    )


def expected_excess_wait(cadence: Array, response: Array) -> Array:
    """E[max(0, U - response)] for a wait U uniform on [0, cadence]: (cadence - r)^2 / (2 cadence)
    when r < cadence, else 0.

    A variance event arrives at a uniform moment between two forums, so it waits U for the next
    one. The expectation must be taken of the excess, not the excess of the expected wait:
    max(0, cadence / 2 - r) is 0 whenever operations can hold half an interval, although events
    arriving just after a forum still wait nearly the whole interval.
    """
    late = np.maximum(cadence - response, 0.0)
    # A cadence of 0 (decided on the spot) has late == 0; the floor only avoids 0 / 0.
    return late * late / (2.0 * np.maximum(cadence, np.finfo(np.float64).tiny))


def _cadence_misfit(v: Values) -> Array:
    excess_days = expected_excess_wait(v["decision_cadence_days"], v["operational_response_days"])
    return MONTHS_PER_YEAR * v["variance_events_per_month"] * excess_days * v["delay_cost_per_day"]


def _supply_disruption(v: Values) -> Array:
    # The instrument asks what one disruption "would cost you": a stated cost is priced with the
    # sourcing the firm has, a second source included, so halving it again for dual sourcing
    # counted the mitigation twice. Only a benchmark cost, a firm in general, is reduced.
    benchmark_cost = 1.0 - v[answered("major_disruption_cost")]
    mitigation = 1.0 - DUAL_SOURCING_MITIGATION * v["dual_sourced"] * benchmark_cost
    return v["major_disruption_probability"] * v["major_disruption_cost"] * mitigation


def _cyber(v: Values) -> Array:
    return v["breach_probability"] * v["breach_cost"]


def _regulatory(v: Values) -> Array:
    return v["regulatory_shock_probability"] * v["regulatory_shock_cost"]


DRIVERS: tuple[Driver, ...] = (
    # Leadership Bandwidth
    Driver(
        "decision_latency",
        "Decision latency",
        "leadership_bandwidth",
        "rate_x_impact",
        "12 × decisions escalated a month × days each waits × cost of a day's delay",
        ("escalated_decisions_per_month", "decision_wait_days", "delay_cost_per_day"),
        _decision_latency,
    ),
    Driver(
        "reconciliation_drag",
        "Reconciling numbers",
        "leadership_bandwidth",
        "labor_time",
        "leaders reconciling × hours a week each × 48 weeks × leader cost per hour",
        ("leaders_reconciling", "reconciliation_hours_per_week", "leader_cost_per_hour"),
        _reconciliation,
    ),
    _share_driver(
        "approval_drag",
        "Expedites caused by approval waits",
        "leadership_bandwidth",
        "expedite",
        "approval_expedite_share",
    ),
    # Cross-Functional Alignment
    Driver(
        "handoff_failure",
        "Handoff failures",
        "cross_functional_alignment",
        "rate_x_impact",
        "12 × handoff failures a month × cost of one failure",
        ("handoff_failures_per_month", "handoff_failure_cost"),
        _handoff_failure,
    ),
    _share_driver(
        "sequencing_mismatch",
        "Sequencing mismatch",
        "cross_functional_alignment",
        "expedite",
        "sequencing_expedite_share",
    ),
    _share_driver(
        "kpi_conflict",
        "KPI conflict",
        "cross_functional_alignment",
        "penalties",
        "kpi_conflict_penalty_share",
    ),
    # Hiring Friction
    Driver(
        "vacancy_drag",
        "Output lost to open critical roles",
        "hiring_friction",
        "rate_x_impact",
        "critical roles opened a year × days to fill × throughput lost per open day",
        ("critical_vacancies_per_year", "time_to_fill_days", "vacancy_cost_per_day"),
        _vacancy_drag,
    ),
    _share_driver(
        "vacancy_overtime",
        "Overtime covering vacancies",
        "hiring_friction",
        "overtime",
        "vacancy_overtime_share",
    ),
    Driver(
        "time_to_competency",
        "Time to competency",
        "hiring_friction",
        "labor_time",
        "hires a year × ramp weeks × 40 hours × labor cost per hour × (1 − ramp productivity)",
        ("hires_per_year", "ramp_weeks", "loaded_labor_cost_per_hour", "ramp_productivity"),
        _time_to_competency,
    ),
    # Training ROI
    _share_driver(
        "repeat_defects", "Repeat defects", "training_roi", "scrap_rework", "training_defect_share"
    ),
    Driver(
        "safety_quality_variability",
        "Safety and quality variability",
        "training_roi",
        "rate_x_impact",
        "incidents a year × cost of one incident",
        ("safety_incidents_per_year", "safety_incident_cost"),
        _safety_variability,
    ),
    Driver(
        "training_waste",
        "Training not applied",
        "training_roi",
        "rate_x_impact",
        "headcount × training spend per employee × (1 − share applied on the job)",
        ("training_spend_per_employee", "training_applied_share"),
        _training_waste,
        profile_inputs=(HEADCOUNT,),
    ),
    # Knowledge Transfer
    Driver(
        "tribal_dependency",
        "Tribal dependency",
        "knowledge_transfer",
        "expected_loss",
        "single-person roles × chance one leaves in a year × cost of losing one",
        ("single_point_roles", "key_person_departure_rate", "key_person_loss_cost"),
        _tribal_dependency,
    ),
    Driver(
        "knowledge_search",
        "Waiting for know-how",
        "knowledge_transfer",
        "labor_time",
        "people affected × hours a week each × 48 weeks × labor cost per hour",
        ("knowledge_workers", "knowledge_search_hours_per_week", "loaded_labor_cost_per_hour"),
        _knowledge_search,
    ),
    _share_driver(
        "repeat_incidents",
        "Repeat incidents",
        "knowledge_transfer",
        "downtime",
        "repeat_downtime_share",
    ),
    _share_driver(
        "rework_loops", "Rework loops", "knowledge_transfer", "scrap_rework", "rework_loop_share"
    ),
    # Upskilling / AI Readiness
    Driver(
        "adoption_friction",
        "Adoption friction",
        "ai_readiness",
        "rate_x_impact",
        "automation and AI spend a year × share not adopted",
        ("automation_spend_per_year", "automation_unused_share"),
        _adoption_friction,
    ),
    Driver(
        "capability_gap",
        "Capability gaps",
        "ai_readiness",
        "labor_time",
        "hours a week of manual workarounds × 48 weeks × labor cost per hour",
        ("workaround_hours_per_week", "loaded_labor_cost_per_hour"),
        _capability_gap,
    ),
    Driver(
        "change_capacity",
        "Change capacity",
        "ai_readiness",
        "rate_x_impact",
        "initiatives stalled a year × sunk cost of one",
        ("stalled_initiatives_per_year", "stalled_initiative_cost"),
        _change_capacity,
    ),
    # Internal Risk Management
    Driver(
        "exception_volume",
        "Exception volume",
        "internal_risk",
        "labor_time",
        "12 × exceptions a month × hours each × labor cost per hour",
        ("exceptions_per_month", "hours_per_exception", "loaded_labor_cost_per_hour"),
        _exception_volume,
    ),
    _share_driver(
        "exception_penalties",
        "Penalties from exceptions",
        "internal_risk",
        "penalties",
        "exception_penalty_share",
    ),
    Driver(
        "compliance_exposure",
        "Compliance and audit exposure",
        "internal_risk",
        "expected_loss",
        "material findings a year × cost of one finding",
        ("compliance_findings_per_year", "compliance_finding_cost"),
        _compliance_exposure,
    ),
    # Organizational Alignment
    _share_driver(
        "conflicting_incentives",
        "Conflicting incentives",
        "organizational_alignment",
        "expedite",
        "incentive_expedite_share",
    ),
    Driver(
        "unclear_ownership",
        "Unclear ownership",
        "organizational_alignment",
        "labor_time",
        "12 × issues a month stalled for lack of an owner × hours each burns × labor cost per"
        " hour (the count already is the ownerless issues, so no ownership-clarity discount)",
        (
            "ownership_issues_per_month",
            "hours_per_ownership_issue",
            "loaded_labor_cost_per_hour",
        ),
        _unclear_ownership,
    ),
    Driver(
        "cadence_misfit",
        "Cadence misfit",
        "organizational_alignment",
        "rate_x_impact",
        "12 × variance events a month × expected days waited beyond what operations can hold,"
        " (days between forums − days they can wait)² / (2 × days between forums), 0 if they"
        " can wait a whole interval × cost of a day's delay",
        (
            "variance_events_per_month",
            "decision_cadence_days",
            "operational_response_days",
            "delay_cost_per_day",
        ),
        _cadence_misfit,
    ),
    # External Risk Management
    _share_driver(
        "supplier_volatility",
        "Supplier volatility",
        "external_risk",
        "downtime",
        "supplier_downtime_share",
    ),
    Driver(
        "supply_disruption",
        "Major supply disruption",
        "external_risk",
        "expected_loss",
        "chance of a major disruption a year × cost of one × (1 − 0.5 if dual-sourced, on a"
        " benchmark cost only: a stated cost already reflects the firm's sourcing)",
        ("major_disruption_probability", "major_disruption_cost", "dual_sourced"),
        _supply_disruption,
        answered_inputs=("major_disruption_cost",),
    ),
    Driver(
        "cyber_third_party",
        "Cyber and third-party exposure",
        "external_risk",
        "expected_loss",
        "chance of a breach a year × cost of one breach",
        ("breach_probability", "breach_cost"),
        _cyber,
    ),
    Driver(
        "regulatory_shock",
        "Regulatory shocks",
        "external_risk",
        "expected_loss",
        "chance of a costly regulatory change a year × cost of one",
        ("regulatory_shock_probability", "regulatory_shock_cost"),
        _regulatory,
    ),
)

# The ledger line each driver is, in one table: (line, money, net of). Pool lines carry the
# pool's key; every other line is the driver's own.
LEDGER_LINES: dict[str, str] = {
    **POOLS,
    "decision_delay": "Decisions waiting",
    "leader_time": "Leaders' time reconciling numbers",
    "open_roles": "Output lost while critical roles are open",
    "ramp_time": "New hires' ramp-up time",
    "training_spend": "Training spend not applied",
    "key_people": "Losing people in one-person roles",
    "know_how_time": "Time waiting for know-how",
    "change_investment": "Automation and change spend not returning",
    "workaround_time": "Manual workarounds",
    "exception_time": "Exception handling",
    "ownerless_time": "Ownerless issues",
    "cyber": "Cyber and third-party breaches",
    "regulatory": "Regulatory change",
}
LEDGER: dict[str, tuple[str, Money, str | None]] = {
    "decision_latency": ("decision_delay", "cash", None),
    # Variance events waiting for the next forum are decisions waiting too; priced beyond what
    # escalations already price, never on top of them.
    "cadence_misfit": ("decision_delay", "cash", "decision_latency"),
    "reconciliation_drag": ("leader_time", "capacity", None),
    "approval_drag": ("expedite", "cash", None),
    "handoff_failure": ("expedite", "cash", None),
    "sequencing_mismatch": ("expedite", "cash", None),
    "conflicting_incentives": ("expedite", "cash", None),
    "kpi_conflict": ("penalties", "cash", None),
    "exception_penalties": ("penalties", "cash", None),
    "compliance_exposure": ("penalties", "cash", None),
    # An open seat costs its lost output; the overtime that covers it recovers part of that
    # output and is already counted in the overtime pool.
    "vacancy_drag": ("open_roles", "contribution", "vacancy_overtime"),
    "vacancy_overtime": ("overtime", "cash", None),
    "time_to_competency": ("ramp_time", "capacity", None),
    "repeat_defects": ("scrap_rework", "cash", None),
    "rework_loops": ("scrap_rework", "cash", None),
    "safety_quality_variability": ("scrap_rework", "cash", None),
    "training_waste": ("training_spend", "cash", None),
    "tribal_dependency": ("key_people", "cash", None),
    "knowledge_search": ("know_how_time", "capacity", None),
    "repeat_incidents": ("downtime", "cash", None),
    "supplier_volatility": ("downtime", "cash", None),
    "supply_disruption": ("downtime", "cash", None),
    "adoption_friction": ("change_investment", "cash", None),
    # A stalled initiative's sunk cost is, for automation, spend not adopted.
    "change_capacity": ("change_investment", "cash", "adoption_friction"),
    "capability_gap": ("workaround_time", "capacity", None),
    "exception_volume": ("exception_time", "capacity", None),
    "unclear_ownership": ("ownerless_time", "capacity", None),
    "cyber_third_party": ("cyber", "cash", None),
    "regulatory_shock": ("regulatory", "cash", None),
}
# Unit prices and conversion rates: the only inputs several drivers read. They turn a quantity
# into money (an hour, a day's delay, a lost sale's margin) and count nothing themselves, so a
# quantity priced by them is still counted once.
PRICE_INPUTS: frozenset[str] = frozenset(
    {
        "loaded_labor_cost_per_hour",
        "leader_cost_per_hour",
        "delay_cost_per_day",
        CONTRIBUTION_MARGIN,
        CAPACITY_RECOVERY,
    }
)
_MONEY_FACTOR: dict[Money, tuple[str, str]] = {
    "contribution": (CONTRIBUTION_MARGIN, "contribution margin"),
    "capacity": (CAPACITY_RECOVERY, "capacity recovery share"),
}


def _with_ledger(driver: Driver) -> Driver:
    line, money, net_of = LEDGER[driver.key]
    formula = driver.formula
    inputs = driver.inputs
    if money in _MONEY_FACTOR:
        key, words = _MONEY_FACTOR[money]
        formula = f"({formula}) × {words}"
        inputs = (*inputs, key)
    if net_of is not None:
        formula = f"{formula}, less {DRIVER_LABELS[net_of].lower()} (the same money), floored at 0"
    return replace(driver, line=line, money=money, net_of=net_of, formula=formula, inputs=inputs)


DRIVER_LABELS: dict[str, str] = {d.key: d.label for d in DRIVERS}
DRIVERS = tuple(_with_ledger(d) for d in DRIVERS)
DRIVERS_BY_KEY: dict[str, Driver] = {d.key: d for d in DRIVERS}
# The domains whose drivers read each catalog input, sorted.
INPUT_DOMAINS: dict[str, tuple[str, ...]] = {
    key: tuple(sorted({d.domain for d in DRIVERS if key in d.inputs})) for key in INPUTS
}


# Event-like drivers: losses that arrive as a few discrete events a year, each costing a lot.
# A year's loss is that many events, not the expected fraction of one. Counted events are a
# Poisson number at their yearly rate; "the chance of one a year" is one event or none (the
# question asks for exactly that chance). Frequent small events (handoffs, exceptions) stay
# rates: over hundreds a year their count hardly varies.
EVENT_RATES: dict[str, Callable[[Values], Array]] = {
    "tribal_dependency": lambda v: v["single_point_roles"] * v["key_person_departure_rate"],
    "compliance_exposure": lambda v: v["compliance_findings_per_year"],
    "safety_quality_variability": lambda v: v["safety_incidents_per_year"],
    "change_capacity": lambda v: v["stalled_initiatives_per_year"],
}
EVENT_CHANCES: dict[str, Callable[[Values], Array]] = {
    "supply_disruption": lambda v: v["major_disruption_probability"],
    "cyber_third_party": lambda v: v["breach_probability"],
    "regulatory_shock": lambda v: v["regulatory_shock_probability"],
}
ANSWERED_INPUTS: tuple[str, ...] = tuple(
    sorted({key for driver in DRIVERS for key in driver.answered_inputs})
)


def answered_flags(batch: Sequence[ResolvedAssessment]) -> dict[str, Array]:
    """`answered(key)` for every input in ANSWERED_INPUTS: one row per assessment, 1.0 where the
    input was answered and 0.0 where it rests on its benchmark (broadcasts over draws)."""
    return {
        answered(key): np.array(
            [[1.0 if resolved.inputs[key].source == "answer" else 0.0] for resolved in batch]
        )
        for key in ANSWERED_INPUTS
    }


def drivers_moved_by(keys: set[str]) -> set[str]:
    """Drivers whose figure can change when inputs `keys` change: those that read them, every
    driver on a pool line one of those is on (they share the pool's ceiling), and every driver
    priced net of a moved one."""
    moved = {d.key for d in DRIVERS if keys & set(d.inputs)}
    lines = {DRIVERS_BY_KEY[k].ceiling for k in moved} - {None}
    moved |= {d.key for d in DRIVERS if d.ceiling in lines}
    moved |= {d.key for d in DRIVERS if d.net_of in moved}
    return moved


def drivers_of(domain: str) -> tuple[Driver, ...]:
    return tuple(d for d in DRIVERS if d.domain == domain)


def _is_netted(driver: Driver) -> bool:
    return any(d.net_of == driver.key for d in DRIVERS)


def _check_catalog() -> None:
    """Fail at import if a formula names an unknown input or domain, or the ledger misses a
    driver (a programming error)."""
    if set(LEDGER) != set(DRIVERS_BY_KEY):
        msg = f"ledger and drivers differ: {sorted(set(LEDGER) ^ set(DRIVERS_BY_KEY))}"
        raise RuntimeError(msg)
    for line in LEDGER_LINES:
        if len({d.money for d in DRIVERS if d.line == line}) != 1:
            msg = f"ledger line {line!r} needs drivers of exactly one kind of money"
            raise RuntimeError(msg)
    for driver in DRIVERS:
        if driver.line not in LEDGER_LINES or (driver.pool and driver.pool != driver.line):
            msg = f"driver {driver.key!r} is on unknown or wrong ledger line {driver.line!r}"
            raise RuntimeError(msg)
        if driver.money == "capacity" and (driver.ceiling or driver.net_of or _is_netted(driver)):
            msg = f"capacity driver {driver.key!r} must be on no pool line and netted with none"
            raise RuntimeError(msg)
        if driver.net_of is not None and DRIVERS_BY_KEY[driver.net_of].net_of is not None:
            msg = f"driver {driver.key!r} is net of a driver that is itself net of another"
            raise RuntimeError(msg)
        if driver.domain not in DOMAIN_LABELS:
            msg = f"driver {driver.key!r} names unknown domain {driver.domain!r}"
            raise RuntimeError(msg)
        unknown = [k for k in (*driver.inputs, *driver.answered_inputs) if k not in INPUTS]
        if unknown:
            msg = f"driver {driver.key!r} names unknown inputs {unknown}"
            raise RuntimeError(msg)


_check_catalog()
