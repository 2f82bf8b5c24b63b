"""Scale one driver's loss by scaling the one input only it uses (its lever).

Every v1 driver is linear in an input no other driver reads (a frequency, a count, a share or a
probability). Multiplying that input's estimates by k multiplies each sampled value by k draw by
draw (the split lognormal is scale-equivariant), so with the same seed the driver's loss is
exactly k times as large in every draw and nothing else moves, except that a pool share scaled
down leaves room in its pool that the normalization may hand back to the other claimants.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.catalog import INPUTS
from scoring.drivers import DRIVERS, DRIVERS_BY_KEY
from scoring.errors import InvalidInputError
from scoring.model import Estimate, Observation, ScoringInput

LEVERS: dict[str, str] = {
    "decision_latency": "escalated_decisions_per_month",
    "reconciliation_drag": "leaders_reconciling",
    "approval_drag": "approval_expedite_share",
    "handoff_failure": "handoff_failures_per_month",
    "sequencing_mismatch": "sequencing_expedite_share",
    "kpi_conflict": "kpi_conflict_penalty_share",
    "vacancy_drag": "critical_vacancies_per_year",
    "vacancy_overtime": "vacancy_overtime_share",
    "time_to_competency": "hires_per_year",
    "repeat_defects": "training_defect_share",
    "safety_quality_variability": "safety_incidents_per_year",
    "training_waste": "training_spend_per_employee",
    "tribal_dependency": "single_point_roles",
    "knowledge_search": "knowledge_workers",
    "repeat_incidents": "repeat_downtime_share",
    "rework_loops": "rework_loop_share",
    "adoption_friction": "automation_spend_per_year",
    "capability_gap": "workaround_hours_per_week",
    "change_capacity": "stalled_initiatives_per_year",
    "exception_volume": "exceptions_per_month",
    "exception_penalties": "exception_penalty_share",
    "compliance_exposure": "compliance_findings_per_year",
    "conflicting_incentives": "incentive_expedite_share",
    "unclear_ownership": "ownership_issues_per_month",
    "cadence_misfit": "variance_events_per_month",
    "supplier_volatility": "supplier_downtime_share",
    "supply_disruption": "major_disruption_probability",
    "cyber_third_party": "breach_probability",
    "regulatory_shock": "regulatory_shock_probability",
}


def _scaled(observation: Observation, factor: float) -> Observation:
    v = observation.value
    value = Estimate(low=v.low * factor, likely=v.likely * factor, high=v.high * factor)
    return observation.model_copy(update={"value": value})


def check_driver(driver: str) -> None:
    if driver not in DRIVERS_BY_KEY:
        msg = f"unknown driver {driver!r}; expected one of {', '.join(sorted(LEVERS))}"
        raise InvalidInputError(msg)


def scale_drivers(inp: ScoringInput, factors: Mapping[str, float]) -> ScoringInput:
    """The input with each named driver's lever input multiplied by its factor.

    Score the result with the original input's seed (common random numbers) to read the change.
    """
    inputs = dict(inp.inputs)
    benchmarks = dict(inp.benchmarks)
    for driver, factor in factors.items():
        check_driver(driver)
        if not factor >= 0:
            msg = f"driver {driver!r}: factor {factor!r} must be a number >= 0"
            raise InvalidInputError(msg)
        key = LEVERS[driver]
        if inputs.get(key):
            inputs[key] = [_scaled(o, factor) for o in inputs[key]]
        elif key in benchmarks:
            b = benchmarks[key]
            benchmarks[key] = b.model_copy(
                update={"low": b.low * factor, "likely": b.likely * factor, "high": b.high * factor}
            )
    return ScoringInput(
        organization=inp.organization, inputs=inputs, benchmarks=benchmarks, draws=inp.draws
    )


def _check() -> None:
    for driver in DRIVERS:
        key = LEVERS.get(driver.key)
        others = [d.key for d in DRIVERS if d is not driver and key in d.inputs]
        if key is None or key not in driver.inputs or others or key not in INPUTS:
            msg = f"lever of driver {driver.key!r} ({key!r}) must be an input only it uses"
            raise RuntimeError(msg)


_check()
