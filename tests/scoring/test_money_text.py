"""Money in prose: compact, and a value that rounds up to the next unit is said in that unit."""

from __future__ import annotations

import pytest

from scoring.explain import money


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "$0"),
        (950, "$950"),
        (999.6, "$1k"),
        (8_200, "$8.2k"),
        (99_960, "$100k"),
        (999_400, "$999k"),
        (999_700, "$1M"),
        (1_900_000, "$1.9M"),
        (999_960_000, "$1B"),
        (-999_700, "-$1M"),
    ],
)
def test_money_reads_as_a_person_would_say_it(value: float, text: str) -> None:
    assert money(value, "USD") == text


def test_money_uses_the_currency_symbol_or_code() -> None:
    assert money(1_250_000, "EUR") == "€1.2M"
    assert money(4_000, "CHF") == "CHF 4k"
