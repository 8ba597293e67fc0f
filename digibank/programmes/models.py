"""Programmes that fund digital inclusion, their calls, and the projects they pay for.

The models, from the top down:

* ``Funder``: who pays (e.g. Departement WSE, ABB, POD MI), with its policy domain and
  level (Flemish, federal, ...).
* ``Programme``: a subsidy programme (Digibanken, E-inclusion for Belgium – OCMW 2022, ...):
  budget, target groups, objectives, legal basis, start and end. ``no_cofunding_with``
  names programmes that may not fund the same project (Digibanken and E-inclusion for
  Belgium); ``services.cofunding_conflicts`` warns about them.
* ``Track``: a kind of trajectory inside a programme (pre-trajectory, implementation
  trajectory, extension), with its maximum amount and duration. ``ResultTier`` rows make
  the amount of a track depend on the users reached (the 2025–2026 digibank extension).
* ``Call`` and ``Round``: a call for proposals of a programme, opened in numbered rounds
  with opening, closing, assessment and award dates (ordered by check constraints).
* ``Project``: an application that becomes a project once approved. Natural key
  (programme, reference). Applicant and partners are ``digibanks.Organisation``; the
  municipalities served are ``ProjectMunicipality`` rows (current ``geo.Municipality``,
  plus the ``geo.FormerMunicipality`` the funder named before the 2025 mergers, and the
  part of the amount allocated to it). ``digibanks`` links a digibank to its project(s)
  (``digibank.projects``); ``predecessor`` links one partnership's successive projects
  (pre-trajectory -> implementation -> extension). Amounts requested/approved are
  decimals; approved <= requested unless an amendment raised it (``amount_amended``).
* ``StatusChange``: the status history (submitted, admissible, approved/rejected, running,
  extended, closed) with dates and who. ``ProjectStatus.TRANSITIONS`` is the one place
  that says which change is allowed; ``services.change_status`` applies it.
* ``Payment``: planned and paid instalments (advance e.g. 80 %, interim, balance,
  recovery).
* ``BudgetLine`` / ``Report`` / ``CostLine``: reporting duties (interim or final, content
  or financial, due / submitted / approved) with costs reported against budget lines.
* ``Amendment``: the history of changes to end date or amount, with decision date and
  reference (31 Dec 2024 became 31 July 2026).
* ``Milestone``: a target computed from the data ("100 participating municipalities"),
  with due date, status and evidence (see ``services.milestone_progress``).

Visibility: programmes, calls and tracks are readable by everyone with
``programme.view``; ``Project.objects.for_user`` gives all projects to users with that
right installation-wide (funders, platform administrators) and otherwise the projects of
their digibanken or serving their municipality (coordinators, local officers).
Rows with ``is_demo`` hold invented details and are marked as demo data in the interface.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digibank.accounts import permissions

ZERO = Decimal("0")


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class DemoMixin(models.Model):
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Details of this record are invented for the demonstration."),
    )
    demo_note = models.CharField(
        _("note on demo data"),
        max_length=300,
        blank=True,
        help_text=_("Which details are real (from public sources) and which are invented."),
    )

    class Meta:
        abstract = True


class FunderLevel(models.TextChoices):
    EUROPEAN = "european", _("European")
    FEDERAL = "federal", _("Federal")
    FLEMISH = "flemish", _("Flemish")
    WALLOON = "walloon", _("Walloon")
    BRUSSELS = "brussels", _("Brussels")
    PROVINCIAL = "provincial", _("Provincial")
    LOCAL = "local", _("Local")
    PRIVATE = "private", _("Private")


class Funder(models.Model):
    """A government department or agency (or a foundation) that pays for programmes."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    policy_domain = models.CharField(_("policy domain"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=FunderLevel.choices)
    enterprise_number = models.CharField(_("enterprise number"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class ProgrammeQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "programme.view"):
        """Programmes are public facts: everyone with the right somewhere sees them all."""
        return self.all() if permissions.can(user, action) else self.none()


class Programme(DemoMixin):
    """A subsidy programme with its budget, rules and period."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=60, unique=True)
    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("funder")
    )
    description = models.TextField(_("description"), blank=True)
    budget = money_field(
        _("budget"),
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("The total budget in euro; empty when the source does not give it."),
    )
    target_groups = models.TextField(_("target groups"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("For example: decision of the Flemish Government of 17 December 2021."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    no_cofunding_with = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        verbose_name=_("may not co-fund with"),
        help_text=_("Programmes that may not fund the same project as this one."),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="programme_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="programme_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme", args=[self.slug])


class TrackKind(models.TextChoices):
    PRE_TRAJECTORY = "pre_trajectory", _("Pre-trajectory")
    IMPLEMENTATION = "implementation", _("Implementation trajectory")
    EXTENSION = "extension", _("Extension")
    PROJECT = "project", _("Project")
    FOCUS = "focus", _("Focus project")
    VISION = "vision", _("Vision project")


class Track(models.Model):
    """A kind of trajectory inside a programme, with its limits."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=TrackKind.choices)
    max_amount = money_field(_("maximum amount"), null=True, blank=True)
    max_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), null=True, blank=True
    )
    min_months = models.PositiveSmallIntegerField(
        _("minimum duration (months)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="track_name_unique"),
            models.CheckConstraint(
                condition=Q(max_amount__isnull=True) | Q(max_amount__gte=0),
                name="track_max_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def amount_for_users(self, users_reached: int) -> Decimal:
        """The amount earned under the result tiers for this many users reached."""
        return sum(
            (t.amount for t in self.result_tiers.all() if users_reached >= t.from_users), ZERO
        )


class ResultTier(models.Model):
    """One step of a result commitment: reaching ``from_users`` users adds ``amount``.

    The 2025–2026 digibank extension: 350,000 for up to 1,000 users, +100,000 from 1,001,
    +30,000 from 1,501, +20,000 from 1,751 (at most 500,000).
    """

    track = models.ForeignKey(
        Track, on_delete=models.CASCADE, related_name="result_tiers", verbose_name=_("track")
    )
    from_users = models.PositiveIntegerField(_("from users reached"))
    to_users = models.PositiveIntegerField(_("up to users reached"), null=True, blank=True)
    amount = money_field(_("amount added"), validators=[MinValueValidator(ZERO)])

    class Meta:
        verbose_name = _("result tier")
        verbose_name_plural = _("result tiers")
        ordering = ["track", "from_users"]
        constraints = [
            models.UniqueConstraint(fields=["track", "from_users"], name="result_tier_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="result_tier_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(to_users__isnull=True) | Q(to_users__gte=F("from_users")),
                name="result_tier_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        upper = self.to_users if self.to_users is not None else "…"
        return f"{self.from_users}–{upper}: {self.amount}"


class CallQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "programme.view"):
        return self.all() if permissions.can(user, action) else self.none()


class Call(DemoMixin):
    """A call for proposals of a programme; it opens in one or more rounds."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="calls", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("track"),
        help_text=_("The track this call opens, if it opens only one."),
    )
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(
        _("who can apply"), blank=True, help_text=_("Eligible applicants and conditions.")
    )
    max_amount = money_field(_("maximum amount per project"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="call_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """One round of a call: it opens, closes, is assessed and awarded."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("call")
    )
    number = models.PositiveSmallIntegerField(_("round"), validators=[MinValueValidator(1)])
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    assessment_by = models.DateField(_("assessment by"), null=True, blank=True)
    award_by = models.DateField(_("award by"), null=True, blank=True)
    admissible_count = models.PositiveIntegerField(
        _("admissible files (as published)"),
        null=True,
        blank=True,
        help_text=_("The number the funder published, when the files themselves are not here."),
    )

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="round_number_unique"),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True)
                | Q(closes_on__isnull=True)
                | Q(closes_on__gte=F("opens_on")),
                name="round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(assessment_by__isnull=True)
                | Q(assessment_by__gte=F("closes_on")),
                name="round_assessment_after_closing",
            ),
            models.CheckConstraint(
                condition=Q(assessment_by__isnull=True)
                | Q(award_by__isnull=True)
                | Q(award_by__gte=F("assessment_by")),
                name="round_award_after_assessment",
            ),
        ]

    def __str__(self) -> str:
        return _("%(call)s, round %(number)s") % {"call": self.call, "number": self.number}


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ADMISSIBLE = "admissible", _("Admissible")
    INADMISSIBLE = "inadmissible", _("Not admissible")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RUNNING = "running", _("Running")
    EXTENDED = "extended", _("Extended")
    CLOSED = "closed", _("Closed")


# The one place that says which status may follow which.
TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectStatus.SUBMITTED: frozenset(
        {ProjectStatus.ADMISSIBLE, ProjectStatus.INADMISSIBLE, ProjectStatus.WITHDRAWN}
    ),
    ProjectStatus.ADMISSIBLE: frozenset(
        {ProjectStatus.APPROVED, ProjectStatus.REJECTED, ProjectStatus.WITHDRAWN}
    ),
    ProjectStatus.APPROVED: frozenset({ProjectStatus.RUNNING, ProjectStatus.WITHDRAWN}),
    ProjectStatus.RUNNING: frozenset({ProjectStatus.EXTENDED, ProjectStatus.CLOSED}),
    ProjectStatus.EXTENDED: frozenset({ProjectStatus.CLOSED}),
    ProjectStatus.INADMISSIBLE: frozenset(),
    ProjectStatus.REJECTED: frozenset(),
    ProjectStatus.WITHDRAWN: frozenset(),
    ProjectStatus.CLOSED: frozenset(),
}


def reachable_statuses(status: str) -> frozenset[str]:
    """Every status a project in ``status`` can get to by allowed steps (itself included),
    for a list that jumps several steps at once (the import)."""
    found = {status}
    todo = [status]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in found:
                found.add(nxt)
                todo.append(nxt)
    return frozenset(found)


# Statuses of a project that was awarded money (it counts in approved totals).
AWARDED = frozenset(
    {ProjectStatus.APPROVED, ProjectStatus.RUNNING, ProjectStatus.EXTENDED, ProjectStatus.CLOSED}
)
# Statuses that passed the admissibility check.
ADMISSIBLE_OR_LATER = AWARDED | {ProjectStatus.ADMISSIBLE, ProjectStatus.REJECTED}


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "programme.view"):
        """All projects for installation-wide viewers; otherwise those of the user's
        digibanken and those serving the municipality of a local officer."""
        scope = permissions.digibank_scope(user, action)
        if scope is permissions.ALL:
            return self.all()
        if not scope:
            return self.none()
        condition = Q(digibanks__in=scope)
        municipalities = permissions.officer_municipality_ids(user)
        if municipalities:
            condition |= Q(places__municipality_id__in=municipalities)
        ids = self.model.objects.filter(condition).values("pk")
        return self.filter(pk__in=ids)

    def awarded(self):
        return self.filter(status__in=AWARDED)


class Project(DemoMixin):
    """An application to a call round; once approved, a project that gets paid."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("programme"),
        editable=False,
        help_text=_("Taken from the round; part of the natural key."),
    )
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="projects", verbose_name=_("call round")
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("track"),
        null=True,
        blank=True,
    )
    reference = models.CharField(
        _("file reference"),
        max_length=60,
        help_text=_("The funder's file number; unique within the programme."),
    )
    title = models.CharField(_("title"), max_length=250)
    purpose = models.TextField(_("purpose"), blank=True)
    applicant = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    partners = models.ManyToManyField(
        "digibanks.Organisation",
        through="ProjectPartner",
        related_name="partner_in_projects",
        verbose_name=_("partners"),
        blank=True,
    )
    digibanks = models.ManyToManyField(
        "digibanks.Digibank",
        related_name="projects",
        verbose_name=_("digibanken"),
        blank=True,
        help_text=_("The digibank(s) this project funds."),
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("previous project of the partnership"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    submitted_on = models.DateField(_("submitted on"))
    decided_on = models.DateField(_("decision on"), null=True, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    amount_requested = money_field(_("amount requested"), validators=[MinValueValidator(ZERO)])
    amount_approved = money_field(
        _("amount approved"), null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    amount_amended = models.BooleanField(
        _("amount changed by amendment"),
        default=False,
        editable=False,
        help_text=_("Set when an amendment changed the approved amount."),
    )
    users_reached = models.PositiveIntegerField(_("users reached"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["programme", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "reference"], name="project_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gte=0), name="project_requested_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True) | Q(amount_approved__gte=0),
                name="project_approved_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True)
                | Q(amount_amended=True)
                | Q(amount_approved__lte=F("amount_requested")),
                name="project_approved_within_requested",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="project_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("submitted_on")),
                name="project_decision_after_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="project_status_idx"),
            models.Index(fields=["round", "status"], name="project_round_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if self.round_id:
            self.programme_id = self.round.call.programme_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programmes:project", args=[self.pk])

    @property
    def is_awarded(self) -> bool:
        return self.status in AWARDED

    @property
    def allowed_statuses(self) -> list[str]:
        return sorted(TRANSITIONS[self.status])


class ProjectPartner(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partner_links", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        related_name="project_partner_links",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="project_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class ProjectMunicipality(models.Model):
    """A municipality a project serves, and the part of the amount allocated to it.

    ``municipality`` is always a municipality that exists since 2025; when the funder
    named one that merged, ``former`` keeps that name so overviews can show it.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="places", verbose_name=_("project")
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        related_name="project_places",
        verbose_name=_("municipality"),
    )
    former = models.ForeignKey(
        "geo.FormerMunicipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_places",
        verbose_name=_("former municipality"),
        help_text=_("The name used before the 2025 merger, if the funder used it."),
    )
    allocated_amount = money_field(
        _("allocated amount"), null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    agreement_on = models.DateField(
        _("partnership agreement signed on"),
        null=True,
        blank=True,
        help_text=_("Evidence that the local government takes part."),
    )

    class Meta:
        verbose_name = _("municipality served")
        verbose_name_plural = _("municipalities served")
        ordering = ["municipality__name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"],
                condition=Q(former__isnull=True),
                name="project_municipality_unique",
            ),
            models.UniqueConstraint(
                fields=["project", "former"],
                condition=Q(former__isnull=False),
                name="project_former_municipality_unique",
            ),
            models.CheckConstraint(
                condition=Q(allocated_amount__isnull=True) | Q(allocated_amount__gte=0),
                name="project_municipality_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        if self.former_id:
            return f"{self.municipality} ({self.former})"
        return str(self.municipality)


class StatusChange(models.Model):
    """One step in a project's status history: when, from what to what, and who."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="history", verbose_name=_("project")
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ProjectStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ProjectStatus.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    by_name = models.CharField(
        _("decided by"), max_length=150, blank=True, help_text=_("For example the funder.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["project", "on", "pk"]
        indexes = [models.Index(fields=["to_status", "on"], name="status_change_to_on_idx")]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_to_status_display()}"


class Entered(models.Model):
    """Who entered or last changed a row, and when: a trail for the funder's money."""

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    changed_at = models.DateTimeField(_("last changed at"), auto_now=True, null=True)

    class Meta:
        abstract = True


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    INTERIM = "interim", _("Interim payment")
    BALANCE = "balance", _("Balance")
    RECOVERY = "recovery", _("Recovery")


class Payment(Entered):
    """A planned instalment, and what was actually paid (or recovered)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="payments", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentKind.choices)
    percentage = models.DecimalField(
        _("percentage of the approved amount"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
    )
    planned_on = models.DateField(_("planned on"), null=True, blank=True)
    planned_amount = money_field(_("planned amount"), validators=[MinValueValidator(ZERO)])
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = money_field(
        _("amount paid"),
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("For a recovery: the amount paid back."),
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["project", "planned_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0), name="payment_planned_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__gte=0),
                name="payment_paid_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_on__isnull=False),
                name="payment_paid_has_date",
            ),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True)
                | (Q(percentage__gte=0) & Q(percentage__lte=100)),
                name="payment_percentage_range",
            ),
        ]
        indexes = [models.Index(fields=["planned_on"], name="payment_planned_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_amount}"

    def clean(self):
        errors = {}
        if self.paid_amount is not None and self.paid_on is None:
            errors["paid_on"] = _("Give the date on which the amount was paid.")
        if self.paid_on is not None and self.paid_amount is None:
            errors["paid_amount"] = _("Give the amount that was paid.")
        if self.planned_on and self.project_id and self.planned_on < self.project.submitted_on:
            errors["planned_on"] = _("A payment cannot be planned before the application date.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None

    @property
    def signed_planned(self) -> Decimal:
        return -self.planned_amount if self.kind == PaymentKind.RECOVERY else self.planned_amount

    @property
    def signed_paid(self) -> Decimal:
        """Paid money counts positive; a recovery counts negative."""
        amount = self.paid_amount or ZERO
        return -amount if self.kind == PaymentKind.RECOVERY else amount


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff costs")
    OPERATING = "operating", _("Operating costs")
    INVESTMENT = "investment", _("Investments (devices)")
    OVERHEAD = "overhead", _("Overhead")
    OTHER = "other", _("Other")


class BudgetLine(Entered):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    label = models.CharField(_("description"), max_length=200)
    amount = money_field(_("budgeted amount"), validators=[MinValueValidator(ZERO)])

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return self.label


class ReportPeriod(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class ReportNature(models.TextChoices):
    CONTENT = "content", _("Content")
    FINANCIAL = "financial", _("Financial")


class Report(Entered):
    """A reporting duty of a project and how far it got."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("project")
    )
    period = models.CharField(_("report"), max_length=10, choices=ReportPeriod.choices)
    nature = models.CharField(_("kind"), max_length=10, choices=ReportNature.choices)
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    users_reached = models.PositiveIntegerField(_("users reached"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["project", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True)
                | (Q(submitted_on__isnull=False) & Q(approved_on__gte=F("submitted_on"))),
                name="report_approved_after_submitted",
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="report_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_period_display()} ({self.get_nature_display()})"

    def clean(self):
        if self.approved_on and not self.submitted_on:
            raise ValidationError(
                {"approved_on": _("A report can only be approved after it was submitted.")}
            )
        if self.approved_on and self.submitted_on and self.approved_on < self.submitted_on:
            raise ValidationError(
                {"approved_on": _("The approval date cannot be before the date it was submitted.")}
            )
        if self.submitted_on and self.project_id and self.submitted_on < self.project.submitted_on:
            raise ValidationError(
                {"submitted_on": _("A report cannot be submitted before the application was.")}
            )

    def is_late(self, today) -> bool:
        if self.submitted_on:
            return self.submitted_on > self.due_on
        return today > self.due_on


class CostLine(Entered):
    """Costs reported in a (financial) report against one budget line."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="cost_lines", verbose_name=_("report")
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="cost_lines",
        verbose_name=_("budget line"),
    )
    amount = money_field(_("amount"), validators=[MinValueValidator(ZERO)])
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="cost_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.amount}"

    def clean(self):
        if not (self.report_id and self.budget_line_id):
            return
        if self.budget_line.project_id != self.report.project_id:
            raise ValidationError(
                {"budget_line": _("Choose a budget line of the project of this report.")}
            )
        if self.report.nature != ReportNature.FINANCIAL:
            raise ValidationError(_("Costs are only reported in a financial report."))


class AmendmentKind(models.TextChoices):
    END_DATE = "end_date", _("End date")
    AMOUNT = "amount", _("Amount")
    BOTH = "both", _("End date and amount")


class Amendment(models.Model):
    """A decided change to a project's end date or amount, kept as history."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("project")
    )
    kind = models.CharField(_("what changed"), max_length=10, choices=AmendmentKind.choices)
    old_end_date = models.DateField(_("old end date"), null=True, blank=True)
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    old_amount = money_field(_("old amount"), null=True, blank=True)
    new_amount = money_field(
        _("new amount"), null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    decided_on = models.DateField(_("decision date"))
    reference = models.CharField(
        _("decision reference"), max_length=150, help_text=_("For example: decree, art. 96.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["project", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_amount__isnull=True) | Q(new_amount__gte=0),
                name="amendment_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["end_date", "both"]) | Q(new_end_date__isnull=False),
                name="amendment_end_date_given",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["amount", "both"]) | Q(new_amount__isnull=False),
                name="amendment_amount_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decided_on} {self.reference}"


class MilestoneMeasure(models.TextChoices):
    MUNICIPALITIES = "municipalities", _("Participating municipalities")
    MUNICIPALITIES_AGREEMENT = (
        "municipalities_agreement",
        _("Municipalities with a signed partnership agreement"),
    )
    PROJECTS_APPROVED = "projects_approved", _("Approved projects")
    USERS_REACHED = "users_reached", _("Users reached")


class Milestone(DemoMixin, Entered):
    """A target of a programme, measured from the data (never typed in)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    measure = models.CharField(_("measure"), max_length=30, choices=MilestoneMeasure.choices)
    target = models.PositiveIntegerField(_("target"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    evidence_note = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What counts as evidence, for example signed partnership agreements."),
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["programme", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="milestone_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
