"""`score_many` across worker processes: the same results, byte for byte, in the same order.

A batch of thousands of assessments is CPU-bound Python and numpy, one core per process, so a
nightly job on an N-core machine scores N chunks at once. Each assessment's result depends only
on its own input (the seed comes from its hash), so which process scores it changes nothing.

Chunks travel as JSON both ways: a model's JSON round-trips exactly (floats print shortest and
read back bit for bit) and costs about half what pickling the nested models does. Workers are
spawned, never forked: a forked copy of a process with threads (a server's) can deadlock. At
most two chunks per worker are in flight, so memory stays flat however long the batch.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from scoring.model import ScoreResult, ScoringInput

# What a worker runs on a chunk: `scoring.score.score_chunk`, passed in (it pickles by name) so
# that this module and the one that calls it do not import each other.
ScoreChunk = Callable[[Sequence[ScoringInput]], list[ScoreResult]]

_IN_FLIGHT_PER_WORKER = 2


def _score_json(score_chunk: ScoreChunk, chunk: list[str]) -> list[str]:
    """In a worker: one chunk's inputs as JSON in, their results as JSON out."""
    inputs = [ScoringInput.model_validate_json(text) for text in chunk]
    return [result.model_dump_json() for result in score_chunk(inputs)]


def _read(future: Future[list[str]]) -> Iterator[ScoreResult]:
    for text in future.result():
        yield ScoreResult.model_validate_json(text)


def score_in_processes(
    chunks: Iterable[list[ScoringInput]], processes: int, score_chunk: ScoreChunk
) -> Iterator[ScoreResult]:
    """Score each chunk in one of `processes` spawned workers; results in input order."""
    # A worker holds nothing but the scoring core: its imported heap is frozen out of the
    # cyclic collector, so collections walk only what a chunk allocates.
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=gc.freeze,
    )
    pending: deque[Future[list[str]]] = deque()
    try:
        for chunk in chunks:
            pending.append(
                pool.submit(_score_json, score_chunk, [inp.model_dump_json() for inp in chunk])
            )
            if len(pending) >= _IN_FLIGHT_PER_WORKER * processes:
                yield from _read(pending.popleft())
        while pending:
            yield from _read(pending.popleft())
    finally:
        # A consumer that stops early (or an input that fails) leaves queued chunks unscored.
        pool.shutdown(wait=True, cancel_futures=True)
