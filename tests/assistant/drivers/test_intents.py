"""Intent classification for the rules driver: commands, answers, corrections, result questions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.drivers import Intent, ParsedIntent, classify, match_domain
from assistant.drivers.intents import MAX_COMMAND
from scoring import DOMAINS
from tools.parsing import Choice

CADENCE = (
    Choice(label="Weekly", value=7, aliases=("every week",)),
    Choice(label="Next day", value=1, aliases=("tomorrow",)),
    Choice(label="Don't know", value=0),
)
QUESTION_TYPES = [None, "money", "count", "duration", "percent", "scale_1_5", "yes_no", "choice"]


def _intent(text: str, qtype: str | None = "count", *, awaiting: bool = True) -> Intent:
    return classify(text, awaiting_answer=awaiting, question_type=qtype).intent


# -- whole-message commands -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("skip", Intent.SKIP),
        ("next", Intent.SKIP),
        ("pass", Intent.SKIP),
        ("pass on this one", Intent.SKIP),
        ("rather not say", Intent.SKIP),
        ("I'd rather not answer that", Intent.SKIP),
        ("can we skip this?", Intent.SKIP),
        ("I'll pass", Intent.SKIP),
        ("next question please", Intent.SKIP),
        ("back", Intent.BACK),
        ("go back", Intent.BACK),
        ("previous question", Intent.BACK),
        ("undo", Intent.BACK),
        ("can we go back one", Intent.BACK),
        ("pause", Intent.PAUSE),
        ("stop for now", Intent.PAUSE),
        ("let's continue later", Intent.PAUSE),
        ("gotta run", Intent.PAUSE),
        ("brb", Intent.PAUSE),
        ("not now", Intent.PAUSE),
        ("let's pick this up tomorrow", Intent.PAUSE),
        ("resume", Intent.RESUME),
        ("continue", Intent.RESUME),
        ("let's go on", Intent.RESUME),
        ("I'm back", Intent.RESUME),
        ("start", Intent.RESUME),
        ("status", Intent.STATUS),
        ("how far am I", Intent.STATUS),
        ("how many left", Intent.STATUS),
        ("how many questions are left?", Intent.STATUS),
        ("progress", Intent.STATUS),
        ("help", Intent.HELP),
        ("?", Intent.HELP),
        ("how does this work", Intent.HELP),
        ("what can I say", Intent.HELP),
        ("I don't know how this works", Intent.HELP),
    ],
)
def test_classify_whole_command_wins(text: str, intent: Intent) -> None:
    for qtype in QUESTION_TYPES:
        assert _intent(text, qtype) is intent, qtype
    assert _intent(text, None, awaiting=False) is intent


@pytest.mark.parametrize(
    "text",
    [
        "SKIP",
        "skip.",
        "Skip!!",
        "ok so skip",
        "hmm, skip please",
        "skip 🙏",
        "Ok so, SKIP please!! 🙏",
    ],
)
def test_classify_padding_case_punctuation_emoji_ignored(text: str) -> None:
    assert _intent(text) is Intent.SKIP


def test_classify_command_payload_is_original_text() -> None:
    assert classify("Skip, please!", awaiting_answer=True) == ParsedIntent(
        Intent.SKIP, "Skip, please!", None
    )


# -- answers that look like commands ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qtype"),
    [
        ("no", "yes_no"),  # an answer, not a refusal
        ("nope", "yes_no"),
        ("ok", "yes_no"),  # reads as yes
        ("next week", "duration"),  # unreadable, but an attempt: re-asked by the engine
        ("we go back and forth for 3 days", "duration"),
        ("2, skip the rest", "count"),  # 2 is recorded; the rest is not acted on
        ("sure, gotta run", "yes_no"),
        ("3-5 days", "duration"),
        ("about $40k a month", "money"),
        ("approvals mostly, gotta run", "text"),
        ("Change approvals to a weekly cadence", "text"),
        ("actually the biggest issue is approvals", "text"),
        ("the total is about 900k", "money"),
    ],
)
def test_classify_answer_with_command_words_stays_answer(text: str, qtype: str) -> None:
    assert classify(text, awaiting_answer=True, question_type=qtype) == ParsedIntent(
        Intent.ANSWER, text, None
    )


def test_classify_choice_option_with_command_word_is_answer() -> None:
    parsed = classify("next day", awaiting_answer=True, question_type="choice", choices=CADENCE)
    assert parsed.intent is Intent.ANSWER


@pytest.mark.parametrize(
    ("text", "qtype", "intent"),
    [
        ("sorry, gotta run", "count", Intent.PAUSE),
        ("not now, gotta run", "yes_no", Intent.PAUSE),  # "not" alone would read as no
        ("gotta run to a meeting", "count", Intent.PAUSE),
        ("I'd rather skip this one, sorry", "text", Intent.SKIP),
        ("no, I'd rather not say", "yes_no", Intent.SKIP),
        ("hmm honestly I'd rather not say that", "money", Intent.SKIP),
        ("ok I'm back, sorry about that", None, Intent.RESUME),
    ],
)
def test_classify_command_inside_non_answer_is_command(
    text: str, qtype: str | None, intent: Intent
) -> None:
    assert _intent(text, qtype) is intent


def test_classify_choices_sharpen_answer_check() -> None:
    # Without the options any leftover words might be an answer; with them, they are not.
    text = "gotta run to a meeting"
    assert _intent(text, "choice") is Intent.ANSWER
    with_options = classify(text, awaiting_answer=True, question_type="choice", choices=CADENCE)
    assert with_options.intent is Intent.PAUSE


# -- don't know ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["don't know", "no idea", "not sure", "Honestly, no idea!", "IDK"])
@pytest.mark.parametrize("qtype", ["count", "duration", "money", "yes_no", "text", None])
def test_classify_dont_know_is_dont_know(text: str, qtype: str | None) -> None:
    assert _intent(text, qtype) is Intent.DONT_KNOW


@pytest.mark.parametrize("text", ["don't know", "not sure", "no idea"])
def test_classify_dont_know_to_choice_is_answer(text: str) -> None:
    # The options may include "Don't know"; the engine re-asks if none matches.
    assert _intent(text, "choice") is Intent.ANSWER
    parsed = classify(text, awaiting_answer=True, question_type="choice", choices=CADENCE)
    assert parsed.intent is Intent.ANSWER


def test_classify_dont_know_with_number_is_answer() -> None:
    assert _intent("not sure, maybe 3 days", "duration") is Intent.ANSWER


# -- questions about results ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("what's our biggest drag?", Intent.BIGGEST_DRAG, None),
        ("is our drag shrinking?", Intent.TREND, None),
        ("what changed since last quarter?", Intent.TREND, None),
        ("are we getting better?", Intent.TREND, None),
        ("did the drag go down?", Intent.TREND, None),
        ("show me the trend", Intent.TREND, None),
        ("where are we losing the most", Intent.BIGGEST_DRAG, None),
        ("top risk", Intent.BIGGEST_DRAG, None),
        ("what should we fix first", Intent.BIGGEST_DRAG, None),
        ("why is leadership first?", Intent.WHY, "leadership_bandwidth"),
        ("why hiring?", Intent.WHY, "hiring_friction"),
        ("explain training roi", Intent.WHY, "training_roi"),
        ("what's behind cross-functional", Intent.WHY, "cross_functional_alignment"),
        ("tell me about the AI one", Intent.WHY, "ai_readiness"),
        ("why?", Intent.WHY, None),
        ("where does the money leak?", Intent.LEAKS, None),
        ("show me the breakdown", Intent.LEAKS, None),
        ("what's the total", Intent.LEAKS, None),
        ("score", Intent.LEAKS, None),
        ("results", Intent.LEAKS, None),
        ("how much are we losing?", Intent.LEAKS, None),
    ],
)
def test_classify_result_question(text: str, intent: Intent, target: str | None) -> None:
    for awaiting, qtype in [(False, None), (True, "count"), (True, "text"), (True, "yes_no")]:
        parsed = classify(text, awaiting_answer=awaiting, question_type=qtype)
        assert parsed == ParsedIntent(intent, text, target), (awaiting, qtype)


@pytest.mark.parametrize(
    "text", ["ok so what's our biggest drag?", "hmm, and the total?", "sure — why hiring?"]
)
def test_classify_result_question_anywhere_while_answering(text: str) -> None:
    assert _intent(text, "yes_no") in {Intent.BIGGEST_DRAG, Intent.LEAKS, Intent.WHY}


def test_classify_result_words_in_free_text_answer_stay_answer() -> None:
    assert _intent("the biggest issue is approvals", "text") is Intent.ANSWER


# -- changing an answer ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "payload", "target"),
    [
        ("change my answer to 5 days", "5 days", None),
        ("actually it's more like 5 days", "5 days", None),
        ("correction: 40k", "40k", None),
        ("change my answer on decision wait to 5 days", "5 days", "decision wait"),
        ("update the hiring one to 60 days", "60 days", "the hiring one"),
        ("Change it to 40 to 60 days", "40 to 60 days", None),
        ("change my answer on time to hire to 60 days", "60 days", "time to hire"),
        ("change decision wait to 5 days please", "5 days", "decision wait"),
        ("correction on decision wait: 5 days", "5 days", "decision wait"),
        ("sorry, I meant 5", "5", None),
        ("make that $40K", "$40K", None),
        ("actually, no", "no", None),
        ("actually decision wait is 4 days, not 3", "4 days", "decision wait"),
        ("change my answer to don't know", "don't know", None),
        ("can I change my answer to 5 days?", "5 days", None),
        ("change it to 5 days, not 3. thanks!", "5 days", None),
    ],
)
def test_classify_revise_reads_value_and_target(
    text: str, payload: str, target: str | None
) -> None:
    for awaiting in (True, False):
        parsed = classify(text, awaiting_answer=awaiting, question_type="count")
        assert parsed == ParsedIntent(Intent.REVISE, payload, target)


def test_classify_revise_without_value_goes_back_or_names_question() -> None:
    assert _intent("change my answer") is Intent.BACK
    parsed = classify("change my answer on hiring", awaiting_answer=True)
    assert parsed == ParsedIntent(Intent.REVISE, "", "hiring")


def test_classify_revise_while_free_text_pending_needs_pointer() -> None:
    text = "Update the ERP to SAP by 2025"
    assert _intent(text, "count") is Intent.REVISE
    assert _intent(text, "text") is Intent.ANSWER
    assert _intent("change the hiring one to 60 days", "text") is Intent.REVISE


def test_classify_actually_before_command_is_command() -> None:
    assert _intent("actually, skip this one") is Intent.SKIP


# -- greetings and nothing pending --------------------------------------------------------


@pytest.mark.parametrize("text", ["hi", "Hello!", "thanks", "thank you so much", "hey there"])
def test_classify_greeting_is_greeting(text: str) -> None:
    for awaiting, qtype in [(True, "count"), (True, "text"), (True, "yes_no"), (False, None)]:
        assert _intent(text, qtype, awaiting=awaiting) is Intent.GREETING


def test_classify_ok_answers_yes_no_else_greets() -> None:
    assert _intent("ok", "yes_no") is Intent.ANSWER
    assert _intent("ok", "count") is Intent.GREETING
    assert _intent("ok", None, awaiting=False) is Intent.GREETING


def test_classify_nothing_pending_defaults() -> None:
    assert _intent("5 days", None, awaiting=False) is Intent.ANSWER  # engine: not_understood
    assert _intent("yes", None, awaiting=False) is Intent.RESUME  # "Ready?" "Yes"
    assert _intent("yes", "yes_no") is Intent.ANSWER
    assert _intent("👍", None, awaiting=False) is Intent.GREETING
    assert _intent("", None, awaiting=False) is Intent.ANSWER
    assert _intent("", "count") is Intent.ANSWER  # the parser says it's empty


def test_classify_long_message_is_answer() -> None:
    text = "skip " + "x" * MAX_COMMAND
    assert _intent(text, "text") is Intent.ANSWER


def test_classify_bad_unit_raises() -> None:
    with pytest.raises(ValueError, match="unit"):
        classify("5", awaiting_answer=True, question_type="count", unit="parsecs")


# -- domains ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("leadership", "leadership_bandwidth"),
        ("decisions", "leadership_bandwidth"),
        ("approvals", "leadership_bandwidth"),
        ("handoffs", "cross_functional_alignment"),
        ("Cross-Functional", "cross_functional_alignment"),
        ("hiring", "hiring_friction"),
        ("vacancies", "hiring_friction"),
        ("training", "training_roi"),
        ("knowledge", "knowledge_transfer"),
        ("tribal", "knowledge_transfer"),
        ("AI", "ai_readiness"),
        ("automation", "ai_readiness"),
        ("upskilling", "ai_readiness"),
        ("internal risk", "internal_risk"),
        ("compliance", "internal_risk"),
        ("exceptions", "internal_risk"),
        ("org alignment", "organizational_alignment"),
        ("incentives", "organizational_alignment"),
        ("ownership", "organizational_alignment"),
        ("external", "external_risk"),
        ("supplier", "external_risk"),
        ("cyber", "external_risk"),
        ("decision cadence", "organizational_alignment"),  # longest phrase wins
        ("why is hiring above training?", "hiring_friction"),  # first named on a tie
    ],
)
def test_match_domain_words(text: str, key: str) -> None:
    assert match_domain(text) == key


@pytest.mark.parametrize(("key", "label"), [(d.key, d.label) for d in DOMAINS])
def test_match_domain_keys_and_labels(key: str, label: str) -> None:
    assert match_domain(key) == key
    assert match_domain(label) == key
    assert match_domain(f"why is {label.upper()} so high?") == key


@pytest.mark.parametrize("text", ["", "risk", "alignment", "she said so", "the weather", "?"])
def test_match_domain_nothing_named_none(text: str) -> None:
    assert match_domain(text) is None


# -- properties -------------------------------------------------------------------------

FAST = settings(max_examples=200, deadline=None)


@FAST
@given(
    text=st.text(),
    awaiting=st.booleans(),
    qtype=st.sampled_from([*QUESTION_TYPES, "text", "unknown"]),
)
def test_classify_any_text_never_raises(text: str, awaiting: bool, qtype: str | None) -> None:
    parsed = classify(text, awaiting_answer=awaiting, question_type=qtype)
    assert parsed == classify(text, awaiting_answer=awaiting, question_type=qtype)
    if parsed.intent is Intent.REVISE:
        assert parsed.payload in text or not parsed.payload
    else:
        assert parsed.payload == text
    if parsed.intent is Intent.WHY:
        assert parsed.target is None or parsed.target in {d.key for d in DOMAINS}
    elif parsed.intent is not Intent.REVISE:
        assert parsed.target is None


@FAST
@given(text=st.text(), choices=st.booleans())
def test_classify_choice_never_raises(text: str, choices: bool) -> None:
    options = CADENCE if choices else ()
    classify(text, awaiting_answer=True, question_type="choice", choices=options)


@FAST
@given(text=st.text())
def test_match_domain_any_text_key_or_none(text: str) -> None:
    assert match_domain(text) in {None, *(d.key for d in DOMAINS)}
