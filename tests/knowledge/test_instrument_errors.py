"""A broken instrument folder fails loudly, naming the file, the question and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge import KnowledgeError, load_instrument


def _question(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": "lb_escalated_decisions",
        "domain": "leadership_bandwidth",
        "feeds": "escalated_decisions_per_month",
        "text": "Roughly how many decisions a month go up a level for sign-off?",
        "type": "count",
        "unit": "per_month",
        "bounds": [0, 5000],
        "example": "about 15 a month",
        "ask": ["ops", "exec"],
        "worse_when": "higher",
        "why": "Each escalation pauses work while it waits.",
        "priority": 1,
    }
    fields.update(overrides)
    return fields


def _write(folder: Path, name: str, questions: list[dict[str, Any]]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(questions, sort_keys=False), encoding="utf-8")
    return path


def test_load_instrument_valid_folder_loads(tmp_path: Path) -> None:
    _write(tmp_path, "leadership_bandwidth.yaml", [_question()])
    instrument = load_instrument(tmp_path)
    assert list(instrument.by_id) == ["lb_escalated_decisions"]


def test_load_instrument_accepts_a_string_path(tmp_path: Path) -> None:
    _write(tmp_path, "leadership_bandwidth.yaml", [_question()])
    assert len(load_instrument(str(tmp_path)).questions) == 1


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"feeds": "decisions_per_fortnight"}, "feeds unknown input 'decisions_per_fortnight'"),
        ({"unit": "per_week"}, "unit 'per_week' does not match"),
        ({"worse_when": "lower"}, "worse_when 'lower' does not match"),
        ({"type": "money"}, "type 'money' does not match"),
        ({"bounds": [-1, 10]}, "fall outside input"),
        ({"bounds": [10, 1]}, "low <= high"),
        ({"type": "choice"}, "a choice question needs choices"),
        ({"choices": [{"label": "Daily", "value": 1}]}, "only choice questions take choices"),
        ({"ask": ["ops", "marketing"]}, "ask"),
        ({"priority": 4}, "priority"),
        ({"colour": "red"}, "colour"),
        ({"id": "xx_escalated_decisions"}, "should start with 'lb_'"),
        ({"domain": "training_roi"}, "does not match the file"),
    ],
)
def test_load_instrument_bad_question_names_file_id_and_problem(
    tmp_path: Path, overrides: dict[str, Any], problem: str
) -> None:
    path = _write(tmp_path, "leadership_bandwidth.yaml", [_question(**overrides)])
    qid = overrides.get("id", "lb_escalated_decisions")
    with pytest.raises(KnowledgeError) as info:
        load_instrument(tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert repr(qid) in message
    assert problem in message


def test_load_instrument_scale_bounds_outside_1_to_5_raise(tmp_path: Path) -> None:
    question = _question(
        id="oa_ownership_clarity",
        domain="organizational_alignment",
        feeds="ownership_clarity",
        type="scale_1_5",
        unit="scale_1_5",
        bounds=[0, 10],
        worse_when="lower",
    )
    _write(tmp_path, "organizational_alignment.yaml", [question])
    with pytest.raises(KnowledgeError, match="oa_ownership_clarity.*fall outside input"):
        load_instrument(tmp_path)


def test_load_instrument_choice_value_outside_bounds_raises(tmp_path: Path) -> None:
    question = _question(
        id="oa_decision_cadence",
        domain="organizational_alignment",
        feeds="decision_cadence_days",
        type="choice",
        unit="days",
        bounds=[0, 30],
        choices=[{"label": "Weekly", "value": 7}, {"label": "Quarterly", "value": 91}],
    )
    _write(tmp_path, "organizational_alignment.yaml", [question])
    with pytest.raises(KnowledgeError, match=r"choices \['Quarterly'\] have values outside"):
        load_instrument(tmp_path)


def test_load_instrument_duplicate_id_raises(tmp_path: Path) -> None:
    # Ids carry their file's domain prefix, so a duplicate can only sit in the same file.
    path = _write(tmp_path, "leadership_bandwidth.yaml", [_question(), _question()])
    with pytest.raises(KnowledgeError) as info:
        load_instrument(tmp_path)
    assert str(path) in str(info.value)
    assert "'lb_escalated_decisions': duplicate id" in str(info.value)


def test_load_instrument_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "leadership_bandwidth.yaml"
    path.write_text("- id: lb_x\n  text: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"leadership_bandwidth\.yaml: invalid YAML at line"):
        load_instrument(tmp_path)


def test_load_instrument_not_a_list_raises(tmp_path: Path) -> None:
    (tmp_path / "leadership_bandwidth.yaml").write_text("id: lb_x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="expected a non-empty list of questions"):
        load_instrument(tmp_path)


def test_load_instrument_question_without_id_named_by_position(tmp_path: Path) -> None:
    question = _question()
    del question["id"]
    _write(tmp_path, "leadership_bandwidth.yaml", [question])
    with pytest.raises(KnowledgeError, match="question #1: id: Field required"):
        load_instrument(tmp_path)


def test_load_instrument_unknown_file_name_raises(tmp_path: Path) -> None:
    _write(tmp_path, "culture.yaml", [_question()])
    with pytest.raises(KnowledgeError, match=r"culture\.yaml: unknown file"):
        load_instrument(tmp_path)


def test_load_instrument_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such instrument folder"):
        load_instrument(tmp_path / "nowhere")


def test_load_instrument_empty_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"no question files"):
        load_instrument(tmp_path)
