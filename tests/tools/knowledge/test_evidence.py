"""Evidence: answers' free text indexed after commit, found per organization, quoted with
attribution, rebuilt from the store."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from factories import Workspace

from knowledge.embedding import HashedNgrams
from knowledge.index import KnowledgeIndex, open_client
from tools import analysis
from tools import campaigns as cmp
from tools import interview as iv
from tools.access import Caller
from tools.campaigns import MemberIn
from tools.errors import AnswerRejected
from tools.knowledge import KnowledgeService, find_evidence
from tools.knowledge import feed as evidence_feed
from tools.knowledge.evidence import EvidenceIndexer, evidence_text, rebuild_evidence

HANDOFFS = "cf_handoff_failures"
WAIT = "lb_decision_wait"
STORY = "about 8 a month, mostly trucks leaving before the warehouse has staged the pallets"


def _interview(ws: Workspace, name: str, department: str, role: str = "COO") -> tuple[Caller, str]:
    person = ws.person(name, role=role, department=department)
    caller = ws.caller("respondent", person.id)
    return caller, iv.start_interview(ws.store, caller, respondent_id=person.id).id


def _answer(ws: Workspace, who: tuple[Caller, str], question_id: str, text: str) -> None:
    caller, interview_id = who
    iv.record_answer(ws.store, caller, interview_id, text=text, question_id=question_id)


@pytest.mark.parametrize(
    ("raw", "evidence", "expected"),
    [
        ("8 a month", None, None),
        ("about 3 days", "", None),
        (STORY, None, STORY),
        ("8 a month", "the trucks leave early", "the trucks leave early"),
        (STORY, STORY, STORY),
    ],
)
def test_evidence_text_keeps_words_not_bare_figures(
    raw: str, evidence: str | None, expected: str | None
) -> None:
    assert evidence_text(raw, evidence) == expected


def test_answer_with_a_story_is_indexed_and_quoted_with_its_speaker(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    olga = _interview(workspace, "Olga", "Operations")
    _answer(workspace, olga, HANDOFFS, STORY)
    assert knowledge.flush()

    quotes = find_evidence(knowledge, workspace.store, workspace.admin, "handoffs to transport")

    assert [q.text for q in quotes] == [STORY]
    assert quotes[0].speaker == "Olga, COO (Operations)"
    assert quotes[0].domain == "cross_functional_alignment"


def test_bare_figure_and_rejected_answer_are_not_indexed(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    olga = _interview(workspace, "Olga", "Operations")
    _answer(workspace, olga, HANDOFFS, "8 a month")
    with pytest.raises(AnswerRejected):
        _answer(workspace, olga, WAIT, "it depends on who is around that week honestly")
    assert knowledge.flush()
    assert knowledge.index.count_evidence(workspace.org.id) == 0


def test_another_organization_never_sees_the_quotes(
    workspace: Workspace, other_workspace: Workspace, knowledge: KnowledgeService
) -> None:
    knowledge.attach(other_workspace.store)
    _answer(workspace, _interview(workspace, "Olga", "Operations"), HANDOFFS, STORY)
    assert knowledge.flush()
    assert find_evidence(knowledge, workspace.store, other_workspace.admin, "trucks") == []
    assert find_evidence(knowledge, workspace.store, workspace.admin, "trucks")


def test_respondent_finds_only_their_own_words_viewer_finds_all(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    olga = _interview(workspace, "Olga", "Operations")
    cathy = _interview(workspace, "Cathy", "Finance", role="CFO")
    _answer(workspace, olga, HANDOFFS, STORY)
    _answer(workspace, cathy, WAIT, "about 5 days because every purchase order waits for me")
    assert knowledge.flush()

    own = find_evidence(knowledge, workspace.store, cathy[0], "trucks and purchase orders")
    assert [q.speaker for q in own] == ["Cathy, CFO (Finance)"]
    viewer = workspace.caller("viewer")
    everyone = find_evidence(knowledge, workspace.store, viewer, "trucks and purchase orders")
    assert len(everyone) == 2


def test_department_filter_and_department_only_label(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    olga = _interview(workspace, "Olga", "Operations")
    cathy = _interview(workspace, "Cathy", "Finance", role="CFO")
    _answer(workspace, olga, HANDOFFS, STORY)
    _answer(workspace, cathy, "cf_handoff_cost", "about $3k each when invoice and order differ")
    cmp.create_campaign(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        name="Candid",
        due_at=datetime(2026, 3, 12),
        attribution="department",
        members=[MemberIn(respondent_id=olga[0].respondent_id or "")],
        now=datetime(2026, 3, 2) - timedelta(days=1),
    )
    assert knowledge.flush()

    ops = find_evidence(
        knowledge, workspace.store, workspace.admin, "handoffs", department="operations"
    )
    assert [q.speaker for q in ops] == ["a leader in Operations"]
    assert "Olga" not in ops[0].model_dump_json()


def test_explain_domain_cites_up_to_three_quotes_for_detail_roles(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    places = ("the dock", "the yard", "the warehouse", "the plant")
    for n, place in enumerate(places):
        who = _interview(workspace, f"Lead {n}", "Operations")
        _answer(workspace, who, HANDOFFS, f"{n + 5} a month: trucks leave {place} before staging")
    assert knowledge.flush()

    drag = analysis.explain_domain(
        workspace.store, workspace.admin, "cross_functional_alignment", knowledge=knowledge
    )
    assert len(drag.quotes) == 3
    assert all(q.speaker.startswith("Lead ") for q in drag.quotes)
    plain = analysis.explain_domain(workspace.store, workspace.admin, "cross_functional_alignment")
    assert plain.quotes == []
    respondent = workspace.caller("respondent", workspace.person("Rita").id)
    hidden = analysis.explain_domain(
        workspace.store, respondent, "cross_functional_alignment", knowledge=knowledge
    )
    assert hidden.quotes == []


def test_rebuild_from_store_matches_live_indexing(
    workspace: Workspace, knowledge: KnowledgeService
) -> None:
    olga = _interview(workspace, "Olga", "Operations")
    _answer(workspace, olga, HANDOFFS, STORY)
    _answer(workspace, olga, HANDOFFS, "make it 10")  # a bare figure keeps the story
    assert knowledge.flush()
    live = knowledge.index.count_evidence(workspace.org.id)

    counts = rebuild_evidence(knowledge.index, workspace.store, [workspace.org.id])

    assert counts == {workspace.org.id: live} == {workspace.org.id: 1}
    quotes = find_evidence(knowledge, workspace.store, workspace.admin, "trucks")
    assert [q.text for q in quotes] == [STORY]


def test_answer_turn_never_waits_for_the_index(workspace: Workspace, tmp_path: Path) -> None:
    """Opening the index (chromadb import, model load) happens on the indexer's thread."""
    release = threading.Event()
    opened: list[KnowledgeIndex] = []

    def slow_open() -> KnowledgeIndex:
        release.wait(timeout=30)
        opened.append(KnowledgeIndex(open_client(data_dir=tmp_path / "slow"), HashedNgrams()))
        return opened[-1]

    indexer = EvidenceIndexer(slow_open)
    evidence_feed.subscribe(workspace.store, indexer.on_answers)
    try:
        _answer(workspace, _interview(workspace, "Olga", "Operations"), HANDOFFS, STORY)
        assert not opened  # the answer is recorded while the index is still opening
        release.set()
        assert indexer.flush()
        assert opened[0].count_evidence(workspace.org.id) == 1
    finally:
        evidence_feed.unsubscribe(workspace.store, indexer.on_answers)
        for index in opened:
            index.close()
