"""The report as a board and a finance team read it: human labels only, a workbook whose money
columns add up to what they claim, and files named after the company and round."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from report_support import Sample, open_sample

from assistant.reports import org_report, render
from assistant.reports.naming import report_filename
from scoring import INPUTS
from scoring.catalog import DOMAIN_LABELS
from scoring.drivers import DRIVERS
from tools import admin


class _Text(HTMLParser):
    """What a reader sees: text content, not tags or attributes (ids may hold keys)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _workbook_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]
    book.close()
    return "\n".join(cells)


# Keys of one word ("cyber") are ordinary words too; keys with an underscore never are.
KEYS = sorted(k for k in {*DOMAIN_LABELS, *INPUTS, *(d.key for d in DRIVERS)} if "_" in k)


def test_report_and_exports_show_no_keys_no_drag_and_no_assumed_yes(sample: Sample) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)
    texts = {
        "html": _visible(render(report, "html").content.decode()),
        "md": render(report, "md").content.decode(),
        "csv": render(report, "csv").content.decode(),
        "xlsx": _workbook_text(render(report, "xlsx").content),
    }

    for fmt, text in texts.items():
        keys = [k for k in KEYS if re.search(rf"(?<![\w-]){re.escape(k)}(?!\w)", text)]
        assert keys == [], f"{fmt} shows raw keys"
        assert re.search(r"\bdrags?\b", text, re.IGNORECASE) is None, f"{fmt} says drag"
    # Nobody answered whether critical inputs are dual-sourced: an assumption, never "yes".
    assert "Critical inputs dual-sourced: Assumed: partly (not answered)" in texts["md"]
    assert "Assumed: partly (not answered)" in texts["html"]


def _money_columns(ws: object) -> dict[str, list[float]]:
    rows = list(ws.iter_rows())  # type: ignore[attr-defined]
    found: dict[str, list[float]] = {}
    for j, head in enumerate(c.value for c in rows[0]):
        cells = [r[j] for r in rows[1:] if r[j].value is not None]
        if cells and all("#,##0" in c.number_format and '"$"' in c.number_format for c in cells):
            found[str(head)] = [float(c.value) for c in cells]
    return found


def test_xlsx_numbers_are_numbers_with_formats_frozen_headers_and_filters(sample: Sample) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content))

    summary = {r[0].value: r[1] for r in book["Summary"].iter_rows(min_row=2)}
    assert isinstance(summary["Revenue"].value, int | float)
    assert summary["Revenue"].number_format == '"$"#,##0'
    assert summary["Share of operating income"].number_format == "0.0%"
    domains = book["Domains"]
    header = [c.value for c in domains[1]]
    share = domains.cell(row=2, column=header.index("Share of total") + 1)
    assert isinstance(share.value, float) and share.number_format == "0.0%"
    for ws in book:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
        assert ws.column_dimensions["A"].width >= 8
        # No total row inside any table: no first cell reads "Total".
        assert all(str(r[0].value).lower() != "total" for r in ws.iter_rows(min_row=2))
    book.close()


def test_xlsx_money_columns_add_up_to_the_totals_they_claim(sample: Sample) -> None:
    """Each money column either adds up to the total the Summary says it adds up to, or no
    total claims it; drivers (on Drivers) and inputs (on Inputs) never share a money column."""
    report = org_report(sample.store, sample.admin, sample.org.id)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content))
    summary = [(r[0].value, r[1].value, r[2].value) for r in book["Summary"].iter_rows(min_row=2)]
    claims = [(value, str(adds)) for _, value, adds in summary if adds]

    assert claims, "the Summary says which columns add up to the total"
    checked = set()
    for total, adds in claims:
        for part in adds.split("; "):
            sheet, column = part.split(": ")
            column_sum = round(sum(_money_columns(book[sheet])[column]), 2)
            assert column_sum == pytest.approx(total, abs=0.05), (sheet, column)
            checked.add((sheet, column))
    assert checked >= {("Domains", "Mean a year"), ("Drivers", "Mean a year")}
    assert report.summary.mean == summary[6][1]
    # Inputs are values, not losses: no money column to sum there.
    inputs_header = [c.value for c in book["Inputs"][1]]
    assert "Mean a year" not in inputs_header
    book.close()


def test_report_files_are_named_after_company_and_round(tmp_path: Path) -> None:
    sample = open_sample(tmp_path)
    try:
        admin.update_org(
            sample.store, sample.admin, sample.org.id, {"name": "Société Générale d'Été"}
        )
        report = org_report(sample.store, sample.admin, sample.org.id)
    finally:
        sample.store.dispose()
    named = report_filename(report.model_copy(update={"round": "2026-Q4"}), "xlsx")

    assert named.ascii == "societe-generale-d-ete-2026-q4-oiar-report.xlsx"
    assert named.unicode == "société-générale-d-été-2026-q4-oiar-report.xlsx"
    header = named.content_disposition("attachment")
    header.encode("latin-1")  # an HTTP header: no raw non-ASCII byte in it
    assert header == (
        'attachment; filename="societe-generale-d-ete-2026-q4-oiar-report.xlsx"; '
        "filename*=UTF-8''soci%C3%A9t%C3%A9-g%C3%A9n%C3%A9rale-d-%C3%A9t%C3%A9-2026-q4-oiar-report.xlsx"
    )
    open_round = report_filename(report.model_copy(update={"open_round": "2027 Q1"}), "csv")
    assert open_round.ascii == "societe-generale-d-ete-2027-q1-oiar-report.csv"
