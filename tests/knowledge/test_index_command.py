"""`oiar index`: rebuilds the knowledge collection under OIAR_DATA_DIR, and the evidence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import get_settings
from knowledge import index as index_module
from knowledge.embedding import HashedNgrams
from knowledge.index import KnowledgeIndex, open_client


def test_oiar_index_builds_knowledge_and_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    # The hashed embedder keeps this fast; the model's build is timed by bench_retrieval.
    monkeypatch.setattr(index_module, "default_embedder", HashedNgrams)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["index", "--evidence"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "Knowledge base:" in result.output
    assert "Evidence: 0 passages from 0 organization(s)" in result.output
    data_dir = Path(os.environ["OIAR_DATA_DIR"])
    index = KnowledgeIndex(open_client(data_dir=data_dir), HashedNgrams())
    assert index.knowledge_is_current()
