"""Scoring core: contract of the output, board arithmetic, hand-computed drivers, errors."""

from __future__ import annotations

import math
from typing import Any

import pytest
from factories import make_benchmarks, make_input, make_org
from pydantic import ValidationError

from scoring import (
    DOMAINS,
    INPUTS,
    InvalidInputError,
    MissingBenchmarkError,
    ScoreResult,
    ScoringInput,
    score,
    score_many,
)
from scoring.catalog import MAX_HEADCOUNT, MAX_MONEY, POOLS, pool_input_key


def _exact(value: float) -> dict[str, float]:
    return {"low": value, "likely": value, "high": value}


# Finance's pools cap what per-event drivers on their lines may claim: a pool far above any
# claim in these hand computations leaves each driver as its formula prices it.
ROOMY_POOL = 1e12


def _all_zero(**exact: float) -> dict[str, Any]:
    """Every input answered as exactly zero, except the ones given (also exact); pools roomy,
    and lost sales and lost hours priced in full (margin and recovery share 1) unless given."""
    inputs: dict[str, Any] = {key: _exact(0.0) for key in INPUTS}
    inputs["ownership_clarity"] = _exact(5.0)  # a 1-5 scale has no 0
    inputs.update({pool_input_key(pool): _exact(ROOMY_POOL) for pool in POOLS})
    inputs["contribution_margin"] = _exact(1.0)
    inputs["capacity_recovery_share"] = _exact(1.0)
    inputs.update({key: _exact(value) for key, value in exact.items()})
    return inputs


def _domain(result: Any, key: str) -> Any:
    return next(d for d in result.domains if d.key == key)


def _driver(result: Any, key: str) -> Any:
    return next(dr for d in result.domains for dr in d.drivers if dr.key == key)


def test_score_same_input_byte_identical_json() -> None:
    inp = make_input({"decision_wait_days": 4.0}, draws=1_000)
    again = ScoringInput.model_validate_json(inp.model_dump_json())
    assert score(inp).model_dump_json() == score(again).model_dump_json()


def test_score_output_validates_against_its_own_schema() -> None:
    result = score(make_input({"decision_wait_days": [{"value": 2}, {"value": 9}]}, draws=500))
    again = ScoreResult.model_validate_json(result.model_dump_json())
    assert again.model_dump_json() == result.model_dump_json()


def test_score_different_input_changes_hash_and_figures() -> None:
    a, b = (
        score(make_input(draws=1_000)),
        score(make_input({"decision_wait_days": 9.0}, draws=1_000)),
    )
    assert a.input_sha256 != b.input_sha256
    assert a.total.mean != b.total.mean


def test_score_output_has_nine_ranked_domains_with_contract_keys() -> None:
    result = score(make_input(draws=1_000))
    assert [d.rank for d in result.domains] == list(range(1, 10))
    assert {d.key for d in result.domains} == {d.key for d in DOMAINS}
    means = [d.mean for d in result.domains]
    assert means == sorted(means, reverse=True)
    assert all(len(d.drivers) >= 3 for d in result.domains)
    assert result.model_version.startswith("oiar-v")
    assert len(result.input_sha256) == 64


def test_score_domains_sum_to_total_and_drivers_to_domain_to_the_cent() -> None:
    result = score(make_input({"handoff_failures_per_month": 12.0}, draws=2_000))
    assert round(sum(d.mean for d in result.domains), 2) == result.total.mean
    for domain in result.domains:
        assert round(sum(dr.mean for dr in domain.drivers), 2) == domain.mean


def test_board_arithmetic_500k_on_100m_is_50_bps() -> None:
    inputs = _all_zero(compliance_findings_per_year=1, compliance_finding_cost=500_000)
    result = score(make_input(inputs, revenue=100_000_000, operating_margin=0.1, draws=500))
    assert result.total.mean == 500_000
    assert result.total.bps_of_revenue == 50
    assert result.total.share_of_operating_income == 0.05
    assert _domain(result, "internal_risk").bps_of_revenue == 50
    assert result.domains[0].key == "internal_risk"
    assert result.domains[0].share_of_total == 1.0


def test_decision_latency_matches_hand_computation() -> None:
    # 12 x 15 decisions a month x 4 days x $8,000 a day = $5,760,000
    inputs = _all_zero(
        escalated_decisions_per_month=15, decision_wait_days=4, delay_cost_per_day=8_000
    )
    result = score(make_input(inputs, draws=500))
    assert _driver(result, "decision_latency").mean == 5_760_000
    assert _domain(result, "leadership_bandwidth").mean == 5_760_000


def test_training_waste_uses_profile_headcount() -> None:
    # 400 people x $1,500 x (1 - 60% applied) = $240,000
    inputs = _all_zero(training_spend_per_employee=1_500, training_applied_share=0.6)
    driver = _driver(score(make_input(inputs, headcount=400, draws=500)), "training_waste")
    assert driver.mean == pytest.approx(240_000)
    assert any(i.key == "headcount" and i.value == 400 for i in driver.inputs)


@pytest.mark.parametrize("clarity", [2.0, 4.0])
def test_unclear_ownership_prices_every_ownerless_issue_whatever_the_clarity(
    clarity: float,
) -> None:
    # 12 x 10 issues a month nobody owns x 12 hours each x $50 an hour = $72,000. The count is
    # already the ownerless issues, so the clarity score must not discount it a second time.
    inputs = _all_zero(
        ownership_issues_per_month=10,
        hours_per_ownership_issue=12,
        loaded_labor_cost_per_hour=50,
        ownership_clarity=clarity,
    )
    driver = _driver(score(make_input(inputs, draws=500)), "unclear_ownership")
    assert driver.mean == 72_000
    assert "ownership_clarity" not in {i.key for i in driver.inputs}


@pytest.mark.parametrize(
    ("cadence", "response", "excess_days"),
    [
        (7.0, 4.0, 3.0**2 / 14),  # holds over half the interval, yet 3 events in 7 wait too long
        (7.0, 0.5, 6.5**2 / 14),
        (30.0, 1.0, 29.0**2 / 60),
        (7.0, 7.0, 0.0),  # can wait a whole interval: nobody waits too long
        (7.0, 10.0, 0.0),
        (0.0, 0.0, 0.0),  # decided on the spot
    ],
)
def test_cadence_misfit_is_the_expected_wait_past_what_operations_can_hold(
    cadence: float, response: float, excess_days: float
) -> None:
    # An event waits U ~ uniform[0, cadence] for the next forum; the cost is
    # 12 x 10 events a month x E[max(0, U - response)] days x $1,000 a day.
    inputs = _all_zero(
        variance_events_per_month=10,
        decision_cadence_days=cadence,
        operational_response_days=response,
        delay_cost_per_day=1_000,
    )
    driver = _driver(score(make_input(inputs, draws=500)), "cadence_misfit")
    assert driver.mean == pytest.approx(12 * 10 * excess_days * 1_000, abs=0.01)


@pytest.mark.parametrize("dual_sourced", [0.0, 1.0])
def test_stated_disruption_cost_is_not_halved_again_for_dual_sourcing(dual_sourced: float) -> None:
    # 20% a year x the $1M the respondent says one disruption costs them = $200,000, whether or
    # not they dual-source: their own figure already reflects their sourcing.
    inputs = _all_zero(
        major_disruption_probability=0.2,
        major_disruption_cost=1_000_000,
        dual_sourced=dual_sourced,
    )
    driver = _driver(score(make_input(inputs, draws=500)), "supply_disruption")
    assert driver.mean == 200_000


def test_benchmark_disruption_cost_is_halved_for_dual_sourcing() -> None:
    def disruption(dual_sourced: float) -> float:
        inputs = _all_zero(major_disruption_probability=0.2, dual_sourced=dual_sourced)
        del inputs["major_disruption_cost"]  # left to its benchmark
        result = score(make_input(inputs, draws=500), seed=7)
        return float(_driver(result, "supply_disruption").mean)

    single, dual = disruption(0.0), disruption(1.0)
    assert single > 0
    assert dual == pytest.approx(single / 2, abs=0.01)


def test_overclaimed_pool_shares_scale_to_100_percent() -> None:
    # 30% + 60% + 30% of a $1.2M expedite pool = 120%: each scaled by 1/1.2.
    inputs = _all_zero(
        pool_expedite=1_200_000,
        approval_expedite_share=0.3,
        sequencing_expedite_share=0.6,
        incentive_expedite_share=0.3,
    )
    result = score(make_input(inputs, draws=500))
    assert _driver(result, "approval_drag").mean == pytest.approx(300_000)
    assert _driver(result, "sequencing_mismatch").mean == pytest.approx(600_000)
    assert _driver(result, "conflicting_incentives").mean == pytest.approx(300_000)
    claim = next(c for c in result.pool_claims if c.pool == "expedite")
    assert claim.claimed_share == pytest.approx(1.2)
    assert claim.scale == pytest.approx(1 / 1.2, abs=1e-4)
    assert "scaled" in _domain(result, "leadership_bandwidth").explanation


def test_unclaimed_pool_is_not_scaled() -> None:
    inputs = _all_zero(pool_expedite=1_000_000, approval_expedite_share=0.25)
    result = score(make_input(inputs, draws=500))
    assert _driver(result, "approval_drag").mean == pytest.approx(250_000)
    assert _driver(result, "approval_drag").pool_scale == 1.0


def test_point_answer_is_widened_but_exact_range_is_not() -> None:
    point = score(make_input({"decision_wait_days": 4.0}, draws=2_000))
    exact = score(make_input({"decision_wait_days": _exact(4.0)}, draws=2_000))
    point_use = next(
        i for i in _driver(point, "decision_latency").inputs if i.key == "decision_wait_days"
    )
    exact_use = next(
        i for i in _driver(exact, "decision_latency").inputs if i.key == "decision_wait_days"
    )
    assert (point_use.low, point_use.value, point_use.high) == (3.2, 4.0, 5.0)
    assert (exact_use.low, exact_use.value, exact_use.high) == (4.0, 4.0, 4.0)


def _approval_drag_of_expedite_share(share: float) -> tuple[Any, Any]:
    """Approval drag's share of an exact $1M expedite pool, stated as a point answer."""
    inputs = _all_zero(pool_expedite=1_000_000)
    inputs["approval_expedite_share"] = share
    result = score(make_input(inputs, draws=2_000))
    return _driver(result, "approval_drag"), _domain(result, "leadership_bandwidth")


@pytest.mark.parametrize("share", [1.0, 0.0])
def test_point_answer_at_a_bound_is_taken_as_stated(share: float) -> None:
    # "All of it" claims the whole pool: a band clipped at 100% used to read it as ~95%.
    driver, domain = _approval_drag_of_expedite_share(share)
    assert driver.mean == share * 1_000_000
    assert domain.p10 == domain.p50 == domain.p90 == share * 1_000_000
    use = next(i for i in driver.inputs if i.key == "approval_expedite_share")
    assert (use.low, use.value, use.high) == (share, share, share)


def test_point_answer_near_a_bound_keeps_its_mean() -> None:
    # 90% of the pool: the band narrows on both sides to fit under 100% instead of losing its top.
    driver, domain = _approval_drag_of_expedite_share(0.9)
    assert driver.mean == pytest.approx(900_000, rel=0.005)
    assert domain.p50 == pytest.approx(900_000, rel=0.005)
    use = next(i for i in driver.inputs if i.key == "approval_expedite_share")
    assert (use.low, use.value, use.high) == (0.81, 0.9, 1.0)


def test_unanswered_inputs_are_listed_as_assumptions_with_source() -> None:
    result = score(make_input({"decision_wait_days": 4.0}, draws=500))
    keys = {a.key for a in result.assumptions}
    assert "decision_wait_days" not in keys
    assert keys == set(INPUTS) - {"decision_wait_days"}
    assert all(a.source and a.rationale for a in result.assumptions)
    use = next(
        i for i in _driver(result, "decision_latency").inputs if i.key == "delay_cost_per_day"
    )
    assert use.source == "assumption"


def test_profile_labor_cost_counts_as_answered() -> None:
    result = score(make_input(loaded_labor_cost_per_hour=55.0, draws=500))
    assert "loaded_labor_cost_per_hour" not in {a.key for a in result.assumptions}


def test_disagreement_over_2x_reported_with_who_said_what() -> None:
    inputs = {
        "decision_wait_days": [
            {"value": 3, "respondent": {"name": "Dana", "department": "Operations"}},
            {"value": 7, "respondent": {"name": "Chris", "department": "Finance"}},
        ]
    }
    result = score(make_input(inputs, draws=500))
    (found,) = result.disagreements
    assert found.key == "decision_wait_days"
    assert found.ratio == pytest.approx(7 / 3, abs=0.01)
    assert {(v.respondent, v.department, v.value) for v in found.values} == {
        ("Dana", "Operations", 3.0),
        ("Chris", "Finance", 7.0),
    }
    assert found.summary.startswith("Finance puts")
    lb = _domain(result, "leadership_bandwidth")
    assert "Finance" in lb.explanation
    assert lb.confidence != "high"


def test_agreement_within_2x_is_not_a_disagreement() -> None:
    inputs = {
        "decision_wait_days": [
            {"value": 3, "respondent": {"name": "Dana", "department": "Operations"}},
            {"value": 5, "respondent": {"name": "Chris", "department": "Finance"}},
        ]
    }
    assert score(make_input(inputs, draws=500)).disagreements == []


def test_zero_against_nonzero_is_a_disagreement_without_ratio() -> None:
    inputs = {
        "exceptions_per_month": [
            {"value": 0, "respondent": {"name": "Dana", "department": "Operations"}},
            {"value": 40, "respondent": {"name": "Chris", "department": "Finance"}},
        ]
    }
    (found,) = score(make_input(inputs, draws=500)).disagreements
    assert found.ratio is None


def test_confidence_high_when_answered_by_two_who_agree_low_when_assumed() -> None:
    people = (
        {"name": "Dana", "department": "Operations"},
        {"name": "Chris", "department": "Finance"},
    )
    answered = {
        key: [
            {"value": 2.0 if INPUTS[key].kind != "flag" else 1.0, "respondent": p} for p in people
        ]
        for key in INPUTS
        if INPUTS[key].kind not in ("scale", "share")
    }
    answered.update(
        {
            key: [{"value": 0.3, "respondent": p} for p in people]
            for key in INPUTS
            if INPUTS[key].kind == "share"
        }
    )
    answered["ownership_clarity"] = [{"value": 2, "respondent": p} for p in people]
    confident = score(make_input(answered, draws=500))
    assert {d.confidence for d in confident.domains} == {"high"}
    assert all(d.coverage == 1.0 and d.respondents == 2 for d in confident.domains)
    assumed = score(make_input(draws=500))
    assert {d.confidence for d in assumed.domains} == {"low"}


def test_explanation_is_two_to_four_sentences_naming_figures() -> None:
    result = score(make_input({"decision_wait_days": 4.0}, draws=1_000))
    for domain in result.domains:
        sentences = [s for s in domain.explanation.split(". ") if s]
        assert 2 <= len(sentences) <= 4, domain.explanation
        assert domain.label in domain.explanation
        assert "$" in domain.explanation and "bps" in domain.explanation


def test_score_many_equals_scoring_each_alone() -> None:
    inputs = [make_input({"decision_wait_days": float(d)}, draws=500) for d in range(1, 8)]
    inputs.append(make_input({"exceptions_per_month": [{"value": 3}, {"value": 30}]}, draws=500))
    batch = list(score_many(inputs, chunk_size=3))
    assert [r.model_dump_json() for r in batch] == [score(i).model_dump_json() for i in inputs]


def test_score_many_groups_mixed_draw_counts_in_order() -> None:
    inputs = [make_input(draws=200), make_input(draws=300), make_input(draws=200)]
    assert [r.draws for r in score_many(inputs)] == [200, 300, 200]


def test_unknown_input_key_raises_invalid_input() -> None:
    with pytest.raises(InvalidInputError, match="not_a_driver"):
        score(make_input({"not_a_driver": 3.0}))


def test_share_above_100_percent_raises_naming_input() -> None:
    with pytest.raises(InvalidInputError, match="approval_expedite_share"):
        score(make_input({"approval_expedite_share": 1.5}))


def test_fractional_scale_raises() -> None:
    with pytest.raises(InvalidInputError, match="whole numbers"):
        score(make_input({"ownership_clarity": 3.5}))


def test_missing_benchmark_for_unanswered_input_raises() -> None:
    benchmarks = make_benchmarks()
    del benchmarks["breach_cost"]
    inp = make_input().model_copy(update={"benchmarks": benchmarks})
    with pytest.raises(MissingBenchmarkError, match="breach_cost"):
        score(inp)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("revenue", -1.0),
        ("revenue", float("nan")),
        ("revenue", 1e306),  # finite, but the figures would overflow to inf
        ("revenue", 1e-300),
        ("loaded_labor_cost_per_hour", 1e308),
        ("operating_margin", 1.0),
        ("operating_margin", 1e-300),
        ("headcount", 0),
    ],
)
def test_invalid_profile_rejected(field: str, value: float) -> None:
    with pytest.raises(ValidationError, match=field):
        make_input(**{field: value})


@pytest.mark.parametrize(
    "value",
    [
        1e308,
        {"low": 1.0, "likely": 2.0, "high": 1e300},
        {"low": 0.0, "likely": 1e-300, "high": 1e10},
    ],
)
def test_answer_too_large_or_too_wide_is_rejected_naming_it(value: Any) -> None:
    with pytest.raises(ValidationError, match=r"inputs\.breach_cost"):
        make_input({"breach_cost": value})


def test_benchmark_too_large_is_rejected_naming_it() -> None:
    benchmarks = make_benchmarks()
    benchmarks["breach_cost"] = {**benchmarks["breach_cost"].model_dump(), "high": 1e308}
    with pytest.raises(ValidationError, match=r"benchmarks\.breach_cost"):
        ScoringInput(organization=make_org(), benchmarks=benchmarks)


def test_count_above_its_limit_raises_naming_input() -> None:
    with pytest.raises(InvalidInputError, match=r"exceptions_per_month.*1e\+09"):
        score(make_input({"exceptions_per_month": 1e12}))


def test_every_input_at_its_limit_scores_finite_figures() -> None:
    # The largest organization and every answer at its limit: no formula may overflow float64
    # (warnings are errors in tests, so an overflow inside numpy fails here too).
    limits = {key: _exact(float(spec.high_bound or 0.0)) for key, spec in INPUTS.items()}
    inp = make_input(limits, draws=500, revenue=MAX_MONEY, headcount=MAX_HEADCOUNT)
    result = score(inp)
    figures = [result.total.mean, result.total.p90, result.total.bps_of_revenue]
    figures += [d.mean for d in result.domains] + [d.p90 for d in result.domains]
    assert all(math.isfinite(f) and f > 0 for f in figures)
    assert math.isfinite(result.total.share_of_operating_income or 0.0)


def test_large_but_real_figures_still_score() -> None:
    # A conglomerate's revenue counted in a weak currency, and a $5B disruption.
    inp = make_input(
        {"major_disruption_cost": 5e9, "loaded_labor_cost_per_hour": 4e6},
        revenue=7e17,
        headcount=2_000_000,
        draws=500,
    )
    assert score(inp).total.mean > 0


def test_range_with_low_above_high_rejected() -> None:
    with pytest.raises(ValueError, match="low <= likely <= high"):
        make_input({"decision_wait_days": {"low": 5, "likely": 3, "high": 8}})


def test_negative_operating_margin_has_no_share_of_operating_income() -> None:
    result = score(make_input(operating_margin=-0.05, draws=300))
    assert result.total.share_of_operating_income is None
