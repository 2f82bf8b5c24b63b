"""The sample company (Cedar Ridge Components) in a SQLite store, for report and browser tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factories import mint_key

from assistant.reports.sample import seed_sample
from tools.access import Caller
from tools.admin import OrgView
from tools.store import Store


@dataclass(frozen=True)
class Sample:
    store: Store
    org: OrgView
    admin: Caller

    def key(self, role: str, respondent_id: str | None = None) -> str:
        """A fresh API key of the sample organization, in that role."""
        return mint_key(self.store, self.admin, self.org.id, role, respondent_id)


def open_sample(folder: Path) -> Sample:
    store = Store.open(f"sqlite:///{(folder / 'sample.db').as_posix()}")
    org, caller = seed_sample(store)
    return Sample(store=store, org=org, admin=caller)
