"""Benchmark assumptions: complete, ordered, honestly sourced, and sane for a $100M manufacturer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from knowledge import KnowledgeError, known_industries, load_benchmarks
from scoring.catalog import INPUTS, pool_input_key
from scoring.drivers import ANSWERED_INPUTS, DRIVERS, HEADCOUNT, answered
from scoring.model import Benchmark, OrganizationProfile

YEAR = re.compile(r"\b(19|20)\d{2}\b")
SHARE_KINDS = ("share", "scale", "flag", "choice")
BENCHMARKS_FILE = Path(__file__).parents[2] / "knowledge" / "benchmarks.yaml"


def test_known_industries_lists_generic_first() -> None:
    industries = known_industries()
    assert industries[0] == "generic"
    assert {"manufacturing", "logistics", "energy"} <= set(industries)


@pytest.mark.parametrize("industry", ["generic", "manufacturing", "logistics", "energy"])
def test_load_benchmarks_industry_covers_every_input(industry: str) -> None:
    assert set(load_benchmarks(industry)) == set(INPUTS)


@pytest.mark.parametrize("industry", ["generic", "manufacturing", "logistics", "energy"])
def test_load_benchmarks_ranges_ordered(industry: str) -> None:
    for key, bench in load_benchmarks(industry).items():
        assert bench.low <= bench.likely <= bench.high, key


@pytest.mark.parametrize("industry", ["generic", "manufacturing", "logistics", "energy"])
def test_load_benchmarks_sources_are_assumption_or_dated(industry: str) -> None:
    for key, bench in load_benchmarks(industry).items():
        assert bench.source == "assumption" or YEAR.search(bench.source), key
        assert bench.rationale.strip() and "\n" not in bench.rationale, key


def test_every_benchmark_states_its_inputs_unit() -> None:
    raw = yaml.safe_load(BENCHMARKS_FILE.read_text(encoding="utf-8"))
    wrong = {
        f"{industry}.{key}": (entry.get("unit"), INPUTS[key].unit)
        for industry, table in raw.items()
        if industry != "calibration"
        for key, entry in table.items()
        if entry.get("unit") != INPUTS[key].unit
    }
    assert wrong == {}


def test_load_benchmarks_unitless_inputs_are_absolute() -> None:
    for industry in known_industries():
        for key, bench in load_benchmarks(industry).items():
            if INPUTS[key].kind in SHARE_KINDS:
                assert bench.basis == "absolute", (industry, key)


def test_load_benchmarks_size_scaled_money_uses_revenue_basis() -> None:
    scaled = [
        *(pool_input_key(p) for p in ("expedite", "scrap_rework", "overtime", "penalties")),
        "pool_downtime",
        "delay_cost_per_day",
        "vacancy_cost_per_day",
        "key_person_loss_cost",
        "major_disruption_cost",
        "stalled_initiative_cost",
        "automation_spend_per_year",
        "handoff_failure_cost",
    ]
    generic = load_benchmarks("generic")
    for key in scaled:
        assert generic[key].basis in ("revenue", "revenue_per_employee"), key


def test_load_benchmarks_unknown_industry_falls_back_to_generic() -> None:
    assert load_benchmarks("aerospace") == load_benchmarks("generic")


def test_load_benchmarks_industry_name_is_case_insensitive() -> None:
    assert load_benchmarks(" Manufacturing ") == load_benchmarks("manufacturing")


def test_load_benchmarks_returns_a_fresh_dict() -> None:
    first = load_benchmarks("generic")
    first.clear()
    assert load_benchmarks("generic")


@pytest.mark.parametrize(
    ("industry", "key"),
    [
        ("energy", "pool_downtime"),
        ("manufacturing", "pool_downtime"),
        ("manufacturing", "pool_scrap_rework"),
        ("manufacturing", "pool_overtime"),
        ("logistics", "pool_penalties"),
        ("logistics", "hires_per_year"),
    ],
)
def test_load_benchmarks_industry_override_raises_the_generic_figure(
    industry: str, key: str
) -> None:
    assert load_benchmarks(industry)[key].likely > load_benchmarks("generic")[key].likely


def _likely_values(bench: dict[str, Benchmark], org: OrganizationProfile) -> dict[str, Any]:
    factor = {
        "absolute": 1.0,
        "revenue": org.revenue,
        "revenue_per_employee": org.revenue / org.headcount,
        "headcount": float(org.headcount),
    }
    values = {k: np.array([b.likely * factor[b.basis]]) for k, b in bench.items()}
    values[HEADCOUNT] = np.array([float(org.headcount)])
    values.update({answered(key): np.array([0.0]) for key in ANSWERED_INPUTS})  # all assumed
    return values


def _driver_losses(industry: str) -> dict[str, float]:
    org = OrganizationProfile(
        name="Sanity", revenue=100e6, operating_margin=0.12, headcount=400, industry=industry
    )
    values = _likely_values(load_benchmarks(industry), org)
    losses = {}
    for driver in DRIVERS:
        loss = float(driver.compute(values)[0])
        if driver.pool is not None:
            loss *= float(values[pool_input_key(driver.pool)][0])
        losses[driver.key] = loss / org.revenue
    return losses


@pytest.mark.parametrize("industry", ["generic", "manufacturing", "logistics", "energy"])
def test_benchmarks_all_assumption_total_is_2_to_8_percent_of_revenue(industry: str) -> None:
    losses = _driver_losses(industry)
    assert 0.02 <= sum(losses.values()) <= 0.08
    assert max(losses.values()) <= 0.02


# ---------------------------------------------------------------- bad files


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "benchmarks.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _generic() -> dict[str, Any]:
    return {
        key: {**b.model_dump(), "unit": INPUTS[key].unit}
        for key, b in load_benchmarks("generic").items()
    }


def test_load_benchmarks_own_file_merges_overrides(tmp_path: Path) -> None:
    generic = _generic()
    mining = {"pool_downtime": {**generic["pool_downtime"], "likely": 0.02, "high": 0.05}}
    path = _write(tmp_path, {"generic": generic, "mining": mining})
    assert known_industries(path) == ("generic", "mining")
    merged = load_benchmarks("mining", path)
    assert merged["pool_downtime"].likely == 0.02
    assert merged["pool_expedite"] == load_benchmarks("generic")["pool_expedite"]


def test_load_benchmarks_empty_industry_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, {"generic": _generic(), "mining": {}})
    with pytest.raises(KnowledgeError, match="industry 'mining': expected a mapping"):
        load_benchmarks("mining", path)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"low": 50}, "expected low <= likely <= high"),
        ({"source": "Some blog"}, "must be exactly 'assumption' or a citation with a year"),
        ({"basis": "per_moon"}, "basis"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_load_benchmarks_bad_entry_names_file_and_key(
    tmp_path: Path, change: dict[str, Any], problem: str
) -> None:
    generic = _generic()
    generic["time_to_fill_days"] = {**generic["time_to_fill_days"], **change}
    path = _write(tmp_path, {"generic": generic})
    with pytest.raises(KnowledgeError) as info:
        load_benchmarks("generic", path)
    message = str(info.value)
    assert str(path) in message
    assert "generic.time_to_fill_days" in message
    assert problem in message


@pytest.mark.parametrize(
    ("key", "change", "problem"),
    [
        ("ramp_weeks", {"unit": "months"}, "unit 'months' is not the input's unit 'weeks'"),
        ("automation_unused_share", {"unit": "fraction_of_projects"}, "not the input's unit"),
        ("breach_cost", {"unit": None}, "no unit: state the input's unit, unit: each"),
        ("exceptions_per_month", {"basis": "revenue"}, "basis 'revenue' does not fit a count"),
        ("handoff_failure_cost", {"basis": "headcount"}, "money input in 'each'"),
        ("loaded_labor_cost_per_hour", {"basis": "revenue_per_employee"}, "'per_hour'"),
    ],
)
def test_load_benchmarks_unit_or_basis_other_than_the_inputs_raises(
    tmp_path: Path, key: str, change: dict[str, Any], problem: str
) -> None:
    generic = _generic()
    generic[key] = {**generic[key], **change}
    if generic[key]["unit"] is None:
        del generic[key]["unit"]
    path = _write(tmp_path, {"generic": generic})
    with pytest.raises(KnowledgeError) as info:
        load_benchmarks("generic", path)
    assert f"generic.{key}: " in str(info.value)
    assert problem in str(info.value)


def test_load_benchmarks_share_above_one_raises(tmp_path: Path) -> None:
    generic = _generic()
    generic["approval_expedite_share"] = {**generic["approval_expedite_share"], "high": 1.5}
    path = _write(tmp_path, {"generic": generic})
    with pytest.raises(KnowledgeError, match="approval_expedite_share: range .* outside"):
        load_benchmarks("generic", path)


def test_load_benchmarks_scaled_share_raises(tmp_path: Path) -> None:
    generic = _generic()
    generic["ramp_productivity"] = {**generic["ramp_productivity"], "basis": "revenue"}
    path = _write(tmp_path, {"generic": generic})
    with pytest.raises(KnowledgeError, match="ramp_productivity: a share input takes basis"):
        load_benchmarks("generic", path)


def test_load_benchmarks_unknown_key_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, {"generic": _generic(), "energy": {"pool_sunshine": {}}})
    with pytest.raises(KnowledgeError, match=r"energy\.pool_sunshine: unknown input key"):
        load_benchmarks("energy", path)


def test_load_benchmarks_generic_missing_input_raises(tmp_path: Path) -> None:
    generic = _generic()
    del generic["breach_cost"]
    path = _write(tmp_path, {"generic": generic})
    with pytest.raises(KnowledgeError, match="no benchmark for input.*breach_cost"):
        load_benchmarks("generic", path)


def test_load_benchmarks_without_generic_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, {"energy": _generic()})
    with pytest.raises(KnowledgeError, match="with 'generic'"):
        load_benchmarks("energy", path)


def test_load_benchmarks_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such file"):
        load_benchmarks("generic", tmp_path / "nope.yaml")
