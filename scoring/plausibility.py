"""Is the whole figure believable? OIaR against revenue and operating income.

The method's own anchor (the seed article, "Put Margin Leakage in Terms Boards Can't Ignore")
is that 50–150 bps of revenue is already material leakage for an industrial operator. A total
above that band can be true but needs its evidence read; a total above half of operating
income says the inputs claim most of what the company earns, which a board will not accept
without checking each one. Out-of-band domains (one domain alone above the band's top) are
listed with the inputs of their largest driver, so the reader knows what to check.
"""

from __future__ import annotations

from scoring.catalog import INPUTS
from scoring.explain import format_input, money
from scoring.model import DomainResult, DomainToCheck, Plausibility, PlausibilityStatus

BAND_BPS = (50.0, 150.0)
CEILING_SHARE_OF_OPERATING_INCOME = 0.5
# When the total is out of band but no single domain is, this many of the largest are listed.
LARGEST = 3


def _status(bps: float, share_of_oi: float | None) -> PlausibilityStatus:
    if share_of_oi is not None and share_of_oi > CEILING_SHARE_OF_OPERATING_INCOME:
        return "above_ceiling"
    if bps > BAND_BPS[1]:
        return "above_band"
    if bps < BAND_BPS[0]:
        return "below_band"
    return "in_band"


def _summary(status: PlausibilityStatus, bps: float, share_of_oi: float | None) -> str:
    low, high = BAND_BPS
    of_oi = f", {share_of_oi:.0%} of operating income" if share_of_oi is not None else ""
    figure = f"{bps:.0f} bps of revenue{of_oi}"
    if status == "above_ceiling":
        return (
            f"Above the plausibility ceiling: {figure}, more than "
            f"{CEILING_SHARE_OF_OPERATING_INCOME:.0%} of operating income. Check the inputs "
            "listed before presenting it."
        )
    if status == "above_band":
        return (
            f"High: {figure}, above the {low:.0f}–{high:.0f} bps the method treats as "
            "material leakage; read the evidence behind the domains listed."
        )
    if status == "below_band":
        return f"Low: {figure}, below the {low:.0f}–{high:.0f} bps of material leakage."
    return f"In band: {figure}, within the {low:.0f}–{high:.0f} bps of material leakage."


def plausibility(
    bps: float, share_of_oi: float | None, domains: list[DomainResult]
) -> Plausibility:
    """The plausibility block of a score, from its total and its ranked domains."""
    status = _status(bps, share_of_oi)
    flagged = [d for d in domains if d.bps_of_revenue > BAND_BPS[1]]
    if not flagged and status in ("above_band", "above_ceiling"):
        flagged = list(domains[:LARGEST])
    check = [
        DomainToCheck(
            key=d.key,
            label=d.label,
            mean=d.mean,
            bps_of_revenue=d.bps_of_revenue,
            driver=d.drivers[0].label,
            inputs=list(d.drivers[0].inputs),
        )
        for d in flagged
        if d.drivers
    ]
    return Plausibility(
        bps_of_revenue=bps,
        share_of_operating_income=share_of_oi,
        band_bps=BAND_BPS,
        ceiling_share_of_operating_income=CEILING_SHARE_OF_OPERATING_INCOME,
        status=status,
        summary=_summary(status, bps, share_of_oi),
        check=check,
    )


def needs_attention(p: Plausibility | None) -> bool:
    """Above the band or the ceiling: what a reply or page must say before its figures."""
    return p is not None and p.status in ("above_band", "above_ceiling")


def plausibility_text(p: Plausibility, currency: str) -> str:
    """The block in words: the verdict, then each domain to check with its driver's inputs
    and whether each was answered or assumed."""
    lines = [p.summary]
    for d in p.check:
        inputs = "; ".join(
            f"{use.label[0].lower()}{use.label[1:]}: "
            f"{format_input(INPUTS[use.key], use.value, currency)} "
            f"({'answered' if use.source == 'answer' else 'benchmark assumption'})"
            for use in d.inputs
            if use.key in INPUTS
        )
        lines.append(
            f"• {d.label}: {money(d.mean, currency)} ({d.bps_of_revenue:.0f} bps), "
            f"mostly {d.driver.lower()}: {inputs}."
        )
    return "\n".join(lines)
