"""Calibration: on the reference companies of knowledge/benchmarks.yaml, benchmark defaults alone
and the interviewer's example answers (scaled to the company) each land in the documented band:
at least the brief's material-leakage floor, never above half of operating income."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from knowledge import load_benchmarks, load_calibration, load_instrument
from scoring import OrganizationProfile, ScoreResult, ScoringInput, score
from scoring.answer_check import central_values
from scoring.plausibility import BAND_BPS, CEILING_SHARE_OF_OPERATING_INCOME
from tools.analysis.assessment import to_model_value
from tools.interview.examples import scaled_example

CALIBRATION = load_calibration()
COMPANIES = [dict(c) for c in CALIBRATION.reference_companies]


def _profile(company: Mapping[str, Any]) -> OrganizationProfile:
    return OrganizationProfile(**company)


def _score(org: OrganizationProfile, inputs: dict[str, Any]) -> ScoreResult:
    return score(
        ScoringInput(
            organization=org,
            inputs=inputs,
            benchmarks=load_benchmarks(org.industry),
            draws=10_000,
        )
    )


def _example_answers(org: OrganizationProfile) -> dict[str, list[dict[str, Any]]]:
    """One respondent answering every question with the example the interviewer shows them."""
    typical = central_values(
        ScoringInput(organization=org, inputs={}, benchmarks=load_benchmarks(org.industry))
    )
    answers: dict[str, list[dict[str, Any]]] = {}
    for question in load_instrument().questions:
        text = scaled_example(question, typical, org.currency)
        value = to_model_value(question, text, currency=org.currency, where=question.id)
        if value is not None:
            answers.setdefault(question.feeds, []).append(
                {"value": value, "respondent": {"name": "Example"}}
            )
    return answers


def _in_band(result: ScoreResult) -> None:
    share = result.total.share_of_operating_income
    assert share is not None
    assert result.total.bps_of_revenue >= CALIBRATION.floor_bps
    assert share <= CALIBRATION.ceiling_share_of_operating_income
    assert result.plausibility is not None
    assert result.plausibility.status != "above_ceiling"


def test_three_reference_companies_are_recorded_with_sources() -> None:
    assert {c["industry"] for c in COMPANIES} >= {"manufacturing", "logistics"}
    assert {c["revenue"] for c in COMPANIES} >= {100_000_000, 30_000_000, 240_000_000}
    assert CALIBRATION.floor_source and CALIBRATION.ceiling_source
    # The score's plausibility block flags against the same band.
    assert CALIBRATION.floor_bps == BAND_BPS[0]
    assert CALIBRATION.ceiling_share_of_operating_income == CEILING_SHARE_OF_OPERATING_INCOME


@pytest.mark.parametrize("company", COMPANIES, ids=[c["name"] for c in COMPANIES])
def test_benchmark_defaults_alone_land_in_the_band(company: dict[str, Any]) -> None:
    _in_band(_score(_profile(company), {}))


@pytest.mark.parametrize("company", COMPANIES, ids=[c["name"] for c in COMPANIES])
def test_the_interviewers_example_answers_land_in_the_band(company: dict[str, Any]) -> None:
    _in_band(_score(_profile(company), _example_answers(_profile(company))))


def test_a_small_company_is_shown_smaller_examples_than_a_large_one() -> None:
    question = next(q for q in load_instrument().questions if q.id == "lb_delay_cost_ops")
    small, large = (_profile(c) for c in sorted(COMPANIES, key=lambda c: c["revenue"])[::2])

    def example(org: OrganizationProfile) -> float:
        typical = central_values(
            ScoringInput(organization=org, inputs={}, benchmarks=load_benchmarks(org.industry))
        )
        text = scaled_example(question, typical, org.currency)
        parsed = to_model_value(question, text, currency=org.currency, where="example")
        assert isinstance(parsed, float)
        return parsed

    assert example(small) < example(large)


@pytest.mark.parametrize("company", COMPANIES, ids=[c["name"] for c in COMPANIES])
def test_every_scaled_example_parses_as_an_answer_to_its_question(company: dict[str, Any]) -> None:
    org = _profile(company)
    typical = central_values(
        ScoringInput(organization=org, inputs={}, benchmarks=load_benchmarks(org.industry))
    )
    for question in load_instrument().questions:
        text = scaled_example(question, typical, org.currency)
        assert to_model_value(question, text, currency=org.currency, where=question.id) is not None
