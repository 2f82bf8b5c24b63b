"""Value of information: deterministic, zero where nothing is left to learn, and sensible."""

from __future__ import annotations

from factories import make_input

from scoring import INPUTS
from scoring.voi import value_of_information


def test_voi_deterministic_and_non_negative() -> None:
    inp = make_input({"decision_wait_days": 4.0})

    a, b = value_of_information(inp), value_of_information(inp)

    assert a == b
    assert all(v >= 0.0 for v in a.values.values())
    assert set(a.values) == set(INPUTS)
    assert 0.0 <= min(a.hold.values()) <= max(a.hold.values()) <= 1.0


def test_voi_exact_answers_worth_nothing() -> None:
    inp = make_input({"ownership_clarity": 2.0, "dual_sourced": 1.0})

    values = value_of_information(inp).values

    assert values["ownership_clarity"] == 0.0
    assert values["dual_sourced"] == 0.0


def test_voi_settled_when_everything_is_certain() -> None:
    exact = {key: {"low": 1.0, "likely": 1.0, "high": 1.0} for key in INPUTS}
    exact["ownership_clarity"] = {"low": 2.0, "likely": 2.0, "high": 2.0}

    found = value_of_information(make_input(exact))

    assert found.settled
    assert max(found.values.values()) == 0.0


def test_voi_wide_input_on_a_close_race_is_worth_most() -> None:
    # Leadership bandwidth and one rival close at the top, the race decided by the decision wait.
    inp = make_input(
        {"decision_wait_days": {"low": 0.5, "likely": 5.0, "high": 60.0}},
        revenue=100_000_000.0,
    )

    found = value_of_information(inp)

    assert not found.settled
    assert found.best(sorted(INPUTS)) is not None
    ranked = sorted(found.values, key=lambda k: -found.values[k])
    assert "decision_wait_days" in ranked[:5]
