"""What-if: same draws for baseline and scenario, so deltas are exact and deterministic."""

from __future__ import annotations

import pytest
from factories import make_input

from scoring import InvalidInputError, score
from scoring.what_if import affected_domains, what_if


def test_what_if_no_overrides_zero_delta_exactly() -> None:
    inp = make_input({"decision_wait_days": 4.0}, draws=1_000)

    result = what_if(inp, {})

    assert result.total_delta == 0.0
    assert all(d.delta == 0.0 for d in result.domains)
    assert all(d.rank == d.baseline_rank for d in result.domains)
    # The scenario is the baseline, byte for byte, and equals a plain score of the input.
    assert result.scenario.model_dump_json() == score(inp).model_dump_json()


def test_what_if_same_value_as_answered_zero_delta() -> None:
    inp = make_input({"decision_wait_days": 4.0}, draws=1_000)

    result = what_if(inp, {"decision_wait_days": 4.0})

    assert [d.delta for d in result.domains] == [0.0] * 9


def test_what_if_same_call_twice_byte_identical() -> None:
    inp = make_input({"decision_wait_days": 4.0}, draws=1_000)
    overrides = {
        "decision_wait_days": 1.0,
        "handoff_failures_per_month": {"low": 1, "likely": 2, "high": 4},
    }

    assert what_if(inp, overrides).model_dump_json() == what_if(inp, overrides).model_dump_json()


def test_what_if_one_input_moves_only_the_domains_it_feeds() -> None:
    inp = make_input(draws=1_000)

    result = what_if(inp, {"decision_wait_days": 1.0})

    # Cadence misfit (Organizational Alignment) is priced net of decision latency: the same
    # decisions waiting, so a shorter wait moves it too, and nothing else.
    assert result.affected_domains == ["leadership_bandwidth", "organizational_alignment"]
    moved = {d.key for d in result.domains if d.delta != 0.0}
    assert moved <= set(result.affected_domains)
    assert "leadership_bandwidth" in moved
    lb = next(d for d in result.domains if d.key == "leadership_bandwidth")
    assert lb.delta < 0
    assert result.total_delta == pytest.approx(sum(d.delta for d in result.domains), abs=0.011)


def test_what_if_pool_share_moves_co_claimants_of_the_pool_only() -> None:
    inp = make_input(draws=1_000)

    result = what_if(inp, {"approval_expedite_share": 0.9})

    moved = {d.key for d in result.domains if d.delta != 0.0}
    assert moved <= set(result.affected_domains)
    assert "leadership_bandwidth" in moved
    assert set(result.affected_domains) == set(affected_domains({"approval_expedite_share"}))


def test_what_if_delta_independent_of_unrelated_answers_noise() -> None:
    # The delta is a function of the change on fixed draws: scoring the scenario directly on the
    # baseline's seed reproduces it exactly.
    inp = make_input({"hires_per_year": 40.0}, draws=1_000)
    result = what_if(inp, {"time_to_fill_days": 10.0})
    again = what_if(inp, {"time_to_fill_days": 10.0}, seed=None)
    assert result.domains == again.domains


def test_what_if_unknown_key_names_nearest() -> None:
    with pytest.raises(
        InvalidInputError, match=r"overrides.decision_wait_day: unknown input .*decision_wait_days"
    ):
        what_if(make_input(draws=500), {"decision_wait_day": 1.0})


@pytest.mark.parametrize(
    ("overrides", "pattern"),
    [
        ({"decision_wait_days": 400.0}, r"decision_wait_days.*outside"),
        ({"approval_expedite_share": 1.5}, r"approval_expedite_share.*outside"),
        ({"decision_wait_days": -1.0}, r"decision_wait_days"),
        ({"decision_wait_days": {"low": 5, "likely": 2, "high": 9}}, r"decision_wait_days.*low"),
        ({"ownership_clarity": 2.5}, r"ownership_clarity.*whole"),
        ({"decision_wait_days": float("nan")}, r"decision_wait_days"),
    ],
)
def test_what_if_bad_value_rejected_naming_input(
    overrides: dict[str, object], pattern: str
) -> None:
    with pytest.raises(InvalidInputError, match=pattern):
        what_if(make_input(draws=500), overrides)


def test_what_if_cached_baseline_gives_the_same_result() -> None:
    inp = make_input({"decision_wait_days": 4.0}, draws=1_000)
    overrides = {"decision_wait_days": 2.0}

    cached = what_if(inp, overrides, baseline=score(inp))

    assert cached.model_dump_json() == what_if(inp, overrides).model_dump_json()
