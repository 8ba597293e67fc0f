"""From the Digiscan's context and levels to concrete next steps (documented rules)."""

import pytest

from digibank.assessments.nextsteps import next_steps

GOOD = {a: "intermediate" for a in ["information", "communication", "content", "safety"]}
GOOD["problem_solving"] = "advanced"


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({"devices": ["smartphone"], "itsme": "not_active"}, {"lend_laptop", "setup_itsme"}),
        ({"devices": ["computer"], "internet": "none"}, {"internet_at_home", "social_tariff"}),
        ({"devices": ["computer"], "internet": "mobile_only"}, {"social_tariff"}),
        (
            {"devices": ["computer"], "costs_hard": "yes", "subscriptions": ["social_tariff"]},
            set(),
        ),
        ({"devices": ["tablet"], "eid": "no_pin"}, {"eid_pin"}),
        (
            {"devices": ["computer"], "card_reader": "no", "itsme": "not_active"},
            {"card_reader"},
        ),
        ({"devices": ["computer"], "card_reader": "no", "itsme": "active"}, set()),
    ],
)
def test_context_rules(context, expected):
    steps = set(next_steps(context, GOOD)) - {"practise_alone"}
    assert steps == expected


def test_level_rules():
    low = {**GOOD, "safety": "low", "problem_solving": "foundation"}
    assert next_steps({}, low) == ["basic_course", "safety_course", "e_government"]
    assert next_steps({}, GOOD) == ["practise_alone"]
    assert next_steps({}, {}) == []


def test_steps_come_in_a_fixed_order():
    context = {"devices": ["smartphone"], "itsme": "dont_know", "internet": "none"}
    assert next_steps(context, GOOD) == [
        "lend_laptop",
        "internet_at_home",
        "social_tariff",
        "setup_itsme",
        "practise_alone",
    ]
