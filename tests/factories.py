"""Deterministic builders for scoring inputs; synthetic benchmarks keep scoring tests independent
of the knowledge base's numbers (those are tested in tests/knowledge)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, text

from scoring import INPUTS, Benchmark, InputSpec, OrganizationProfile, ScoringInput


def _synthetic(spec: InputSpec) -> Benchmark:
    b: dict[str, Any] = {"rationale": "synthetic test benchmark", "source": "assumption"}
    if spec.key.startswith("pool_"):
        return Benchmark(low=0.002, likely=0.005, high=0.01, basis="revenue", **b)
    if spec.kind == "share" and spec.unit == "per_year":
        return Benchmark(low=0.02, likely=0.1, high=0.25, **b)
    if spec.kind == "share":
        if spec.worse_when == "lower":
            return Benchmark(low=0.4, likely=0.6, high=0.8, **b)
        return Benchmark(low=0.05, likely=0.15, high=0.3, **b)
    table: dict[tuple[str, str], tuple[float, float, float, str]] = {
        ("money", "per_hour"): (40, 60, 90, "absolute"),
        ("money", "per_day"): (2e-5, 5e-5, 1e-4, "revenue"),
        ("money", "each"): (0.05, 0.2, 0.8, "revenue_per_employee"),
        ("money", "per_year"): (800, 1300, 2000, "absolute"),
        ("count", "per_month"): (0.005, 0.02, 0.05, "headcount"),
        ("count", "per_year"): (0.005, 0.02, 0.06, "headcount"),
        ("count", "total"): (0.01, 0.05, 0.1, "headcount"),
        ("duration", "days"): (2, 5, 15, "absolute"),
        ("duration", "weeks"): (4, 10, 20, "absolute"),
        ("duration", "hours"): (1, 3, 8, "absolute"),
        ("duration", "hours_per_week"): (1, 4, 8, "absolute"),
        ("scale", "scale_1_5"): (2, 3, 4, "absolute"),
        ("flag", "yes_no"): (0, 0.5, 1, "absolute"),
    }
    if spec.kind == "choice":
        low, likely, high = (7, 14, 30) if spec.worse_when == "higher" else (0.5, 1, 3)
        return Benchmark(low=low, likely=likely, high=high, **b)
    low, likely, high, basis = table[(spec.kind, spec.unit)]
    return Benchmark(low=low, likely=likely, high=high, basis=basis, **b)  # type: ignore[arg-type]


def make_benchmarks() -> dict[str, Benchmark]:
    return {key: _synthetic(spec) for key, spec in INPUTS.items()}


def make_org(**overrides: Any) -> OrganizationProfile:
    fields: dict[str, Any] = {
        "name": "Test Manufacturing",
        "revenue": 100_000_000.0,
        "operating_margin": 0.12,
        "currency": "USD",
        "headcount": 400,
        "industry": "generic",
    }
    fields.update(overrides)
    return OrganizationProfile(**fields)


def make_input(
    inputs: dict[str, Any] | None = None, *, draws: int = 2_000, **org: Any
) -> ScoringInput:
    return ScoringInput(
        organization=make_org(**org),
        inputs=inputs or {},
        benchmarks=make_benchmarks(),
        draws=draws,
    )


def make_workspace(store: Any, **profile: Any) -> tuple[Any, str, Any]:
    """An organization in `store` with its admin key: (OrgView, admin key plaintext, Caller)."""
    from tools import admin

    org, key = admin.create_org(store, make_org(**profile))
    assert key.key is not None
    caller = admin.authenticate(store, key.key)
    return org, key.key, caller


@dataclass(frozen=True)
class Workspace:
    """One organization in a store, with its admin caller and helpers to add people."""

    store: Any
    org: Any
    admin: Any

    def person(self, name: str, role: str | None = None, **fields: Any) -> Any:
        """A respondent of this organization (`role` is the job title, e.g. "CFO")."""
        from tools import admin

        return admin.add_respondent(
            self.store, self.admin, self.org.id, name=name, role=role, **fields
        )

    def department_only(self, respondent_ids: list[str], *, now: Any, name: str = "Candid") -> Any:
        """A campaign that shows these respondents by department only ("a leader in
        Operations"), due ten days after `now`."""
        from datetime import timedelta

        from tools import campaigns
        from tools.campaigns import MemberIn

        return campaigns.create_campaign(
            self.store,
            self.admin,
            self.org.id,
            name=name,
            due_at=now + timedelta(days=10),
            attribution="department",
            members=[MemberIn(respondent_id=r) for r in respondent_ids],
            now=now,
        )

    def caller(self, role: str, respondent_id: str | None = None, *, channel: str = "api") -> Any:
        """A caller as the server builds one: a minted key, authenticated."""
        from tools import admin

        key = mint_key(self.store, self.admin, self.org.id, role, respondent_id)
        caller = admin.authenticate(self.store, key, channel=channel)
        assert caller is not None
        return caller


def mint_key(
    store: Any, admin_caller: Any, org_id: str, role: str, respondent_id: str | None = None
) -> str:
    """A fresh API key of the organization, in that role, as the admin would mint it."""
    from tools import admin

    key = admin.create_key(
        store,
        admin_caller,
        org_id,
        role=role,  # type: ignore[arg-type]
        respondent_id=respondent_id,
    )
    assert key.key is not None
    return key.key


def make_workspace_of(store: Any, **profile: Any) -> Workspace:
    """`make_workspace` as a `Workspace`."""
    org, _, caller = make_workspace(store, **profile)
    return Workspace(store=store, org=org, admin=caller)


@contextmanager
def pg_schema(base: str, prefix: str = "oiar_test") -> Iterator[str]:
    """A fresh schema on a PostgreSQL server, dropped afterwards: tests never see each other."""
    schema = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
