"""Scoring of an assessment, after the published DigCompSAT approach.

Pure functions of the items, the answers and the bands: no database, no clock, no
randomness, so the same answers always give the same levels. The rules are written
out for people in ``docs/assessments-scoring.md``; keep both in step.

1. Every scored item gets a value from 0 to 1 (``ANSWER_VALUES``).
2. An observed practical task overrides what the person said about the same skill:
   every self-rating and can-do item of that skill takes the task's value.
3. Attitude and context items are never scored.
4. The area score is the mean of the values of its answered scored items, rounded to
   three decimals (half up). An area without any answered scored item has no score.
5. The band is the highest band whose lower bound is at most the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SELF_RATING = "self_rating"
CAN_DO = "can_do"
TASK = "task"
ATTITUDE = "attitude"
CONTEXT = "context"

SELF_REPORTED = frozenset({SELF_RATING, CAN_DO})
SCORED_KINDS = SELF_REPORTED | {TASK}

# The value of every answer of a scored item. ``None``: the item was not answered
# (a task that was not tried), which leaves it out of the mean.
ANSWER_VALUES: dict[str, dict[str, Fraction | None]] = {
    SELF_RATING: {
        "cannot": Fraction(0),
        "with_help": Fraction(1, 3),
        "alone": Fraction(2, 3),
        "can_explain": Fraction(1),
    },
    CAN_DO: {"no": Fraction(0), "with_help": Fraction(1, 2), "yes": Fraction(1)},
    TASK: {
        "not_done": Fraction(0),
        "with_help": Fraction(1, 2),
        "done": Fraction(1),
        "not_tried": None,
    },
}

BAND_ORDER = ("low", "foundation", "intermediate", "advanced")
DEFAULT_BANDS = {"foundation": 0.25, "intermediate": 0.5, "advanced": 0.75}
THOUSANDTH = Decimal("0.001")


@dataclass(frozen=True)
class ScoredItem:
    """What scoring needs to know of an item."""

    key: str
    kind: str
    area: str
    skill: str = ""


@dataclass(frozen=True)
class AreaResult:
    area: str
    score: Decimal | None  # 0.000 .. 1.000, None when nothing was answered
    band: str | None
    items: int  # how many item values went into the mean
    overridden: int  # how many self-reported items took an observed task's value


def validate_bands(bands: Mapping[str, float]) -> dict[str, Decimal]:
    """Lower bounds of foundation < intermediate < advanced, all within (0, 1]."""
    try:
        bounds = {name: Decimal(str(bands[name])) for name in BAND_ORDER[1:]}
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ValueError("bands need a number for foundation, intermediate and advanced") from exc
    values = [bounds[name] for name in BAND_ORDER[1:]]
    if not (Decimal(0) < values[0] < values[1] < values[2] <= Decimal(1)):
        raise ValueError("band bounds must rise: 0 < foundation < intermediate < advanced <= 1")
    return bounds


def band_for(score: Decimal | None, bands: Mapping[str, float]) -> str | None:
    if score is None:
        return None
    bounds = validate_bands(bands)
    band = BAND_ORDER[0]
    for name in BAND_ORDER[1:]:
        if score >= bounds[name]:
            band = name
    return band


def item_value(kind: str, answer) -> Fraction | None:
    """The 0..1 value of one answer, or None (unanswered, unknown or unscored)."""
    if kind not in SCORED_KINDS or not isinstance(answer, str):
        return None
    return ANSWER_VALUES[kind].get(answer)


def _round(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        THOUSANDTH, rounding=ROUND_HALF_UP
    )


def score(
    items: Iterable[ScoredItem], answers: Mapping[str, object], bands: Mapping[str, float]
) -> dict[str, AreaResult]:
    """Area results for these answers; areas in the order of their first item."""
    items = [item for item in items if item.kind in SCORED_KINDS and item.area]
    observed: dict[str, list[Fraction]] = {}
    self_reported_skills = set()
    for item in items:
        if item.kind == TASK and item.skill:
            value = item_value(TASK, answers.get(item.key))
            if value is not None:
                observed.setdefault(item.skill, []).append(value)
        elif item.skill:
            self_reported_skills.add(item.skill)
    observed_value = {skill: sum(vals) / len(vals) for skill, vals in observed.items()}

    values: dict[str, list[Fraction]] = {}
    overridden: dict[str, int] = {}
    for item in items:
        values.setdefault(item.area, [])
        overridden.setdefault(item.area, 0)
        if item.kind == TASK:
            # A task counts through the self-reported items of its skill, if there are any.
            if item.skill and item.skill in self_reported_skills:
                continue
            value = item_value(TASK, answers.get(item.key))
        elif item.skill in observed_value:
            value = observed_value[item.skill]
            overridden[item.area] += 1
        else:
            value = item_value(item.kind, answers.get(item.key))
        if value is not None:
            values[item.area].append(value)

    results = {}
    for area, area_values in values.items():
        area_score = _round(sum(area_values) / len(area_values)) if area_values else None
        results[area] = AreaResult(
            area=area,
            score=area_score,
            band=band_for(area_score, bands),
            items=len(area_values),
            overridden=overridden[area] if area_values else 0,
        )
    return results
