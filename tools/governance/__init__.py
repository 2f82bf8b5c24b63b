"""Execution governance: seams, decision rights, constraints, initiatives and their outputs."""

from __future__ import annotations

from tools.governance.entries import (
    MAX_ENTRIES,
    EntryView,
    add_entry,
    add_entry_in,
    list_entries,
    remove_entry,
    report,
    set_ai_plan,
    validate_entry,
)

__all__ = [
    "EntryView",
    "MAX_ENTRIES",
    "add_entry",
    "add_entry_in",
    "list_entries",
    "remove_entry",
    "report",
    "set_ai_plan",
    "validate_entry",
]
