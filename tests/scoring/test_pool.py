"""score_many in worker processes: the batch job's results are the in-process ones."""

from __future__ import annotations

import itertools
import time

import pytest
from factories import make_input

from scoring import InvalidInputError, score, score_many


def test_worker_processes_give_each_input_its_own_result_byte_for_byte_in_order() -> None:
    inputs = [make_input({"decision_wait_days": float(d)}, draws=300) for d in range(1, 12)]
    inputs.insert(4, make_input({"exceptions_per_month": [{"value": 3}, {"value": 30}]}, draws=500))
    inputs.append(make_input(draws=200))
    batch = list(score_many(inputs, chunk_size=2, processes=2))
    assert [r.model_dump_json() for r in batch] == [score(i).model_dump_json() for i in inputs]


def test_a_bad_input_in_a_worker_raises_its_error_and_stopping_early_returns() -> None:
    bad = [make_input(draws=200), make_input({"approval_expedite_share": 1.5}, draws=200)]
    with pytest.raises(InvalidInputError, match="approval_expedite_share"):
        list(score_many(bad, chunk_size=1, processes=2))
    # A consumer that takes three of a long batch is not held until the rest is scored.
    many = (make_input({"decision_wait_days": float(d)}, draws=200) for d in range(1, 10_000))
    begin = time.monotonic()
    results = score_many(many, chunk_size=1, processes=2)
    first = list(itertools.islice(results, 3))
    results.close()
    assert [r.draws for r in first] == [200, 200, 200]
    assert time.monotonic() - begin < 60
