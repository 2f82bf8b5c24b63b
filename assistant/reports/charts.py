"""Charts with matplotlib: the ranked domains with P10–P90 whiskers, as SVG (HTML) or PNG (Slack).

Figures are built with the object API (`Figure`, no pyplot): nothing is registered globally, so
nothing leaks and request threads never share a figure. Output is deterministic: SVG ids come
from a fixed hash salt, no date is written, and text stays text (`svg.fonttype: none`), so the
same report gives the same bytes and the labels remain searchable in the HTML.
"""

from __future__ import annotations

import io
import re
import threading

import matplotlib

matplotlib.use("Agg")  # no display, whatever the environment says

from matplotlib.figure import Figure  # noqa: E402  (after the backend is chosen)
from matplotlib.ticker import FuncFormatter  # noqa: E402

from assistant.reports.document import CATEGORIES, Report  # noqa: E402
from scoring.explain import money  # noqa: E402

_RC = {
    "svg.hashsalt": "oiar-report",
    "svg.fonttype": "none",
    "font.family": ["DejaVu Sans"],
    "font.size": 10,
}
# rcParams are process-wide: saving under rc_context must not interleave between threads.
_rc_lock = threading.Lock()
INK = "#1f2933"
MUTED = "#7b8794"
BAR = "#2f6690"
WHISKER = "#b23a48"
CATEGORY_COLORS = (
    "#2f6690",
    "#5fa8d3",
    "#9bc53d",
    "#e0a030",
    "#b23a48",
    "#6d597a",
    "#8d99ae",
    "#3a7d44",
    "#c5ccd3",
)
# Namespace URIs and the Creative Commons metadata are never fetched, but the HTML report
# promises no external URL at all; inline SVG in HTML needs neither.
_SVG_NOISE = re.compile(r'<metadata>.*?</metadata>\s*|\s+xmlns(?::\w+)?="[^"]*"', re.DOTALL)


def _money_axis(currency: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _: money(value, currency))


def ranked_figure(report: Report) -> Figure:
    """Domains ranked by mean OIaR, one bar each, with the P10–P90 range as a whisker."""
    domains = list(reversed(report.domains))  # the top-ranked domain at the top
    labels = [f"{d.rank}. {d.label}" for d in domains]
    means = [d.mean for d in domains]
    low = [max(d.mean - d.p10, 0.0) for d in domains]
    high = [max(d.p90 - d.mean, 0.0) for d in domains]
    fig = Figure(figsize=(8.0, 0.36 * len(domains) + 1.1), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.barh(labels, means, color=BAR, height=0.6, label="Mean a year")
    ax.errorbar(
        means,
        labels,
        xerr=[low, high],
        fmt="none",
        ecolor=WHISKER,
        elinewidth=1.4,
        capsize=3,
        label="P10–P90",
    )
    ax.xaxis.set_major_formatter(_money_axis(report.currency))
    ax.set_xlim(left=0)
    ax.tick_params(colors=INK, labelsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e4e7eb", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title("Operating Income at Risk by domain (mean, P10–P90)", loc="left", color=INK)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    return fig


def categories_figure(report: Report) -> Figure:
    """Each domain's mean split by leakage category, stacked, top-ranked first."""
    domains = list(reversed(report.domains))
    labels = [d.label for d in domains]
    fig = Figure(figsize=(8.0, 0.42 * len(domains) + 1.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    left = [0.0] * len(domains)
    for (key, name), color in zip(CATEGORIES.items(), CATEGORY_COLORS, strict=True):
        values = [d.categories.get(key, 0.0) for d in domains]
        if not any(values):
            continue
        ax.barh(labels, values, left=left, color=color, height=0.6, label=name)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.xaxis.set_major_formatter(_money_axis(report.currency))
    ax.set_xlim(left=0)
    ax.tick_params(colors=INK, labelsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("Where it leaks: mean a year by category", loc="left", color=INK)
    fig.legend(loc="outside lower center", ncols=4, frameon=False, fontsize=7)
    return fig


def _save(fig: Figure, fmt: str, **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    with _rc_lock, matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        fig.savefig(buffer, format=fmt, **kwargs)  # type: ignore[arg-type]
    return buffer.getvalue()


def to_svg(fig: Figure) -> str:
    """Inline SVG markup (no XML prolog or DOCTYPE), deterministic for the same figure."""
    raw = _save(fig, "svg", metadata={"Date": None}).decode()
    return _SVG_NOISE.sub("", raw[raw.index("<svg") :])


def to_png(fig: Figure, *, dpi: int = 144) -> bytes:
    return _save(fig, "png", dpi=dpi, metadata={"Software": None})


def ranked_svg(report: Report) -> str:
    return to_svg(ranked_figure(report))


def ranked_png(report: Report) -> bytes:
    return to_png(ranked_figure(report))


def categories_svg(report: Report) -> str:
    return to_svg(categories_figure(report))
