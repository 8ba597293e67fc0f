"""Skills assessments: versioned question sets, assessments and their area scores.

A question set (the citizens' Digiscan, the screening of local-government staff) has
versions. A published version never changes: answers always point at the exact items
and bands they were given against, so an old result can be read and compared years
later. Editing means making a new draft version. Item texts are data stored per
language on the item (see docs/decisions/0010-assessments-content-as-data.md).

Scoring lives in ``scoring.py`` (pure) and is stored per area in ``AreaScore`` so that
figures can be counted in the database.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digibank.assessments import scoring
from digibank.core.tenancy import TenantQuerySet

LANGUAGES = ("nl", "fr", "en")


def in_language(texts, language: str | None = None) -> str:
    """The text for the current interface language, falling back to Dutch."""
    if not isinstance(texts, dict):
        return str(texts or "")
    language = (language or get_language() or "nl")[:2]
    return texts.get(language) or texts.get("nl") or next(iter(texts.values()), "")


def default_bands() -> dict:
    return dict(scoring.DEFAULT_BANDS)


class Audience(models.TextChoices):
    CITIZEN = "citizen", _("Citizens (Digiscan)")
    STAFF = "staff", _("Staff of a local government")


class Area(models.TextChoices):
    """The five competence areas of DigComp 2.2."""

    INFORMATION = "information", _("Information and data literacy")
    COMMUNICATION = "communication", _("Communication and collaboration")
    CONTENT = "content", _("Digital content creation")
    SAFETY = "safety", _("Safety")
    PROBLEM_SOLVING = "problem_solving", _("Problem solving")


class ItemKind(models.TextChoices):
    SELF_RATING = scoring.SELF_RATING, _("Self-rating")
    CAN_DO = scoring.CAN_DO, _("Can-do statement")
    TASK = scoring.TASK, _("Practical task, observed by the helper")
    ATTITUDE = scoring.ATTITUDE, _("Attitude (not scored)")
    CONTEXT = scoring.CONTEXT, _("Context (not scored)")


# The kinds a coordinator can add to a draft: a context question needs its own answer
# options and next-step rules (nextsteps.py), so those come with the platform.
ADDABLE_KINDS = (ItemKind.SELF_RATING, ItemKind.CAN_DO, ItemKind.TASK, ItemKind.ATTITUDE)


class Band(models.TextChoices):
    LOW = "low", _("Starting out")
    FOUNDATION = "foundation", _("Foundation")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


# The answers people choose from, per kind of item (values are used in scoring.py).
ANSWER_CHOICES = {
    ItemKind.SELF_RATING: [
        ("cannot", _("I cannot do this yet")),
        ("with_help", _("I can do this with help")),
        ("alone", _("I can do this on my own")),
        ("can_explain", _("I can do this and explain it to others")),
    ],
    ItemKind.CAN_DO: [
        ("yes", _("Yes")),
        ("with_help", _("With help")),
        ("no", _("Not yet")),
    ],
    ItemKind.TASK: [
        ("done", _("Did it on their own")),
        ("with_help", _("Did it with some help")),
        ("not_done", _("Could not do it yet")),
        ("not_tried", _("Not tried today")),
    ],
    ItemKind.ATTITUDE: [
        ("agree", _("Agree")),
        ("partly", _("Partly")),
        ("disagree", _("Disagree")),
    ],
}


class QuestionSetQuerySet(models.QuerySet):
    def usable_in(self, digibank):
        """The platform's default sets and the digibank's own."""
        return self.filter(models.Q(digibank__isnull=True) | models.Q(digibank=digibank))


class QuestionSet(models.Model):
    """A questionnaire with a stable key; its content lives in versions.

    ``digibank`` empty: a default set of the platform, loaded from ``content.py``.
    """

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="question_sets",
        verbose_name=_("digibank"),
        help_text=_("Empty for the default question sets of the platform."),
    )
    key = models.SlugField(_("key"), max_length=50)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    title = models.JSONField(_("title"), default=dict, help_text=_("Per language: nl, fr, en."))
    description = models.JSONField(_("description"), default=dict, blank=True)

    objects = QuestionSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        ordering = ["audience", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(digibank__isnull=True),
                name="questionset_default_key_unique",
            ),
            models.UniqueConstraint(
                fields=["digibank", "key"], name="questionset_digibank_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return in_language(self.title) or self.key

    @property
    def display_title(self) -> str:
        return in_language(self.title) or self.key

    def latest_published(self):
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()


class QuestionSetVersion(models.Model):
    """One version of a question set: its items and its bands. Immutable once published."""

    question_set = models.ForeignKey(
        QuestionSet,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("question set"),
    )
    number = models.PositiveIntegerField(_("version"))
    bands = models.JSONField(
        _("bands"),
        default=default_bands,
        help_text=_("Lowest area score (0 to 1) for foundation, intermediate and advanced."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("question set version")
        verbose_name_plural = _("question set versions")
        ordering = ["question_set", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "number"], name="questionsetversion_number_unique"
            ),
            models.UniqueConstraint(
                fields=["question_set"],
                condition=models.Q(published_at__isnull=True),
                name="questionsetversion_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_set} v{self.number}"

    def save(self, *args, **kwargs):
        if (
            self.pk
            and QuestionSetVersion.objects.filter(pk=self.pk, published_at__isnull=False).exists()
        ):
            raise ValidationError(_("A published version cannot be changed. Make a new version."))
        scoring.validate_bands(self.bands)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def scored_items(self, items=None) -> list[scoring.ScoredItem]:
        items = self.items.all() if items is None else items
        return [scoring.ScoredItem(i.key, i.kind, i.area, i.skill) for i in items]

    def screens(self, items=None) -> list[int]:
        items = self.items.all() if items is None else items
        return sorted({item.screen for item in items})


class Item(models.Model):
    """One question. ``skill`` ties an observed task to the self-ratings it overrides."""

    version = models.ForeignKey(
        QuestionSetVersion,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("version"),
    )
    key = models.SlugField(_("key"), max_length=50)
    position = models.PositiveIntegerField(_("position"))
    screen = models.PositiveSmallIntegerField(
        _("screen"), help_text=_("Items with the same number are asked on one screen.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, blank=True)
    skill = models.SlugField(_("skill"), max_length=50, blank=True)
    text = models.JSONField(_("text"), default=dict, help_text=_("Per language: nl, fr, en."))
    hint = models.JSONField(_("hint"), default=dict, blank=True)
    # Context items: [{"value": "laptop", "text": {"nl": ..., "fr": ..., "en": ...}}, ...]
    options = models.JSONField(_("options"), default=list, blank=True)
    multiple = models.BooleanField(_("more than one answer"), default=False)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="item_key_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[scoring.ATTITUDE, scoring.CONTEXT])
                | ~models.Q(area=""),
                name="item_scored_has_area",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def save(self, *args, **kwargs):
        if self.version.is_published:
            raise ValidationError(_("A published version cannot be changed. Make a new version."))
        super().save(*args, **kwargs)

    @property
    def display_text(self) -> str:
        return in_language(self.text)

    @property
    def display_hint(self) -> str:
        return in_language(self.hint)

    @property
    def is_scored(self) -> bool:
        return self.kind in scoring.SCORED_KINDS

    def choices(self) -> list[tuple[str, str]]:
        if self.kind == ItemKind.CONTEXT:
            return [(o["value"], in_language(o["text"])) for o in self.options]
        return [(value, str(label)) for value, label in ANSWER_CHOICES[self.kind]]

    def answer_label(self, answer) -> str:
        labels = dict(self.choices())
        if isinstance(answer, list):
            return ", ".join(labels.get(a, a) for a in answer)
        return labels.get(answer, "–") if answer else "–"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ScreeningRound(models.Model):
    """A screening of the staff of one local government, run by the digibank.

    Staff open one shared link and answer anonymously; each gets a private link to
    their own result. Their employer sees figures of the round, never a person: only
    once the round is closed (figures that change after every answer let anyone work out
    one person's result from two views), and no more screenings than the round has staff
    (so nobody can pad a small group with made-up answers).
    """

    view_action = "assessment.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="screening_rounds",
        verbose_name=_("digibank"),
    )
    organisation = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        related_name="screening_rounds",
        verbose_name=_("local government"),
    )
    question_set = models.ForeignKey(
        QuestionSet,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("question set"),
    )
    title = models.CharField(_("title"), max_length=150)
    code = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"))
    staff_count = models.PositiveIntegerField(
        _("number of staff"),
        null=True,
        help_text=_(
            "How many staff members are invited. No more screenings than this can be "
            "started with the link."
        ),
    )
    closed_at = models.DateTimeField(
        _("closed at"),
        null=True,
        blank=True,
        help_text=_("Closed early by the digibank. The figures are shown from then on."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff screening")
        verbose_name_plural = _("staff screenings")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="screeninground_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", args=[self.pk])

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    def is_closed(self, day=None) -> bool:
        """Closed early, or past its last day: the answers are final, figures may show."""
        day = day or timezone.localdate()
        return self.closed_at is not None or day > self.closes_on


class Place(models.TextChoices):
    HOME = "home", _("At home")
    DIGIBANK = "digibank", _("At the digibank")
    PHONE = "phone", _("By phone or video")
    ONLINE = "online", _("On their own")


class AssessmentQuerySet(TenantQuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def of_citizens(self):
        return self.filter(person__isnull=False)


class Assessment(models.Model):
    """One time someone answered a question set version.

    Either about a person (a Digiscan, with a helper) or anonymous staff screening
    (``screening_round`` and a private ``token``: only the staff member holds it).
    """

    view_action = "assessment.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("digibank"),
    )
    version = models.ForeignKey(
        QuestionSetVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("question set version"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("person"),
    )
    screening_round = models.ForeignKey(
        ScreeningRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("staff screening"),
    )
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("helper"),
    )
    place = models.CharField(_("where"), max_length=10, choices=Place.choices, default=Place.HOME)
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up of"),
        help_text=_("The base scan this one follows up."),
    )
    follow_up_on = models.DateField(
        _("follow-up scan planned on"),
        null=True,
        blank=True,
        help_text=_("When the helper and the person do the scan again to see the progress."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    next_steps = models.JSONField(_("next steps"), default=list, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "completed_at"], name="assessment_completed_idx"),
            models.Index(fields=["person", "completed_at"], name="assessment_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, screening_round__isnull=True)
                    | models.Q(person__isnull=True, screening_round__isnull=False)
                ),
                name="assessment_person_or_screening",
            ),
            models.CheckConstraint(
                condition=models.Q(screening_round__isnull=True) | models.Q(token__isnull=False),
                name="assessment_screening_has_token",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("assessments:result", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"A-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def is_screening(self) -> bool:
        return self.screening_round_id is not None

    @property
    def is_base(self) -> bool:
        return self.person_id is not None and self.follow_up_of_id is None


class AreaScore(models.Model):
    """The score and band of one DigComp area in one completed assessment."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="area_scores",
        verbose_name=_("assessment"),
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=3, null=True)
    band = models.CharField(_("level"), max_length=12, choices=Band.choices, blank=True)
    items = models.PositiveSmallIntegerField(_("items scored"), default=0)

    class Meta:
        verbose_name = _("area score")
        verbose_name_plural = _("area scores")
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="areascore_once"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=1),
                name="areascore_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.score}"
