"""Errors of the tools layer: what every front end turns into a re-ask, a 4xx or a tool error.

ToolError(ValueError)
├── NotFoundError      the thing does not exist, or is not visible to this caller (404)
├── ForbiddenError     visible, but this role may not do that (403)
├── ConflictError      it clashes with what is stored (409)
└── AnswerRejected     an answer could not be read; carries an example that works (422)

The store's own "cannot answer now" errors (database down, locked, pool exhausted) are not
ToolErrors: front ends catch `tools.STORE_UNAVAILABLE` (defined beside the store) for a 503.
"""

from __future__ import annotations


class ToolError(ValueError):
    """Base of every error a tool reports to its caller."""


class NotFoundError(ToolError):
    pass


class ForbiddenError(ToolError):
    pass


class ConflictError(ToolError):
    pass


class AnswerRejected(ToolError):
    def __init__(self, message: str, *, example: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.example = example
