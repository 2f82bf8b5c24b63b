"""The test environment's isolation, for the autouse fixture and for module-scoped fixtures
(set up before any function-scoped fixture runs, so they need their own)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PG_ENV = "OIAR_TEST_DATABASE_URL"


def isolate(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """No OIAR_* or model-provider settings leak in from the developer's shell, and embedded
    data (the chromadb folder) goes to `data_dir`, never the repository's ./.oiar."""
    for name in list(os.environ):
        if name.startswith(("OIAR_", "OPENAI_", "ANTHROPIC_", "SLACK_")) and name != PG_ENV:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OIAR_DATA_DIR", str(data_dir))
    # Loading the embedding model at every app start would cost each API test a second or two
    # of CPU; tests/assistant/api/test_warm_up.py covers the warm-up itself.
    monkeypatch.setenv("OIAR_WARM_KNOWLEDGE", "false")
    # Apps built by suites written against the instrument's fixed question order keep it; the
    # adaptive order (value of information, stop rule) is tested where a test asks for it
    # (`adaptive_order`, or an `AdaptiveEstimator` the test builds).
    monkeypatch.setenv("OIAR_QUESTION_ORDER", "priority")
    # Suites send hundreds of requests on one key within seconds; the per-key limit is tested
    # where a test turns it on (tests/assistant/api/test_rate_limit.py).
    monkeypatch.setenv("OIAR_RATE_LIMIT_PER_MINUTE", "0")
