"""The economics ledger: each driver one line and one kind of money, pools as ceilings, no
quantity counted twice, and cash + contribution + recovered capacity = the total."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from factories import make_input

from scoring import INPUTS, score
from scoring.catalog import POOLS, pool_input_key
from scoring.drivers import DRIVERS, LEDGER, PRICE_INPUTS

DOCS = Path(__file__).parents[2] / "docs" / "ledger.md"


def _exact(value: float) -> dict[str, float]:
    return {"low": value, "likely": value, "high": value}


def _driver(result: Any, key: str) -> Any:
    return next(dr for d in result.domains for dr in d.drivers if dr.key == key)


def test_no_quantity_input_feeds_two_drivers_totals() -> None:
    for key in INPUTS:
        readers = [d.key for d in DRIVERS if key in d.inputs]
        if key in PRICE_INPUTS:
            continue
        if key.startswith("pool_"):
            pool = key.removeprefix("pool_")
            assert {d.line for d in DRIVERS if key in d.inputs} == {pool}, key
            continue
        assert len(readers) <= 1, f"{key} feeds {readers}"


def test_every_driver_is_one_ledger_line_and_the_docs_table_says_so() -> None:
    rows = re.findall(r"^\| [^|]+ \| `(\w+)` [^|]+\| [^|]+\| (\w+) \|", DOCS.read_text(), re.M)
    assert dict(rows) == {key: money for key, (_, money, _) in LEDGER.items()}
    assert len(rows) == len(DRIVERS)


def test_cash_contribution_and_recovered_capacity_add_up_to_the_total() -> None:
    result = score(make_input({"handoff_failures_per_month": 30.0}, draws=2_000))
    ledger = result.ledger
    assert ledger is not None
    assert round(ledger.cash + ledger.contribution + ledger.capacity, 2) == result.total.mean
    assert round(sum(line.mean for line in ledger.lines), 2) == result.total.mean
    assert ledger.capacity_hours_value > ledger.capacity  # hours at full cost are not counted
    assert ledger.contribution_margin_source == "assumption"


def test_a_pool_caps_the_per_event_answers_on_its_line() -> None:
    # Handoff failures priced alone at 12 x 100 x $50k = $60M a year; finance says all of
    # expedite and premium freight is $1M. The line can claim at most the $1M.
    inp = make_input(
        {
            "pool_expedite": _exact(1_000_000.0),
            "handoff_failures_per_month": _exact(100.0),
            "handoff_failure_cost": _exact(50_000.0),
        },
        draws=2_000,
    )
    result = score(inp)
    on_line = [d for d in DRIVERS if d.line == "expedite"]
    claimed = sum(_driver(result, d.key).mean for d in on_line)
    assert claimed == pytest.approx(1_000_000.0, abs=1.0)
    expedite = next(p for p in result.pool_claims if p.pool == "expedite")
    assert "handoff_failure" in expedite.claimants and expedite.scale < 0.05


def test_overtime_covering_a_vacancy_is_not_counted_again_as_lost_output() -> None:
    def vacancy(overtime_share: float) -> tuple[float, float]:
        inp = make_input(
            {
                "pool_overtime": _exact(1_000_000.0),
                "vacancy_overtime_share": _exact(overtime_share),
                "critical_vacancies_per_year": _exact(10.0),
                "time_to_fill_days": _exact(50.0),
                "vacancy_cost_per_day": _exact(1_000.0),
                "contribution_margin": _exact(0.4),
            },
            draws=1_000,
        )
        result = score(inp)
        return _driver(result, "vacancy_drag").mean, _driver(result, "vacancy_overtime").mean

    # Lost sales 10 x 50 days x $1,000 = $500k, at a 40% margin $200k of operating income.
    drag, overtime = vacancy(0.0)
    assert (drag, overtime) == (200_000.0, 0.0)
    # $150k of overtime covered part of it: the open seats cost $200k in all, not $350k.
    drag, overtime = vacancy(0.15)
    assert overtime == 150_000.0
    assert drag + overtime == pytest.approx(200_000.0, abs=0.01)


def test_lost_hours_count_at_the_recovery_share_not_as_cash() -> None:
    inp = make_input(
        {
            "ownership_issues_per_month": _exact(10.0),
            "hours_per_ownership_issue": _exact(12.0),
            "loaded_labor_cost_per_hour": _exact(50.0),
            "capacity_recovery_share": _exact(0.4),
        },
        draws=1_000,
    )
    driver = _driver(score(inp), "unclear_ownership")
    assert driver.money == "capacity"
    assert driver.mean == pytest.approx(12 * 10 * 12 * 50 * 0.4)


def test_every_pool_line_is_capped_by_its_pool() -> None:
    result = score(make_input(draws=2_000))
    for pool in POOLS:
        line = sum(_driver(result, d.key).mean for d in DRIVERS if d.line == pool)
        amount = next(p.amount for p in result.pool_claims if p.pool == pool)
        # Means of capped draws never exceed the mean pool (within rounding).
        assert line <= amount + 1.0, pool_input_key(pool)
