"""The governance outputs on the sample company, against hand-computed figures."""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from knowledge import load_sample_assessment
from scoring import InvalidInputError, ScoreResult, ScoringInput, input_sha256, score, seed_for
from scoring.drivers import drivers_moved_by
from scoring.governance import (
    PAUSE,
    GovernanceInput,
    GovernanceReport,
    Initiative,
    Relief,
    apply_governance,
    governance_report,
    rank_initiatives,
    scale_drivers,
)
from scoring.resolve import ANSWER_POINT_SPREAD
from scoring.simulate import Z95
from tools.analysis.assessment import Assessment, to_scoring_input

SAMPLE = Path(__file__).parents[2] / "knowledge" / "samples" / "sample_manufacturer_governance.json"
# A point answer is widened to a split lognormal with P5 = 0.8 x, P95 = 1.25 x: a lognormal of
# sigma ln(1.25) / z95 whose mean is exp(sigma^2 / 2) times the stated value.
POINT_MEAN = math.exp((math.log(ANSWER_POINT_SPREAD[1]) / Z95) ** 2 / 2)


@functools.cache
def _sample_input() -> ScoringInput:
    return to_scoring_input(Assessment.model_validate(load_sample_assessment()))


@functools.cache
def _governance() -> GovernanceInput:
    return GovernanceInput.model_validate(json.loads(SAMPLE.read_text()))


@functools.cache
def _report() -> GovernanceReport:
    return governance_report(_sample_input(), _governance())


def _driver(result: ScoreResult, key: str) -> float:
    return next(d.mean for dom in result.domains for d in dom.drivers if d.key == key)


def _driver_result(result: ScoreResult, key: str) -> Any:
    return next(dr for d in result.domains for dr in d.drivers if dr.key == key)


def _drivers(result: ScoreResult) -> dict[str, float]:
    return {d.key: d.mean for dom in result.domains for d in dom.drivers}


def test_governance_report_same_input_byte_identical() -> None:
    again = governance_report(_sample_input(), _governance())
    assert again.model_dump_json() == _report().model_dump_json()


# ---------------------------------------------------------------- seams


def test_seam_map_cell_is_median_of_respondents_times_twelve() -> None:
    seams = _report().seams
    assert seams is not None
    worst = seams.cells[0]
    # "Ops" and "Operations" are one function; Dana says 6 a month at $4k, Marcus 4 at $5k.
    assert (worst.from_function, worst.to_function) == ("Operations", "Transport")
    assert (worst.failures_per_month, worst.cost_per_failure) == (5, 4_500)
    assert worst.annual_cost == 12 * 5 * 4_500 == 270_000
    assert worst.owner_clear is False  # Dana says unclear: anyone unclear makes it unclear
    assert worst.risk_flags == ["owner unclear", "KPI conflict", "approvals take 2 days"]
    assert [c.annual_cost for c in seams.cells] == [270_000, 12 * 4 * 3_000, 12 * 3 * 2_500]
    assert seams.total_annual_cost == 504_000
    row, col = seams.functions.index("Operations"), seams.functions.index("Transport")
    assert seams.matrix[row][col] == 270_000


def test_seams_replace_handoff_answers_not_added() -> None:
    report = _report()
    handoff = next(
        d for dom in report.score.domains for d in dom.drivers if d.key == "handoff_failure"
    )
    uses = {u.key: u for u in handoff.inputs}
    # Central figures: 12 failures a month at the failure-weighted $3,500 = the seam total.
    assert uses["handoff_failures_per_month"].value == 12
    assert uses["handoff_failure_cost"].value == 3_500
    assert 12 * 12 * 3_500 == 504_000
    assert all(r.startswith("seam map") for r in uses["handoff_failures_per_month"].respondents)
    # Handoff failures sit on the expedite line, which the pool caps.
    assert handoff.pool_scale is not None
    assert handoff.mean == pytest.approx(504_000 * POINT_MEAN**2 * handoff.pool_scale, rel=0.02)


def test_seams_change_total_by_handoff_difference_only() -> None:
    base = _sample_input()
    seams_only = GovernanceInput(seams=_governance().seams)
    applied, notes = apply_governance(base, seams_only)
    assert len(notes) == 1
    seed = seed_for(input_sha256(base))
    before, after = score(base, seed=seed), score(applied, seed=seed)
    b, a = _drivers(before), _drivers(after)
    changed = {k for k in b if b[k] != a[k]}
    # Only handoff failures, and the drivers sharing its expedite line's ceiling with it.
    assert "handoff_failure" in changed
    assert changed <= drivers_moved_by({"handoff_failures_per_month", "handoff_failure_cost"})
    delta = sum(a[k] - b[k] for k in changed)
    assert after.total.mean == pytest.approx(before.total.mean + delta, abs=0.011)


def test_no_governance_data_leaves_input_unchanged() -> None:
    applied, notes = apply_governance(_sample_input(), GovernanceInput())
    assert applied is _sample_input()
    assert notes == []


# ---------------------------------------------------------------- decisions


def test_decisions_priced_worst_first() -> None:
    view = _report().decisions
    assert view is not None
    first = view.rows[0]
    # Capex: 1 a month, 25 days to decide, operations can wait 10: 12 x 1 x 15 x $1,750
    # (the median of Operations' $2k and Finance's $1.5k a day).
    assert first.decision_type == "Capex approval"
    assert first.misfit_days == 15
    assert first.cost_per_day == 1_750
    assert first.annual_cost == 12 * 1 * 15 * 1_750 == 315_000
    assert [r.decision_type for r in view.rows] == [
        "Capex approval",
        "Schedule change",
        "Hiring approval",
        "Pricing exception",
    ]
    assert view.rows[-1].annual_cost == 0  # decided faster than operations need
    assert view.total_annual_cost == 315_000 + 210_000 + 126_000


def test_decisions_replace_cadence_inputs_so_central_equals_rows() -> None:
    report = _report()
    cadence = next(
        d for dom in report.score.domains for d in dom.drivers if d.key == "cadence_misfit"
    )
    v = {u.key: u.value for u in cadence.inputs}
    assert v["variance_events_per_month"] == 13
    assert v["operational_response_days"] == 0
    assert v["decision_cadence_days"] == pytest.approx(2 * 31 / 13, abs=1e-6)
    central = 12 * v["variance_events_per_month"] * v["decision_cadence_days"] / 2 * 1_750
    assert central == pytest.approx(651_000)


# ---------------------------------------------------------------- constraint


def test_constraint_named_by_most_with_drags_acting_on_it() -> None:
    view = _report().constraint
    assert view.stage == "production"
    assert view.resource == "400-ton press"
    assert view.governs == ["throughput", "cost"]
    assert view.inferred is False
    assert view.other_stages_named == {"maintenance": 1, "planning": 1}
    by_key = {d.driver: d.mean for d in view.drags}
    assert by_key["decision_latency"] == _driver(_report().score, "decision_latency")
    assert "reconciliation_drag" not in by_key  # enterprise-wide: not on any stage
    # Handoff failures act on production: by hand, 12 x 12 a month x $3,500 = $504k central,
    # within the expedite pool's ceiling.
    scale = _driver_result(_report().score, "handoff_failure").pool_scale
    assert by_key["handoff_failure"] == pytest.approx(504_000 * POINT_MEAN**2 * scale, rel=0.02)
    assert view.drag_total == pytest.approx(sum(by_key.values()), abs=0.01)
    assert [d.mean for d in view.drags] == sorted(by_key.values(), reverse=True)
    assert {(c.from_function, c.to_function) for c in view.seams} >= {
        ("Engineering", "Production"),
        ("Operations", "Transport"),
    }
    assert "400-ton press" in view.explanation


def test_constraint_inferred_when_nobody_named_one() -> None:
    report = governance_report(_sample_input(), GovernanceInput())
    assert report.constraint.inferred is True
    assert "inferred" in report.constraint.explanation


# ---------------------------------------------------------------- investments


def test_initiative_relief_is_fraction_of_driver_with_payback() -> None:
    report = _report()
    first = report.investments.initiatives[0]
    assert first.name == "Seam owners and handoff checklist"
    handoff = _driver(report.score, "handoff_failure")
    # Handoff failures share the expedite pool's ceiling: relieving 40% of them frees at most
    # 40% of the driver (less when the line was capped: the others take back the room).
    assert 0.8 * 0.4 * handoff <= first.relieved <= 0.4 * handoff + 0.02
    assert first.payback_months == pytest.approx(60_000 / (first.relieved / 12), abs=0.1)
    assert first.payback_months == round(60_000 / (first.relieved / 12), 1)
    assert first.relieved_per_dollar == pytest.approx(first.relieved / 60_000, abs=1e-6)


def test_initiative_off_constraint_and_top_domains_is_paused() -> None:
    sequence = _report().investments
    last = sequence.initiatives[-1]
    assert last.name == "AI routing pilot"
    assert last.pause is True
    assert last.flag == PAUSE == "pause: does not relieve the constraint"
    assert "ai_readiness" not in sequence.top_domains
    assert all(not i.pause for i in sequence.initiatives[:-1])


def test_cheaper_initiative_relieving_same_driver_more_ranks_first() -> None:
    report = _report()
    applied, _ = apply_governance(_sample_input(), _governance())
    seed = seed_for(input_sha256(applied))
    pricey = Initiative(
        name="Handoff program",
        cost=300_000,
        relieves=[Relief(driver="handoff_failure", fraction=0.3)],
    )
    other = Initiative(
        name="Press setter",
        cost=120_000,
        relieves=[Relief(driver="tribal_dependency", fraction=0.5)],
    )

    def order(items: list[Initiative]) -> list[str]:
        ranked = rank_initiatives(
            items, inp=applied, baseline=report.score, seed=seed, constraint_stage="production"
        )
        return [i.name for i in ranked.initiatives]

    assert order([pricey, other]) == ["Press setter", "Handoff program"]
    cheaper = Initiative(
        name="Seam owners", cost=100_000, relieves=[Relief(driver="handoff_failure", fraction=0.5)]
    )
    assert order([pricey, other, cheaper]) == ["Seam owners", "Press setter", "Handoff program"]


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (
            {
                "seams": [
                    {
                        "from_function": "Operations",
                        "to_function": "Transport",
                        "failures_per_month": 2,
                        "cost_per_failure": 1e308,
                        "owner_clear": True,
                        "kpi_conflict": False,
                    }
                ]
            },
            r"seams\.0\.cost_per_failure",
        ),
        (
            {
                "initiatives": [
                    {"name": "X", "cost": 1e-300, "relieves": [{"driver": "x", "fraction": 1}]}
                ]
            },
            r"initiatives\.0\.cost",
        ),
    ],
)
def test_governance_money_past_its_limits_rejected_naming_it(
    entry: dict[str, object], field: str
) -> None:
    # A seam at 1e308 a failure overflowed the simulation; relief per dollar divides by cost.
    with pytest.raises(ValidationError, match=field):
        GovernanceInput.model_validate(entry)


def test_initiative_unknown_driver_rejected() -> None:
    with pytest.raises(InvalidInputError, match="unknown driver 'handoffs'"):
        scale_drivers(_sample_input(), {"handoffs": 0.5})


# ---------------------------------------------------------------- AI velocity


def test_ai_velocity_scales_seam_drivers_by_damped_speedup() -> None:
    view = _report().ai_velocity
    factor = 3 ** (1 - (2 - 1) / 4)  # speed-up 3x at maturity 2 of 5
    assert view.frequency_factor == pytest.approx(factor, abs=1e-6)
    assert factor == pytest.approx(2.2795, abs=1e-4)
    # Faster seams multiply events; a pool's ceiling can hold a driver below the full factor.
    for row in view.by_driver:
        assert float(row["now"]) <= float(row["after"]) <= factor * float(row["now"]) + 0.02
    assert view.added > 0
    assert view.after_total == pytest.approx(view.now_total + view.added, abs=0.01)


def test_ai_velocity_full_maturity_changes_nothing() -> None:
    gov = GovernanceInput(ai_plan={"speedup": 4, "maturity": 5})
    report = governance_report(_sample_input(), gov)
    assert report.ai_velocity.frequency_factor == 1
    assert report.ai_velocity.added == 0


# ---------------------------------------------------------------- properties


def test_pool_share_relief_frees_less_when_pool_over_claimed() -> None:
    from factories import make_input

    inp = make_input(
        {
            "pool_expedite": 1_000_000,
            "handoff_failures_per_month": 0,  # no per-event claims on the expedite line
            "approval_expedite_share": {"low": 0.6, "likely": 0.6, "high": 0.6},
            "sequencing_expedite_share": {"low": 0.6, "likely": 0.6, "high": 0.6},
            "incentive_expedite_share": {"low": 0.0, "likely": 0.0, "high": 0.0},
        }
    )
    seed = seed_for(input_sha256(inp))
    before = score(inp, seed=seed)
    after = score(scale_drivers(inp, {"approval_drag": 0.5}), seed=seed)
    # 120% claimed: each share is scaled to 1/1.2. Halving approval's share (90% claimed)
    # frees its claim, but sequencing then keeps its whole 60% instead of 50%.
    freed = before.total.mean - after.total.mean
    assert _driver(before, "approval_drag") == pytest.approx(500_000, rel=0.02)
    assert freed == pytest.approx(500_000 - 300_000 - 100_000, rel=0.02)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 1.0])
def test_relief_of_non_pool_driver_is_exact_fraction(fraction: float) -> None:
    inp = _sample_input()
    seed = seed_for(input_sha256(inp))
    before = score(inp, seed=seed)
    # Tribal dependency is on no pool's line and no driver is priced net of it.
    after = score(scale_drivers(inp, {"tribal_dependency": 1 - fraction}), seed=seed)
    b, a = _drivers(before), _drivers(after)
    assert a["tribal_dependency"] == pytest.approx(
        (1 - fraction) * b["tribal_dependency"], abs=0.01
    )
    assert {k for k in b if k != "tribal_dependency" and a[k] != b[k]} == set()


def test_apply_governance_is_idempotent() -> None:
    once, _ = apply_governance(_sample_input(), _governance())
    twice, _ = apply_governance(once, _governance())
    assert input_sha256(once) == input_sha256(twice)


def test_seam_respondents_far_apart_flagged() -> None:
    from scoring.governance import Seam, seam_map

    def seam(failures: float, name: str) -> Seam:
        return Seam(
            from_function="Sales",
            to_function="Planning",
            failures_per_month=failures,
            cost_per_failure=1_000,
            owner_clear=True,
            kpi_conflict=False,
            respondent={"name": name},
        )

    found = seam_map([seam(2, "A"), seam(9, "B")])
    assert found is not None
    cell = found.cells[0]
    assert cell.risk_flags == ["respondents disagree (2 vs 9 failures a month)"]
    assert cell.annual_cost == 12 * 5.5 * 1_000  # the median of 2 and 9, never their sum
