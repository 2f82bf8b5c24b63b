"""Adaptive interviewing: ask next what would most settle the ranking of the top domains.

The organization's current state (every respondent's answers, benchmarks elsewhere) goes
through `scoring.voi`; among the open questions of *this* respondent's plan (role filtering is
the plan's job), the one feeding the input with the highest value of information comes next,
ties (zeros included) in plan order, which is by priority. Once each of the top three holds its
rank in at least 90% of draws the ranking is settled and no further question is offered,
unless the interview is for the full instrument (the facilitator asked for every question).

One VOI estimate per organization answer-state: cached by the hash of the scoring input, so a
turn that changes nothing (a skip, a pause) costs a store read and a hash, and the estimate
itself runs at most once per turn.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Literal

from sqlalchemy.orm import Session

from knowledge import Question
from scoring import ScoringError, input_sha256
from scoring.voi import VOI_DRAWS, RankingUncertainty, value_of_information
from tools import analysis

logger = logging.getLogger("oiar.adaptive")

# "adaptive" (value of information, with the stop rule) or "priority" (the plan's fixed order,
# no early stop). Process-wide; suites written against the fixed order pin "priority".
ORDER: Literal["adaptive", "priority"] = "adaptive"

_CACHE_SIZE = 256
_cache: OrderedDict[str, RankingUncertainty] = OrderedDict()
_lock = threading.Lock()


def ranking_uncertainty(session: Session, org_id: str) -> RankingUncertainty | None:
    """The organization's ranking uncertainty now; None when it cannot be scored (the plan's
    order then stands: an interview never stops for an estimate's sake)."""
    try:
        inp = analysis.scoring_input(session, org_id, draws=VOI_DRAWS)
        digest = input_sha256(inp)
        with _lock:
            if digest in _cache:
                _cache.move_to_end(digest)
                return _cache[digest]
        found = value_of_information(inp, digest=digest)
    except ScoringError as exc:
        logger.warning("adaptive order unavailable for %s: %s", org_id, exc)
        return None
    with _lock:
        _cache[digest] = found
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def next_question(
    open_questions: Sequence[Question],
    uncertainty: RankingUncertainty | None,
    *,
    full_instrument: bool,
) -> Question | None:
    """The open question worth most for the ranking; None when none is open, or when the
    ranking is settled and the interview is not for the full instrument."""
    if not open_questions:
        return None
    if ORDER == "priority" or uncertainty is None:
        return open_questions[0]
    if uncertainty.settled and not full_instrument:
        return None
    feeds = [q.feeds for q in open_questions]
    best = uncertainty.best(feeds)
    return open_questions[feeds.index(best)] if best is not None else open_questions[0]
