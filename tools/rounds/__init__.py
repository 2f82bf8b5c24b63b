"""Assessment rounds, their frozen scores, the trend between them and the 90-day sprint plan."""

from __future__ import annotations

from tools.rounds.manage import (
    ITEM_STATUSES,
    RoundDetail,
    RoundView,
    SprintItemView,
    close_round,
    get_round,
    list_rounds,
    open_round,
    update_item,
)
from tools.rounds.trend import Trend, trend

__all__ = [
    "ITEM_STATUSES",
    "RoundDetail",
    "RoundView",
    "SprintItemView",
    "Trend",
    "close_round",
    "get_round",
    "list_rounds",
    "open_round",
    "trend",
    "update_item",
]
