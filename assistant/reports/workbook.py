"""The report's sheets as an XLSX workbook (openpyxl): numbers stored as numbers, currency and
percent formats, a frozen bold header row with filters, and columns sized to their contents."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assistant.reports.document import Report
from assistant.reports.tables import Kind, Sheet, report_sheets
from scoring.explain import CURRENCY_SYMBOLS

MAX_WIDTH = 60
HEADER_FILL = PatternFill("solid", fgColor="F5F7FA")


def _formats(currency: str) -> dict[Kind, str]:
    symbol = CURRENCY_SYMBOLS.get(currency)
    money = f'"{symbol}"#,##0' if symbol else f'#,##0 "{currency}"'
    return {
        "text": "General",
        "count": "0",
        "money": money,
        "share": "0.0%",
        "number": "#,##0.##",
        "bps": "0",
        "ratio": '0.00"×"',
    }


def _shown_width(value: object, kind: Kind) -> int:
    if value is None:
        return 0
    if isinstance(value, float) and kind in ("money", "number"):
        return len(f"{value:,.0f}") + 2
    return len(str(value))


def _write(book: Workbook, sheet: Sheet, formats: dict[Kind, str]) -> None:
    ws = book.create_sheet(sheet.name)
    ws.append([c.name for c in sheet.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=False)
    widths = [len(c.name) for c in sheet.columns]
    for r, row in enumerate(sheet.rows):
        ws.append(list(row))
        for c, value in enumerate(row):
            kind = sheet.kinds.get((r, c), sheet.columns[c].kind)
            if isinstance(value, int | float) and not isinstance(value, bool):
                ws.cell(row=r + 2, column=c + 1).number_format = formats[kind]
            widths[c] = max(widths[c], _shown_width(value, kind))
    for c, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(c + 1)].width = min(max(width + 2, 8), MAX_WIDTH)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(sheet.columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"


def render_xlsx(report: Report) -> bytes:
    """A workbook: Summary, Domains, Drivers, Inputs, Assumptions, Respondents, Disagreements,
    Ledger, Year loss, the execution-governance sheets, Trend and Sprint plan when present."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    formats = _formats(report.currency)
    for sheet in report_sheets(report):
        _write(book, sheet, formats)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
