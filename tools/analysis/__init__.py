"""The organization's answers through the scoring core: results, assessment files, what-ifs."""

from __future__ import annotations

from tools.analysis.results import (
    AnswerRow,
    DragSummary,
    biggest_drag,
    explain_domain,
    list_answers,
    quotes_for,
    results_as_shown,
    results_for_chat,
    score_organization,
    scoring_input,
)

__all__ = [
    "AnswerRow",
    "DragSummary",
    "biggest_drag",
    "explain_domain",
    "list_answers",
    "quotes_for",
    "results_as_shown",
    "results_for_chat",
    "score_organization",
    "scoring_input",
]
