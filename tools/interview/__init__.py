"""Interviews: the one way to ask, answer, skip, revise, pause and resume, in adaptive order."""

from __future__ import annotations

from tools.interview.handle import (
    AnswerView,
    InterviewHandle,
    InterviewRecord,
    InterviewView,
    MessageView,
    PlannedQuestion,
    Recorded,
    Status,
    find_question,
    get_record,
    get_state,
    go_back,
    instrument_questions,
    last_answered,
    list_questions,
    log_messages,
    open_interview,
    record_answer,
    set_status,
    skip_question,
    start_interview,
)
from tools.interview.plan import Progress, QuestionView

__all__ = [
    "AnswerView",
    "InterviewHandle",
    "InterviewRecord",
    "InterviewView",
    "MessageView",
    "PlannedQuestion",
    "Progress",
    "QuestionView",
    "Recorded",
    "Status",
    "find_question",
    "get_record",
    "get_state",
    "go_back",
    "instrument_questions",
    "last_answered",
    "list_questions",
    "log_messages",
    "open_interview",
    "record_answer",
    "set_status",
    "skip_question",
    "start_interview",
]
