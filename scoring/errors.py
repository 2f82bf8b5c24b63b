"""Errors of the scoring core.

ScoringError(ValueError)
├── InvalidInputError      an input value is unknown, out of bounds or inconsistent
└── MissingBenchmarkError  an input has neither an answer nor a benchmark assumption
"""


class ScoringError(ValueError):
    """Base of every error the scoring core raises on bad input."""


class InvalidInputError(ScoringError):
    """An input key is unknown or its value is outside what the model accepts."""


class MissingBenchmarkError(ScoringError):
    """Nobody answered an input and no benchmark assumption covers it."""
