"""The methodology text states what the running model does, from its own constants."""

from __future__ import annotations

import pytest

from scoring import resolve, simulate
from scoring.method import methodology
from scoring.plausibility import BAND_BPS


def test_methodology_names_the_distribution_that_runs_and_never_pert() -> None:
    text = " ".join(methodology(10_000))
    assert "split lognormal" in text and "PERT" not in text
    assert "10,000 draws" in text
    assert simulate.MIXTURE_RULE in text
    assert "expected yearly loss, not of one year's loss" in text


def test_methodology_quotes_the_constants_in_force() -> None:
    text = " ".join(methodology(2_000))
    low, high = resolve.ANSWER_POINT_SPREAD
    assert f"×{low:.2g}–×{high:.3g}" in text
    assert f"{BAND_BPS[0]:.0f}–{BAND_BPS[1]:.0f} bps" in text


def test_methodology_changes_when_a_constant_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scoring.method.ANSWER_POINT_SPREAD", (0.5, 2.0))
    monkeypatch.setattr("scoring.method.BAND_BPS", (40.0, 120.0))
    text = " ".join(methodology(2_000))
    assert "×0.5–×2" in text and "40–120 bps" in text and "2,000 draws" in text
