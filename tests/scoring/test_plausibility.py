"""The plausibility block: the total against the material-leakage band and the ceiling."""

from __future__ import annotations

import pytest
from factories import make_input

from scoring import score
from scoring.plausibility import BAND_BPS, needs_attention, plausibility, plausibility_text


def test_an_assessment_above_operating_income_is_flagged_with_what_to_check() -> None:
    # Built to exceed: a thin 4% margin under the factory's synthetic benchmarks, which alone
    # price about 8% of revenue.
    result = score(make_input({}, draws=2_000, operating_margin=0.04))
    block = result.plausibility

    assert block is not None
    assert result.total.share_of_operating_income is not None
    assert result.total.share_of_operating_income > 1.0
    assert block.status == "above_ceiling" and needs_attention(block)
    assert block.bps_of_revenue == result.total.bps_of_revenue
    flagged = {d.key for d in block.check}
    assert flagged == {d.key for d in result.domains if d.bps_of_revenue > BAND_BPS[1]}
    first = block.check[0]
    assert first.inputs == result.domains[0].drivers[0].inputs
    text = plausibility_text(block, result.currency)
    assert "more than 50% of operating income" in text
    assert result.domains[0].label in text and "benchmark assumption" in text


@pytest.mark.parametrize(
    ("bps", "share", "status"),
    [
        (20.0, 0.02, "below_band"),
        (100.0, 0.1, "in_band"),
        (400.0, 0.4, "above_band"),
        (400.0, 0.6, "above_ceiling"),
        # A thin-margin company: little of revenue, most of what it earns.
        (40.0, 0.8, "above_ceiling"),
        (100.0, None, "in_band"),
    ],
)
def test_status_follows_the_band_and_the_ceiling(
    bps: float, share: float | None, status: str
) -> None:
    block = plausibility(bps, share, [])
    assert block.status == status
    assert needs_attention(block) == (status in ("above_band", "above_ceiling"))
    assert block.check == []
