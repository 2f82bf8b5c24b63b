"""Parsing interview answers typed in plain words into numbers in the question's unit.

>>> parse_answer("about $40k a month", qtype="money", unit="per_year").display
'$480,000 a year'
>>> parse_answer("3-5 days", qtype="duration", unit="days").likely
4.0
>>> parse_answer("no idea", qtype="count", unit="per_month") is None
True
"""

from tools.parsing.display import format_value
from tools.parsing.dont_know import is_dont_know
from tools.parsing.errors import ParseError
from tools.parsing.parse import parse_answer
from tools.parsing.parsed import Choice, ParsedAnswer, QuestionType

__all__ = [
    "Choice",
    "ParseError",
    "ParsedAnswer",
    "QuestionType",
    "format_value",
    "is_dont_know",
    "parse_answer",
]
