"""What a driver decides for one turn: the actions for tools to apply, and how to word the reply
from their outcomes once applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tools.interview import Action, TurnOutcome


@dataclass(frozen=True, slots=True)
class Decision:
    """Actions to apply in the turn's one transaction, and the reply from their outcomes."""

    compose: Callable[[TurnOutcome], str]
    actions: list[Action] = field(default_factory=list)


def saying(reply: str) -> Decision:
    """A turn that changes nothing and says `reply`."""
    return Decision(lambda _: reply)
