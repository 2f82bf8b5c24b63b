"""What a report is called: its round as a reader says it, and its file name.

A file is named after the company and the round (`cedar-ridge-components-2026-q4-oiar-report.xlsx`),
so a download folder or an email attachment says whose figures it holds. The name is a slug:
lower case, words joined by hyphens. HTTP headers carry it twice (RFC 6266): `filename=` in
ASCII for every client, and `filename*=UTF-8''…` with the company's own letters when they are
not ASCII ("Société Générale" is `societe-generale-…` and `société-générale-…`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from assistant.reports.document import Report

SUFFIX = "oiar-report"
MAX_STEM = 80
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")


def round_text(report: Report) -> str:
    """The round as page one says it: "2026-Q4", "2026-Q4 (open)" or "no round"."""
    if report.round:
        return report.round
    if report.open_round:
        return f"{report.open_round} (open)"
    return "no round"


def slug(text: str, *, ascii_only: bool = True) -> str:
    """Lower-case words joined by hyphens; accents folded to ASCII when `ascii_only`."""
    if ascii_only:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return _NOT_ASCII_WORD.sub("-", folded.lower()).strip("-")
    return _NOT_WORD.sub("-", unicodedata.normalize("NFC", text).lower()).strip("-")


def _stem(report: Report, *, ascii_only: bool) -> str:
    parts = [
        slug(report.organization, ascii_only=ascii_only) or "organization",
        slug(report.round or report.open_round or "", ascii_only=ascii_only),
    ]
    return "-".join(p for p in parts if p)[:MAX_STEM].strip("-")


@dataclass(frozen=True, slots=True)
class ReportFilename:
    ascii: str
    unicode: str

    def content_disposition(self, disposition: str) -> str:
        """The header value; `filename*` only when the company's name is not plain ASCII."""
        value = f'{disposition}; filename="{self.ascii}"'
        if self.unicode != self.ascii:
            value += f"; filename*=UTF-8''{quote(self.unicode, safe='')}"
        return value


def report_filename(report: Report, extension: str) -> ReportFilename:
    """`<company>-<round>-oiar-report.<extension>`, in ASCII and in the company's own letters."""
    return ReportFilename(
        ascii=f"{_stem(report, ascii_only=True)}-{SUFFIX}.{extension}",
        unicode=f"{_stem(report, ascii_only=False)}-{SUFFIX}.{extension}",
    )
