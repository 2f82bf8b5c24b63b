"""Replies that keep last round's answer, and replies that give a new one."""

from __future__ import annotations

import pytest

from tools.interview.plan import keeps_last_round


@pytest.mark.parametrize(
    "text", ["same", "Same.", "still true", "yes", "Yes, same", "unchanged", "no change", "keep it"]
)
def test_keep_phrases_keep_last_rounds_answer(text: str) -> None:
    assert keeps_last_round(text)


@pytest.mark.parametrize("text", ["", "3 days", "same as ops, about 4", "no", "not the same"])
def test_other_replies_are_answers(text: str) -> None:
    assert not keeps_last_round(text)
