"""Slack identity in the store: workspaces, their users as respondents, event dedupe."""

from __future__ import annotations

from tools.slack import workspaces

__all__ = [
    "workspaces",
]
