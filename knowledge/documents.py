"""The knowledge base as documents: glossary terms, drivers and playbooks in `knowledge/kb/`.

Each Markdown file is one document with YAML front matter (`id`, `title`, `kind`, `domain`,
optional `source`). Documents are cut into passages of a few paragraphs for the index; every
passage is embedded with its document's title in front, so a passage deep in a playbook still
says what it is about.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal, cast, get_args

import yaml

from knowledge.errors import KnowledgeError
from scoring.catalog import DOMAIN_LABELS

Kind = Literal["glossary", "driver", "playbook"]
KINDS: tuple[str, ...] = get_args(Kind)
GENERAL = "general"
KB_DIR = "kb"
# About a screen of text: long enough to carry an idea, short enough to quote.
PASSAGE_CHARS = 700
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")


@dataclass(frozen=True, slots=True)
class KbDocument:
    id: str
    title: str
    kind: Kind
    domain: str
    body: str
    source: str
    path: str


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    doc_id: str
    title: str
    kind: Kind
    domain: str
    text: str
    source: str

    @property
    def embedded_text(self) -> str:
        return f"{self.title}. {self.text}"


def _parse(file: Traversable, name: str) -> KbDocument:
    text = file.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if match is None:
        msg = f"{name}: expected YAML front matter between '---' lines"
        raise KnowledgeError(msg)
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        msg = f"{name}: invalid front matter: {exc}"
        raise KnowledgeError(msg) from exc
    problems = []
    doc_id, kind, domain = meta.get("id", ""), meta.get("kind"), meta.get("domain", GENERAL)
    if not isinstance(doc_id, str) or not _ID.match(doc_id):
        problems.append(f"id {doc_id!r} is not like 'driver.decision_latency'")
    if kind not in KINDS:
        problems.append(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if domain != GENERAL and domain not in DOMAIN_LABELS:
        problems.append(f"domain {domain!r} is not a domain key or {GENERAL!r}")
    if not meta.get("title"):
        problems.append("title is missing")
    body = match.group(2).strip()
    if not body:
        problems.append("the body is empty")
    if problems:
        msg = f"{name}: {'; '.join(problems)}"
        raise KnowledgeError(msg)
    return KbDocument(
        id=doc_id,
        title=str(meta["title"]),
        kind=cast(Kind, kind),
        domain=domain,
        body=body,
        source=str(meta.get("source", "oiar knowledge base")),
        path=name,
    )


def _markdown_files(root: Traversable) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in root.iterdir():
        if entry.is_dir():
            found += [(f"{entry.name}/{n}", f) for n, f in _markdown_files(entry)]
        elif entry.name.endswith(".md") and entry.name != "README.md":
            found.append((entry.name, entry))
    return sorted(found, key=lambda pair: pair[0])


def load_documents(location: Path | str | None = None) -> tuple[KbDocument, ...]:
    """Every knowledge-base document, sorted by path; ids must be unique."""
    if location is None:
        return _packaged_documents()
    return _load(Path(location))


@functools.cache
def _packaged_documents() -> tuple[KbDocument, ...]:
    return _load(files("knowledge").joinpath(KB_DIR))


def _load(root: Traversable) -> tuple[KbDocument, ...]:
    docs = tuple(_parse(file, f"{KB_DIR}/{name}") for name, file in _markdown_files(root))
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.id in seen:
            msg = f"{doc.path}: id {doc.id!r} is also used by {seen[doc.id]}"
            raise KnowledgeError(msg)
        seen[doc.id] = doc.path
    return docs


def passages(doc: KbDocument, limit: int = PASSAGE_CHARS) -> list[Passage]:
    """Paragraphs grouped up to `limit` characters; a longer paragraph stands alone."""
    chunks: list[str] = []
    current = ""
    for paragraph in (p.strip() for p in doc.body.split("\n\n")):
        if not paragraph:
            continue
        if current and len(current) + len(paragraph) + 2 > limit:
            chunks.append(current)
            current = paragraph
        else:
            current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        chunks.append(current)
    return [
        Passage(
            id=f"{doc.id}#{n}",
            doc_id=doc.id,
            title=doc.title,
            kind=doc.kind,
            domain=doc.domain,
            text=chunk,
            source=doc.source,
        )
        for n, chunk in enumerate(chunks)
    ]


def all_passages(docs: tuple[KbDocument, ...]) -> list[Passage]:
    return [p for doc in docs for p in passages(doc)]


def content_sha256(docs: tuple[KbDocument, ...]) -> str:
    """A digest of everything indexed: a changed document means the index is stale."""
    digest = hashlib.sha256()
    for doc in docs:
        for part in (doc.id, doc.title, doc.kind, doc.domain, doc.source, doc.body):
            digest.update(part.encode())
            digest.update(b"\0")
    return digest.hexdigest()
