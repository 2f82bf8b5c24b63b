"""The organization's answers through the scoring core: results, assessment files, what-ifs."""

from __future__ import annotations

from tools.analysis.report_answers import (
    AnswerStatement,
    DepartmentAnswers,
    ReportAnswers,
    report_answers,
)
from tools.analysis.results import (
    TOSS_UP,
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
    "TOSS_UP",
    "AnswerRow",
    "AnswerStatement",
    "DepartmentAnswers",
    "DragSummary",
    "ReportAnswers",
    "biggest_drag",
    "explain_domain",
    "list_answers",
    "quotes_for",
    "report_answers",
    "results_as_shown",
    "results_for_chat",
    "score_organization",
    "scoring_input",
]
