"""Execution governance in the board report: sections in HTML and Markdown, and the seam-risk
heatmap (function × function, annual cost of failed handoffs) drawn with matplotlib."""

from __future__ import annotations

from html import escape

from matplotlib.figure import Figure

from assistant.reports.charts import to_png, to_svg
from assistant.reports.governance_section import GovernanceSection
from scoring.catalog import DOMAIN_LABELS
from scoring.explain import money
from scoring.governance import SeamMap

HEAT = "Reds"
KEEP_ROWS = 14


def seam_heatmap_figure(seams: SeamMap, currency: str) -> Figure:
    """Rows hand off to columns; each cell is the seam's annual cost, flagged cells marked."""
    n = len(seams.functions)
    size = max(3.5, 0.8 * n + 2.0)
    fig = Figure(figsize=(size + 1.0, size), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(seams.matrix, cmap=HEAT, vmin=0.0)
    ax.set_xticks(range(n), seams.functions, rotation=35, ha="right")
    ax.set_yticks(range(n), seams.functions)
    ax.set_xlabel("to function")
    ax.set_ylabel("from function")
    peak = max((max(row) for row in seams.matrix), default=0.0) or 1.0
    flagged = {(c.from_function, c.to_function): c for c in seams.cells}
    for i, source in enumerate(seams.functions):
        for j, target in enumerate(seams.functions):
            cell = flagged.get((source, target))
            if cell is None:
                continue
            mark = "*" if cell.risk_flags else ""
            color = "white" if cell.annual_cost > peak / 2 else "black"
            ax.text(
                j,
                i,
                money(cell.annual_cost, currency) + mark,
                ha="center",
                va="center",
                color=color,
                fontsize=8,
            )
    fig.colorbar(image, ax=ax, shrink=0.8, format=lambda v, _: money(v, currency))
    ax.set_title(
        "Seam-risk map (annual cost; * = owner unclear, KPI conflict or approval wait)", fontsize=9
    )
    return fig


def seam_heatmap_svg(seams: SeamMap, currency: str) -> str:
    return to_svg(seam_heatmap_figure(seams, currency))


def seam_heatmap_png(seams: SeamMap, currency: str) -> bytes:
    return to_png(seam_heatmap_figure(seams, currency))


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _rows(rows: list[list[object]]) -> str:
    return "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    keep = " keep" if len(rows) <= KEEP_ROWS else ""
    return (
        f'<div class="scroll{keep}"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{_rows(rows)}</tbody></table></div>"
    )


def governance_html(section: GovernanceSection, currency: str) -> str:
    """The governance section of the HTML report."""
    cur = currency
    c = section.constraint
    parts = [
        '<section id="governance"><h2>Execution governance</h2>',
        f"<h3>Constraint-first view</h3><p>{_e(c.explanation)}</p>",
        _table(
            ["Driver acting on the constraint", "Domain", "A year", "Formula"],
            [
                [d.label, DOMAIN_LABELS.get(d.domain, d.domain), money(d.mean, cur), d.formula]
                for d in c.drags
            ],
        ),
        "<h3>Seam-risk map</h3>",
    ]
    if section.seams is None:
        parts.append("<p>No seams entered yet.</p>")
    else:
        s = section.seams
        parts.append(f'<figure class="chart">{seam_heatmap_svg(s, cur)}</figure>')
        parts.append(
            _table(
                ["From", "To", "Failures a month", "Cost each", "A year", "Risks", "Said by"],
                [
                    [
                        x.from_function,
                        x.to_function,
                        f"{x.failures_per_month:g}",
                        money(x.cost_per_failure, cur),
                        money(x.annual_cost, cur),
                        ", ".join(x.risk_flags),
                        ", ".join(x.respondents),
                    ]
                    for x in s.cells
                ],
            )
        )
        parts.append(
            f'<p class="meta">{_e(s.formula)}; replaces the aggregate answers for '
            f"{_e(', '.join(s.replaces))}.</p>"
        )
    parts.append("<h3>Decision rights and cadence</h3>")
    if section.decisions is None:
        parts.append("<p>No decision types entered yet.</p>")
    else:
        d = section.decisions
        parts.append(
            _table(
                ["Decision", "Who decides", "A month", "Days to decide", "Ops can wait", "A year"],
                [
                    [
                        r.decision_type,
                        r.decider,
                        f"{r.decisions_per_month:g}",
                        f"{r.latency_days:g}",
                        f"{r.operations_wait_days:g}",
                        money(r.annual_cost, cur),
                    ]
                    for r in d.rows
                ],
            )
        )
        parts.append(f'<p class="meta">{_e(d.formula)}.</p>')
    inv = section.investments
    parts.append("<h3>Ranked investment sequence</h3>")
    parts.append(
        _table(
            ["#", "Initiative", "Cost", "Relieves a year", "Per $1", "Payback (months)", "Flag"],
            [
                [
                    i.rank,
                    i.name,
                    money(i.cost, cur),
                    money(i.relieved, cur),
                    f"{i.relieved_per_dollar:.2f}",
                    i.payback_months or "—",
                    i.flag or "",
                ]
                for i in inv.initiatives
            ],
        )
        if inv.initiatives
        else "<p>No initiatives entered yet.</p>"
    )
    parts.append(f'<p class="meta">{_e(inv.method)}.</p>')
    ai = section.ai_velocity
    parts.append(f"<h3>AI velocity</h3><p>{_e(ai.explanation)}</p>")
    parts.append(f'<p class="meta">{_e(ai.formula)}.</p></section>')
    return "".join(parts)


def governance_markdown(section: GovernanceSection, currency: str) -> list[str]:
    """The governance section of the Markdown report, as lines."""
    cur = currency
    out = [
        "## Execution governance",
        "",
        "### Constraint-first view",
        "",
        section.constraint.explanation,
        "",
    ]
    out += [
        f"- {d.label}: {money(d.mean, cur)} a year ({d.formula})" for d in section.constraint.drags
    ]
    out += ["", "### Seam-risk map", ""]
    if section.seams is None:
        out.append("No seams entered yet.")
    else:
        out += [
            f"- {x.from_function} → {x.to_function}: {x.failures_per_month:g} a month × "
            f"{money(x.cost_per_failure, cur)} = {money(x.annual_cost, cur)} a year"
            + (f" ({', '.join(x.risk_flags)})" if x.risk_flags else "")
            for x in section.seams.cells
        ]
    out += ["", "### Decision rights and cadence", ""]
    if section.decisions is None:
        out.append("No decision types entered yet.")
    else:
        out += [
            f"- {r.decision_type} ({r.decider}): {r.latency_days:g} days to decide vs "
            f"{r.operations_wait_days:g} operations can wait, {r.decisions_per_month:g} a month "
            f"→ {money(r.annual_cost, cur)} a year"
            for r in section.decisions.rows
        ]
    out += ["", "### Ranked investment sequence", ""]
    out += [
        f"{i.rank}. {i.name}: {money(i.cost, cur)} relieves {money(i.relieved, cur)} a year"
        + (f", payback {i.payback_months:g} months" if i.payback_months else "")
        + (f" — {i.flag}" if i.flag else "")
        for i in section.investments.initiatives
    ] or ["No initiatives entered yet."]
    out += ["", "### AI velocity", "", section.ai_velocity.explanation, ""]
    return out
