"""The knowledge base's documents: complete coverage, valid front matter, sensible passages."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeError
from knowledge.documents import PASSAGE_CHARS, all_passages, content_sha256, load_documents
from scoring.catalog import DOMAIN_LABELS
from scoring.drivers import DRIVERS

GLOSSARY = {
    "oiar",
    "execution_drag",
    "execution_governance",
    "seams",
    "exception",
    "leakage_pools",
    "range",
    "coverage",
    "confidence",
    "benchmark_assumption",
    "basis_points",
    "disagreement",
    "constraint",
    "investment_sequence",
    "ai_velocity",
    "nine_domains",
    "evidence",
}


def test_every_driver_has_a_document_in_its_domain() -> None:
    docs = {d.id: d for d in load_documents()}
    for driver in DRIVERS:
        doc = docs[f"driver.{driver.key}"]
        assert doc.kind == "driver"
        assert doc.domain == driver.domain
        assert doc.title == driver.label


def test_every_domain_has_a_playbook() -> None:
    playbooks = {d.domain for d in load_documents() if d.kind == "playbook"}
    assert set(DOMAIN_LABELS) <= playbooks


def test_glossary_covers_the_core_terms() -> None:
    ids = {d.id for d in load_documents()}
    assert {f"glossary.{term}" for term in GLOSSARY} <= ids


def test_documents_never_name_the_commercial_product() -> None:
    for doc in load_documents():
        assert "navetra" not in doc.body.lower(), doc.path


def test_passages_stay_near_the_limit_and_keep_their_document() -> None:
    docs = load_documents()
    passages = all_passages(docs)
    assert len(passages) >= len(docs)
    assert all(len(p.text) <= PASSAGE_CHARS * 1.5 for p in passages)
    assert {p.doc_id for p in passages} == {d.id for d in docs}


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("id: nodot\ntitle: T\nkind: glossary", "is not like"),
        ("id: glossary.x\ntitle: T\nkind: essay", "kind 'essay'"),
        ("id: glossary.x\ntitle: T\nkind: glossary\ndomain: sales", "domain 'sales'"),
        ("id: glossary.x\nkind: glossary", "title is missing"),
    ],
)
def test_bad_front_matter_names_file_and_problem(tmp_path: Path, front: str, problem: str) -> None:
    _write(tmp_path, "bad.md", f"---\n{front}\n---\nBody.\n")
    with pytest.raises(KnowledgeError, match=problem) as caught:
        load_documents(tmp_path)
    assert "bad.md" in str(caught.value)


def test_missing_front_matter_and_duplicate_ids_refused(tmp_path: Path) -> None:
    _write(tmp_path / "a", "none.md", "Just text.\n")
    with pytest.raises(KnowledgeError, match="front matter"):
        load_documents(tmp_path / "a")
    doc = "---\nid: glossary.x\ntitle: T\nkind: glossary\n---\nBody.\n"
    _write(tmp_path / "b", "one.md", doc)
    _write(tmp_path / "b", "two.md", doc)
    with pytest.raises(KnowledgeError, match="also used by"):
        load_documents(tmp_path / "b")


def test_content_digest_changes_with_any_document(tmp_path: Path) -> None:
    _write(tmp_path, "one.md", "---\nid: glossary.x\ntitle: T\nkind: glossary\n---\nBody.\n")
    before = content_sha256(load_documents(tmp_path))
    _write(tmp_path, "one.md", "---\nid: glossary.x\ntitle: T\nkind: glossary\n---\nBody!\n")
    assert content_sha256(load_documents(tmp_path)) != before
