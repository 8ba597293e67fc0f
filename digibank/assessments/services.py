"""Every write of the assessments module, and the reads that need more than a queryset.

Keyword-only arguments, the acting user, no request. Domain errors are
``AssessmentError`` with a message for the user.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digibank.assessments import scoring
from digibank.assessments.models import (
    ADDABLE_KINDS,
    Area,
    AreaScore,
    Assessment,
    Audience,
    Item,
    ItemKind,
    QuestionSet,
    QuestionSetVersion,
    ScreeningRound,
    new_token,
)
from digibank.assessments.nextsteps import next_steps
from digibank.audit import services as audit
from digibank.core import stats
from digibank.people.models import Service
from digibank.people.services import record_activity

FOLLOW_UP_AFTER = datetime.timedelta(days=91)


class AssessmentError(Exception):
    """A rule of the domain was broken; ``str(error)`` is shown to the user."""


# Question sets and versions -------------------------------------------------------------


@transaction.atomic
def new_version(*, question_set: QuestionSet, by) -> QuestionSetVersion:
    """A draft copy of the latest version, to edit. A published version never changes."""
    if question_set.digibank_id is None:
        raise AssessmentError(
            _("The default question sets change only with an update of the platform.")
        )
    QuestionSet.objects.select_for_update().get(pk=question_set.pk)
    if question_set.versions.filter(published_at__isnull=True).exists():
        raise AssessmentError(_("There is already a draft version. Change or publish it first."))
    latest = question_set.versions.order_by("-number").first()
    version = QuestionSetVersion.objects.create(
        question_set=question_set,
        number=(latest.number + 1) if latest else 1,
        bands=dict(latest.bands) if latest else dict(scoring.DEFAULT_BANDS),
    )
    if latest:
        _copy_items(latest, version)
    return version


def _copy_items(source: QuestionSetVersion, target: QuestionSetVersion) -> None:
    Item.objects.bulk_create(
        Item(
            version=target,
            key=i.key,
            position=i.position,
            screen=i.screen,
            kind=i.kind,
            area=i.area,
            skill=i.skill,
            text=i.text,
            hint=i.hint,
            options=i.options,
            multiple=i.multiple,
        )
        for i in source.items.all()
    )


@transaction.atomic
def adopt(*, question_set: QuestionSet, digibank, by) -> QuestionSet:
    """The digibank's own copy of a default set, as a draft to adapt (bands, wording)."""
    source = question_set.latest_published()
    if question_set.digibank_id is not None or source is None:
        raise AssessmentError(_("Only a published default question set can be copied."))
    key = f"{question_set.key}-{digibank.slug}"[:50]
    if QuestionSet.objects.filter(digibank=digibank, key=key).exists():
        raise AssessmentError(_("Your digibank already has its own copy of this question set."))
    own = QuestionSet.objects.create(
        digibank=digibank,
        key=key,
        audience=question_set.audience,
        title=question_set.title,
        description=question_set.description,
    )
    version = QuestionSetVersion.objects.create(
        question_set=own, number=1, bands=dict(source.bands)
    )
    _copy_items(source, version)
    return own


def _require_draft(version: QuestionSetVersion) -> None:
    if version.is_published:
        raise AssessmentError(_("A published version cannot be changed. Make a new version."))


@transaction.atomic
def set_bands(*, version: QuestionSetVersion, bands: dict, by) -> None:
    _require_draft(version)
    try:
        scoring.validate_bands(bands)
    except ValueError as exc:
        raise AssessmentError(
            _("The lowest scores must rise: foundation < intermediate < advanced, up to 1.")
        ) from exc
    version.bands = {name: float(bands[name]) for name in scoring.BAND_ORDER[1:]}
    version.save()


@transaction.atomic
def set_item_text(*, item: Item, text: dict, by) -> None:
    _require_draft(item.version)
    if not (text.get("nl") or "").strip():
        raise AssessmentError(_("The Dutch text is required."))
    item.text = {lang: (text.get(lang) or "").strip() for lang in ("nl", "fr", "en")}
    item.save(update_fields=["text"])


@transaction.atomic
def add_item(
    *,
    version: QuestionSetVersion,
    by,
    kind: str,
    area: str,
    screen: int,
    text: dict,
    skill: str = "",
) -> Item:
    """Add a question at the end of a screen of a draft version."""
    version = QuestionSetVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    if kind not in ADDABLE_KINDS:
        raise AssessmentError(_("Choose a self-rating, a can-do statement, a task or an attitude."))
    if kind == ItemKind.TASK and version.question_set.audience != Audience.CITIZEN:
        raise AssessmentError(
            _("Staff answer the screening on their own: there is no helper to observe a task.")
        )
    if kind in scoring.SCORED_KINDS and area not in Area.values:
        raise AssessmentError(_("A scored question belongs to one of the five areas."))
    if area and area not in Area.values:
        raise AssessmentError(_("Choose one of the five areas."))
    last_screen = max(version.screens(), default=0)
    if not 1 <= screen <= last_screen + 1:
        raise AssessmentError(
            _("Choose screen 1 to %(last)s (the last one is a new screen).")
            % {"last": last_screen + 1}
        )
    if not (text.get("nl") or "").strip():
        raise AssessmentError(_("The Dutch text is required."))
    items = list(version.items.order_by("position"))
    # After the last question of its screen or of any screen before it; later ones move on.
    before = [i for i in items if i.screen <= screen]
    position = (before[-1].position + 1) if before else 1
    version.items.filter(position__gte=position).update(position=F("position") + 1)
    keys = {i.key for i in items}
    base = slugify(text["nl"])[:40] or "question"
    key, n = base, 2
    while key in keys:
        key, n = f"{base}-{n}", n + 1
    return Item.objects.create(
        version=version,
        key=key,
        position=position,
        screen=screen,
        kind=kind,
        area=area,
        skill=slugify(skill)[:50],
        text={lang: (text.get(lang) or "").strip() for lang in ("nl", "fr", "en")},
    )


@transaction.atomic
def remove_item(*, item: Item, by) -> None:
    """Take a question out of a draft version; results of published versions keep theirs.

    Screens stay numbered 1, 2, 3... without gaps: scans start on screen 1 and go on to
    the next number. Context questions stay, because the next-step rules read them.
    """
    version = QuestionSetVersion.objects.select_for_update().get(pk=item.version_id)
    _require_draft(version)
    item = version.items.get(pk=item.pk)
    if item.kind == ItemKind.CONTEXT:
        raise AssessmentError(
            _("This question about the household is used for the next steps; it stays.")
        )
    item.delete()
    if not version.items.filter(screen=item.screen).exists():
        version.items.filter(screen__gt=item.screen).update(screen=F("screen") - 1)


@transaction.atomic
def move_item(*, item: Item, by, up: bool) -> None:
    """Swap a question with the one before (``up``) or after it, within its screen."""
    version = QuestionSetVersion.objects.select_for_update().get(pk=item.version_id)
    _require_draft(version)
    item = version.items.get(pk=item.pk)
    neighbours = version.items.filter(screen=item.screen).exclude(pk=item.pk)
    if up:
        other = neighbours.filter(position__lt=item.position).order_by("-position").first()
    else:
        other = neighbours.filter(position__gt=item.position).order_by("position").first()
    if other is None:
        raise AssessmentError(_("This question is already at that end of its screen."))
    item.position, other.position = other.position, item.position
    # Positions are not unique, so a plain swap in two saves is safe.
    item.save(update_fields=["position"])
    other.save(update_fields=["position"])


@transaction.atomic
def publish(*, version: QuestionSetVersion, by) -> QuestionSetVersion:
    locked = QuestionSetVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(locked)
    if not locked.items.filter(kind__in=scoring.SCORED_KINDS).exists():
        raise AssessmentError(_("A question set needs at least one scored question."))
    locked.published_at = version.published_at = timezone.now()
    locked.save()
    return locked


# Taking an assessment --------------------------------------------------------------------


def base_scan(person, question_set: QuestionSet | None = None):
    """The person's first completed scan (of this question set): what progress starts from."""
    scans = Assessment.objects.filter(person=person).completed()
    if question_set is not None:
        scans = scans.filter(version__question_set=question_set)
    return scans.order_by("completed_at", "pk").first()


@transaction.atomic
def start_digiscan(*, person, question_set: QuestionSet, by, place: str) -> Assessment:
    """A new scan with a person; the first one is the base scan, later ones follow it up."""
    if person.is_anonymised:
        raise AssessmentError(_("This person has been anonymised."))
    if question_set.audience != Audience.CITIZEN:
        raise AssessmentError(_("This question set is not meant for citizens."))
    version = question_set.latest_published()
    if version is None:
        raise AssessmentError(_("This question set has no published version yet."))
    assessment = Assessment.objects.create(
        digibank_id=person.digibank_id,
        version=version,
        person=person,
        conducted_by=by if getattr(by, "pk", None) else None,
        place=place,
        follow_up_of=base_scan(person, question_set),
    )
    audit.record(actor=by, action="create", target=assessment)
    return assessment


def unfinished_scans(*, digibank, by):
    """Scans this helper started and did not finish yet, to continue them (newest first)."""
    return (
        Assessment.objects.filter(
            digibank=digibank,
            conducted_by=by,
            person__isnull=False,
            person__anonymised_at__isnull=True,
            completed_at__isnull=True,
        )
        .select_related("person")
        .order_by("-started_at", "-pk")
    )


@transaction.atomic
def start_screening(*, screening_round: ScreeningRound, today=None) -> Assessment:
    """An anonymous screening; only the staff member gets the private token.

    No more screenings than the round has staff: the link is public, and answers made up
    to reach the minimum group size would make the figures of a few real people readable.
    The round is locked so that two starts at once cannot both take the last place.
    """
    locked = ScreeningRound.objects.select_for_update().get(pk=screening_round.pk)
    if not locked.is_open(today):
        raise AssessmentError(_("This screening is not open."))
    if (
        locked.staff_count is not None
        and Assessment.objects.filter(screening_round=locked).count() >= locked.staff_count
    ):
        raise AssessmentError(
            _(
                "As many screenings were started as there are staff members invited. "
                "Ask the digibank if you still want to take part."
            )
        )
    version = locked.question_set.latest_published()
    if version is None:
        raise AssessmentError(_("This question set has no published version yet."))
    return Assessment.objects.create(
        digibank_id=locked.digibank_id,
        version=version,
        screening_round=locked,
        token=new_token(),
        place="online",
    )


@transaction.atomic
def close_round(*, screening_round: ScreeningRound, by) -> ScreeningRound:
    """Close a screening before its last day: no new answers, and the figures may show."""
    locked = ScreeningRound.objects.select_for_update().get(pk=screening_round.pk)
    if locked.is_closed():
        raise AssessmentError(_("This screening is already closed."))
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at"])
    return locked


def clean_answers(items, data: dict) -> dict:
    """Keep only valid answers to these items (a list for multiple-answer items)."""
    cleaned = {}
    for item in items:
        valid = {value for value, _label in item.choices()}
        value = data.get(item.key)
        if item.multiple:
            values = [v for v in (value or []) if v in valid]
            if values:
                cleaned[item.key] = values
        elif isinstance(value, str) and value in valid:
            cleaned[item.key] = value
    return cleaned


@transaction.atomic
def save_answers(*, assessment: Assessment, items, data: dict, by) -> None:
    """Store the answers of one screen. Items left empty are cleared (skipped)."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_completed:
        raise AssessmentError(_("This assessment is finished; its answers cannot change."))
    answers = dict(locked.answers)
    for item in items:
        answers.pop(item.key, None)
    answers.update(clean_answers(items, data))
    locked.answers = answers
    locked.save(update_fields=["answers"])
    assessment.answers = answers


def compute(version: QuestionSetVersion, answers: dict, items=None):
    items = list(version.items.all()) if items is None else items
    return scoring.score(version.scored_items(items), answers, version.bands)


@transaction.atomic
def complete(*, assessment: Assessment, by, follow_up_on: datetime.date | None = None):
    """Score the answers, store the area levels and the next steps, count the person."""
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("version", "screening_round")
        .get(pk=assessment.pk)
    )
    if locked.is_completed:
        raise AssessmentError(_("This assessment is already finished."))
    if locked.screening_round_id and locked.screening_round.is_closed():
        # The figures of a closed round are final: a late answer would change them.
        raise AssessmentError(_("This screening is closed. Answers can no longer be sent."))
    items = list(locked.version.items.all())
    results = compute(locked.version, locked.answers, items)
    if not any(r.score is not None for r in results.values()):
        raise AssessmentError(_("Answer at least one question about skills before you finish."))
    today = timezone.localdate()
    if follow_up_on is not None and follow_up_on <= today:
        raise AssessmentError(_("Plan the follow-up scan on a day after today."))
    AreaScore.objects.bulk_create(
        AreaScore(assessment=locked, area=r.area, score=r.score, band=r.band or "", items=r.items)
        for r in results.values()
    )
    locked.completed_at = timezone.now()
    if locked.person_id:
        locked.next_steps = next_steps(locked.answers, {a: r.band for a, r in results.items()})
        locked.follow_up_on = follow_up_on or today + FOLLOW_UP_AFTER
    locked.save(update_fields=["completed_at", "next_steps", "follow_up_on"])
    if locked.person_id:
        record_activity(
            person=locked.person,
            service=Service.SKILLS,
            kind="assessment",
            occurred_on=today,
            source=locked,
        )
        audit.record(actor=by, action="change", target=locked, fields=["answers"])
    assessment.refresh_from_db()
    return assessment


@transaction.atomic
def plan_follow_up(*, assessment: Assessment, on: datetime.date, by) -> None:
    if on <= timezone.localdate():
        raise AssessmentError(_("Plan the follow-up scan on a day after today."))
    assessment.follow_up_on = on
    assessment.save(update_fields=["follow_up_on"])
    audit.record(actor=by, action="change", target=assessment, fields=["follow_up_on"])


# Reading results -------------------------------------------------------------------------


@dataclass
class AreaChange:
    area: str
    label: str
    before: Decimal | None
    after: Decimal | None
    band_before: str
    band_after: str

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def percent_before(self) -> int | None:
        return None if self.before is None else round(self.before * 100)

    @property
    def percent_after(self) -> int | None:
        return None if self.after is None else round(self.after * 100)

    @property
    def percent_change(self) -> int | None:
        change = self.change
        return None if change is None else round(change * 100)


def scores_by_area(assessment: Assessment) -> dict[str, AreaScore]:
    return {s.area: s for s in assessment.area_scores.all()}


def comparable_base(scan: Assessment) -> Assessment | None:
    """The finished base scan a follow-up scan is compared with, or None for a base scan."""
    if not scan.follow_up_of_id:
        return None
    return (
        Assessment.objects.filter(pk=scan.follow_up_of_id, person_id=scan.person_id)
        .completed()
        .prefetch_related("area_scores")
        .first()
    )


def compare(first: Assessment, second: Assessment) -> list[AreaChange]:
    """The change per DigComp area from one assessment to another."""
    a, b = scores_by_area(first), scores_by_area(second)
    rows = []
    for area, label in Area.choices:
        if area not in a and area not in b:
            continue
        rows.append(
            AreaChange(
                area=area,
                label=str(label),
                before=a[area].score if area in a else None,
                after=b[area].score if area in b else None,
                band_before=a[area].band if area in a else "",
                band_after=b[area].band if area in b else "",
            )
        )
    return rows


# Anonymous figures -----------------------------------------------------------------------


@dataclass
class AreaFigure:
    area: str
    label: str
    people: int
    mean: Decimal | None  # None when suppressed
    # People per level; a level is None when hidden, and the whole dict is None when the
    # split may not be shown at all (see ``stats.protect_row``).
    bands: dict[str, int | None] | None = field(default_factory=dict)

    @property
    def people_shown(self) -> str:
        return stats.suppress(self.people)

    @property
    def percent(self) -> int | None:
        return None if self.mean is None else round(self.mean * 100)


def _mean(values) -> Decimal | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(scoring.THOUSANDTH)


@dataclass
class RoundFigures:
    completed: int
    closed: bool
    figures: list[AreaFigure]

    @property
    def shown(self) -> bool:
        return bool(self.figures)


def round_figures(screening_round: ScreeningRound, today=None) -> RoundFigures:
    """Per area of a staff screening: mean score and people per level, never a person.

    Nothing while the round is open: figures that change after every answer give away
    one person's result by comparing two views. Nothing when fewer than five finished.
    Per area, no mean under five people, and the split over the levels goes through
    ``stats.protect_row`` (shown only when two levels hold five or more; small cells and
    the cells needed to hide them are hidden).
    """
    completed = screening_round.assessments.completed().count()
    closed = screening_round.is_closed(today)
    if not closed or stats.is_suppressed(completed):
        return RoundFigures(completed=completed, closed=closed, figures=[])
    rows = list(
        AreaScore.objects.filter(
            assessment__screening_round=screening_round,
            assessment__completed_at__isnull=False,
        ).values_list("area", "score", "band")
    )
    figures = []
    for area, label in Area.choices:
        scores = [(score, band) for a, score, band in rows if a == area and score is not None]
        people = len(scores)
        hidden = stats.is_suppressed(people)
        counts = {band: sum(1 for _s, b in scores if b == band) for band in scoring.BAND_ORDER}
        figures.append(
            AreaFigure(
                area=area,
                label=str(label),
                people=people,
                mean=None if hidden else _mean(s for s, _b in scores),
                bands=None if hidden else stats.protect_row(counts),
            )
        )
    return RoundFigures(completed=completed, closed=closed, figures=figures)


@dataclass
class ProgressFigure:
    area: str
    label: str
    people: int
    first: Decimal | None
    latest: Decimal | None
    improved: int | None

    @property
    def people_shown(self) -> str:
        return stats.suppress(self.people)

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return round((self.latest - self.first) * 100)


def skill_progress(*, digibanks, start=None, end=None, target_group: str = ""):
    """Skill progress of citizens per area: first scan against the latest scan.

    Counts people whose latest completed scan falls in the period and who had an
    earlier one. Groups under five people show no figures; the number who improved shows
    only when both they and the others are five or more. Returns (people, rows): show
    ``people`` through ``stats.suppress``.

    A scan counts when it has at least one area score. The pairing and the sums are done
    by the database in one query, not by loading every score of the digibank into Python
    (bench/assessments_progress.py).
    """
    people, per_area = _progress_sums(
        digibank_ids=[getattr(d, "pk", d) for d in digibanks],
        start=_day_start(start) if start else None,
        end=_day_start(end + datetime.timedelta(days=1)) if end else None,
        target_group=target_group,
    )
    figures = []
    for area, label in Area.choices:
        row = per_area.get(area, {})
        count = row.get("people", 0)
        hidden = stats.is_suppressed(count) or count == 0
        improved = row.get("improved", 0)
        # "Improved" and "did not improve" add up to the people shown: protect them as a
        # row, so that "5 of 6 improved" does not single out the one who did not.
        split = stats.protect_row({"improved": improved, "other": count - improved})
        figures.append(
            ProgressFigure(
                area=area,
                label=str(label),
                people=count,
                first=None if hidden else _sum_mean(row["first_sum"], count),
                latest=None if hidden else _sum_mean(row["latest_sum"], count),
                improved=None if hidden or split is None else split["improved"],
            )
        )
    return people, figures


def _progress_sums(*, digibank_ids, start, end, target_group):
    """One query: per person the first and the latest scored scan (window functions,
    ties in order of finishing; the period applies to the latest), then per area the pairs
    both scored: people, the sums of the first and latest scores, and how many went up.
    Returns (people, rows per area).

    Raw SQL because the ORM cannot group on window-function results; the values are
    bound, the table names come from the models.
    """
    from django.db import connection

    from digibank.people.models import Person

    scan = Assessment._meta.db_table
    score = AreaScore._meta.db_table
    groups = Person.target_groups.through._meta.db_table
    params: list = list(digibank_ids)
    where = [f"a.digibank_id IN ({', '.join(['%s'] * len(digibank_ids))})"]
    if target_group:
        where.append(
            f"EXISTS (SELECT 1 FROM {groups} g WHERE g.person_id = a.person_id "  # noqa: S608
            "AND g.targetgroup_id = %s)"
        )
        params.append(target_group)
    period = []
    if start:
        period.append("MAX(completed_at) >= %s")
        params.append(connection.ops.adapt_datetimefield_value(start))
    if end:
        period.append("MAX(completed_at) < %s")
        params.append(connection.ops.adapt_datetimefield_value(end))
    # Only table names from the models and fixed fragments are put in; values are bound.
    sql = f"""
        WITH scans AS (
            SELECT a.id, a.person_id, a.completed_at,
                ROW_NUMBER() OVER (
                    PARTITION BY a.person_id ORDER BY a.completed_at, a.id) AS from_first,
                ROW_NUMBER() OVER (
                    PARTITION BY a.person_id ORDER BY a.completed_at DESC, a.id DESC
                ) AS from_last
            FROM {scan} a
            WHERE {" AND ".join(where)}
                AND a.person_id IS NOT NULL AND a.completed_at IS NOT NULL
                AND EXISTS (SELECT 1 FROM {score} s
                            WHERE s.assessment_id = a.id AND s.score IS NOT NULL)
        ),
        pairs AS (
            SELECT MAX(CASE WHEN from_first = 1 THEN id END) AS first_id,
                MAX(CASE WHEN from_last = 1 THEN id END) AS latest_id
            FROM scans
            GROUP BY person_id
            HAVING COUNT(*) > 1 {"".join(" AND " + p for p in period)}
        )
        SELECT NULL, COUNT(*), NULL, NULL, NULL FROM pairs
        UNION ALL
        SELECT b.area, COUNT(*), SUM(b.score), SUM(e.score),
            SUM(CASE WHEN e.score > b.score THEN 1 ELSE 0 END)
        FROM pairs p
            JOIN {score} b ON b.assessment_id = p.first_id AND b.score IS NOT NULL
            JOIN {score} e ON e.assessment_id = p.latest_id AND e.area = b.area
                AND e.score IS NOT NULL
        GROUP BY b.area
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    people = next(n for area, n, *_rest in rows if area is None)
    per_area = {
        area: {"people": n, "first_sum": first, "latest_sum": latest, "improved": up}
        for area, n, first, latest, up in rows
        if area is not None
    }
    return people, per_area


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _sum_mean(total, count: int) -> Decimal:
    # Three decimals per score: the sum is exact in Decimal on both databases.
    total = Decimal(str(total)).quantize(scoring.THOUSANDTH)
    return (total / count).quantize(scoring.THOUSANDTH)


def item_rows(assessment: Assessment, items) -> list[tuple[Item, str]]:
    return [(item, item.answer_label(assessment.answers.get(item.key))) for item in items]


def context_items(items) -> list[Item]:
    return [i for i in items if i.kind == ItemKind.CONTEXT]
