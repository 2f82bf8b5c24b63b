"""Answer rows as CSV: one header row, one row per answer event, spreadsheet-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tools.analysis import AnswerRow
from tools.timestamps import utc_iso

COLUMNS = (
    "event_id",
    "created_at",
    "respondent_id",
    "respondent",
    "department",
    "question_id",
    "domain",
    "kind",
    "raw_text",
    "display",
    "low",
    "likely",
    "high",
    "point",
    "channel",
)
# Cells a spreadsheet would run as a formula; people's words are data, never formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str | None) -> str:
    if not text:
        return ""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def answers_csv(rows: Sequence[AnswerRow]) -> str:
    """CSV text of answer events, oldest first, with the parsed value in low/likely/high."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        value = row.value or {}
        writer.writerow(
            [
                row.event_id,
                utc_iso(row.created_at),
                row.respondent_id,
                _safe(row.respondent),
                _safe(row.department),
                row.question_id,
                row.domain,
                row.kind,
                _safe(row.raw_text),
                _safe(row.display),
                value.get("low", ""),
                value.get("likely", ""),
                value.get("high", ""),
                value.get("point", ""),
                row.channel,
            ]
        )
    return out.getvalue()
