"""The scoring rules (docs/assessments-scoring.md): deterministic, 0..1, override, bands."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digibank.assessments import scoring
from digibank.assessments.scoring import ScoredItem

ITEMS = [
    ScoredItem("a_self", "self_rating", "information", "search"),
    ScoredItem("a_cando", "can_do", "information", "judge"),
    ScoredItem("a_task", "task", "information", "search"),
    ScoredItem("b_self", "self_rating", "safety", "password"),
    ScoredItem("b_task", "task", "safety", "phishing"),  # no self-reported item: counts itself
    ScoredItem("c_attitude", "attitude", "", ""),
    ScoredItem("c_context", "context", "", ""),
]
BANDS = scoring.DEFAULT_BANDS


def answer_for(kind):
    if kind in scoring.ANSWER_VALUES:
        return st.one_of(st.none(), st.sampled_from(sorted(scoring.ANSWER_VALUES[kind])))
    return st.one_of(st.none(), st.text(max_size=5))


answers_strategy = st.fixed_dictionaries({i.key: answer_for(i.kind) for i in ITEMS}).map(
    lambda d: {k: v for k, v in d.items() if v is not None}
)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy)
def test_same_answers_give_the_same_levels(answers):
    first = scoring.score(ITEMS, answers, BANDS)
    again = scoring.score(list(reversed(ITEMS)), dict(reversed(list(answers.items()))), BANDS)
    assert {a: (r.score, r.band) for a, r in first.items()} == {
        a: (r.score, r.band) for a, r in again.items()
    }


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy)
def test_scores_stay_between_0_and_1_and_match_their_band(answers):
    for result in scoring.score(ITEMS, answers, BANDS).values():
        if result.score is None:
            assert result.band is None and result.items == 0
            continue
        assert Decimal(0) <= result.score <= Decimal(1)
        assert result.band == scoring.band_for(result.score, BANDS)


@settings(max_examples=200, deadline=None)
@given(
    answers=answers_strategy,
    task=st.sampled_from(["done", "with_help", "not_done"]),
    self_rating=st.sampled_from(sorted(scoring.ANSWER_VALUES["self_rating"])),
)
def test_an_observed_task_overrides_the_self_rating_of_the_same_skill(answers, task, self_rating):
    observed = {**answers, "a_task": task}
    said = scoring.score(ITEMS, {**observed, "a_self": self_rating}, BANDS)["information"]
    other = scoring.score(ITEMS, {**observed, "a_self": "cannot"}, BANDS)["information"]
    assert said.score == other.score  # what the person said no longer matters
    assert said.overridden == 1


def test_attitude_and_context_items_are_not_scored():
    base = {"a_self": "alone"}
    with_extra = {**base, "c_attitude": "agree", "c_context": "laptop"}
    assert scoring.score(ITEMS, base, BANDS) == scoring.score(ITEMS, with_extra, BANDS)
    assert set(scoring.score(ITEMS, base, BANDS)) == {"information", "safety"}


def test_worked_example_from_the_docs():
    answers = {"a_self": "can_explain", "a_cando": "with_help", "a_task": "not_done"}
    info = scoring.score(ITEMS, answers, BANDS)["information"]
    # a_self takes the task's 0 (override), a_cando 0.5: mean 0.25 -> foundation.
    assert info.score == Decimal("0.250") and info.band == "foundation" and info.items == 2
    not_tried = scoring.score(ITEMS, {**answers, "a_task": "not_tried"}, BANDS)["information"]
    # Not tried: no override. (1 + 0.5) / 2 = 0.75 -> advanced.
    assert not_tried.score == Decimal("0.750") and not_tried.band == "advanced"
    safety = scoring.score(ITEMS, {"b_task": "with_help"}, BANDS)["safety"]
    assert safety.score == Decimal("0.500") and safety.band == "intermediate"
    assert scoring.score(ITEMS, {}, BANDS)["safety"].score is None


def test_rounding_is_half_up_to_three_decimals():
    items = [ScoredItem(f"i{n}", "self_rating", "content", f"s{n}") for n in range(3)]
    result = scoring.score(items, {"i0": "alone", "i1": "cannot", "i2": "cannot"}, BANDS)
    assert result["content"].score == Decimal("0.222")  # 2/9


@pytest.mark.parametrize(
    "bands",
    [
        {"foundation": 0.5, "intermediate": 0.5, "advanced": 0.75},
        {"foundation": 0, "intermediate": 0.5, "advanced": 0.75},
        {"foundation": 0.2, "intermediate": 0.5, "advanced": 1.5},
        {"foundation": "x", "intermediate": 0.5, "advanced": 0.75},
        {"intermediate": 0.5, "advanced": 0.75},
    ],
)
def test_bad_bands_are_refused(bands):
    with pytest.raises(ValueError):
        scoring.validate_bands(bands)


def test_configurable_bands_change_the_level_not_the_score():
    answers = {"b_self": "alone"}  # 0.667
    strict = {"foundation": 0.4, "intermediate": 0.7, "advanced": 0.9}
    assert scoring.score(ITEMS, answers, BANDS)["safety"].band == "intermediate"
    assert scoring.score(ITEMS, answers, strict)["safety"].band == "foundation"
