"""What a running app owns beside its routes: the store, the adaptive estimator and the
knowledge service, built once from settings, started with the server and stopped with it.

The HTTP app holds one in its lifespan, the CLI and Socket Mode in a `with` block; tests build
their own. Nothing here is global: two apps in one process (as in tests) share nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from assistant.config import Settings
from assistant.engine import Engine, make_driver
from tools import Store
from tools.interview import AdaptiveEstimator
from tools.knowledge import KnowledgeService, open_knowledge
from tools.privacy import RetentionLoop, RetentionPolicy

__all__ = ["Services", "retention_policy"]

log = logging.getLogger("oiar.services")


@dataclass
class Services:
    store: Store
    estimator: AdaptiveEstimator
    knowledge: KnowledgeService
    # Disposed at stop only when these services opened the store themselves.
    owns_store: bool = False
    retention: RetentionLoop | None = field(default=None)

    @classmethod
    def build(cls, settings: Settings, store: Store | None = None) -> Services:
        """Services over `store`, or over a store opened (and migrated) from settings, which
        `stop` then disposes."""
        opened = store or Store.open(settings.resolved_database_url)
        estimator = AdaptiveEstimator(
            opened, order=settings.question_order, refresh_s=settings.adaptive_refresh_s
        )
        knowledge = open_knowledge(
            opened, data_dir=settings.data_dir, chroma_url=settings.chroma_url
        )
        return cls(opened, estimator, knowledge, owns_store=store is None)

    def engine(self, settings: Settings) -> Engine:
        """The one turn loop over these services, with the driver OIAR_MODEL names.

        Raises:
            ModelConfigError: OIAR_MODEL is malformed or its provider package is missing.
        """
        driver = make_driver(
            self.store, settings, knowledge=self.knowledge, estimator=self.estimator
        )
        return Engine(self.store, driver, estimator=self.estimator)

    def start(
        self, *, warm_knowledge: bool = False, then: Callable[[], None] | None = None
    ) -> None:
        """Start the estimator process and, when asked, warm the knowledge index in the
        background (`then` runs once it is warm)."""
        self.estimator.start()
        if warm_knowledge:
            self.knowledge.warm_up(then=then)

    def start_retention(self, settings: Settings) -> None:
        """Check every OIAR_RETENTION_CHECK_S seconds whether the retention job is due and run
        it when so (once a period across every process: `tools.privacy.retention`)."""
        if self.retention is None:
            self.retention = RetentionLoop(
                self.store, retention_policy(settings), check_s=settings.retention_check_s
            )
            self.retention.start()

    def stop(self) -> None:
        """Stop the estimator, index the evidence still queued, and release the store."""
        if self.retention is not None:
            self.retention.stop()
        self.estimator.stop()
        self.knowledge.detach(self.store)
        try:
            self.knowledge.close()
        except Exception:  # logged: shutting down must go on to release the store
            log.warning("closing the knowledge index failed", exc_info=True)
        if self.owns_store:
            self.store.dispose()

    def __enter__(self) -> Services:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def retention_policy(settings: Settings) -> RetentionPolicy:
    """How long transcripts, Slack dedupe records and the access log are kept."""
    return RetentionPolicy(
        transcript_days=settings.transcript_retention_days,
        slack_event_days=settings.slack_event_retention_days,
        access_log_days=settings.access_log_retention_days,
        every=timedelta(hours=settings.retention_every_hours),
    )
