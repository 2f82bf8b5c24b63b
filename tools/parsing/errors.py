"""The one error the answer parser raises.

Hierarchy::

    ValueError
    └── ParseError    an answer we can't read: a message for the person + an example that works

Bad *configuration* (an unknown unit, a choice question without choices) is a programming
error and raises a plain ``ValueError``; it never reaches the person answering.
"""

from __future__ import annotations


class ParseError(ValueError):
    """An answer we can't read, with a message for the person and an example that works.

    ``str(err)`` is the message alone; callers decide how to show the example
    ("For example: …"), so the chat, the CLI and an LLM tool can each phrase it their way.

    Attributes:
        message: What is wrong, in words for the person who typed the answer.
        example: An answer that would work, or None.
    """

    def __init__(self, message: str, *, example: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.example = example
