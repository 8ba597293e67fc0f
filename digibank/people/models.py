"""People (citizens, clients) that a digibank helps, with privacy built in.

We keep the minimum: a name or pseudonym, a year of birth, a municipality, a language,
one way to reach them, target groups for the funders' figures, and consent. Activities
of every module are recorded as ``ServiceActivity`` so that a person counts once in reach
figures and so that the figures stay right after the person is anonymised.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.ids import parse_id
from digibank.core.tenancy import TenantQuerySet
from digibank.core.validators import validate_phone, validate_postcode
from digibank.geo.text import normalise


class Language(models.TextChoices):
    """Languages people prefer; documents come in nl, fr or en (see document_language)."""

    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    OTHER = "other", _("Other language")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By letter")
    NONE = "none", _("Not at all")


class TargetGroupCode(models.TextChoices):
    SENIOR = "senior", _("Senior")
    LOW_INCOME = "low_income", _("Low income or OCMW client")
    LOW_LITERACY = "low_literacy", _("Low literacy")
    OTHER_LANGUAGE = "other_language", _("Speaks another language or newcomer")
    DISABILITY = "disability", _("Person with a disability")
    JOB_SEEKER = "job_seeker", _("Job seeker")
    YOUNG = "young", _("Young person")
    OTHER = "other", _("Other")


class TargetGroup(models.Model):
    """A target group (doelgroep) of the funders; rows are fixed by a data migration."""

    code = models.CharField(max_length=20, primary_key=True, choices=TargetGroupCode.choices)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(TargetGroupCode(self.code).label)


def current_year() -> int:
    return timezone.localdate().year


class PersonQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(anonymised_at__isnull=True)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        if text.upper().startswith("P-") and parse_id(text[2:]) is not None:
            return self.filter(pk=parse_id(text[2:]))
        key = normalise(text)
        digits = "".join(ch for ch in text if ch.isdigit())
        query = models.Q(search_name__contains=key) if key else models.Q(pk__in=[])
        if len(digits) >= 6:
            query |= models.Q(phone_digits__endswith=digits[-9:])
        if "@" in text:
            query |= models.Q(email__iexact=text)
        return self.filter(query)

    def inactive_since(self, day: datetime.date):
        return self.active().filter(last_activity_on__lt=day)


class Person(models.Model):
    """A citizen that a digibank helps. Personal data: scoped, audited, erasable."""

    view_action = "person.view"
    # Fields that volunteers (digihelpers) never see; see permissions "person.view_sensitive".
    SENSITIVE_FIELDS = ("target_groups", "notes", "street", "postcode", "consents")

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("digibank"),
    )
    name = models.CharField(
        _("name or pseudonym"),
        max_length=120,
        blank=True,
        help_text=_("A first name is enough. A pseudonym is fine if the person prefers."),
    )
    is_pseudonym = models.BooleanField(_("this is a pseudonym"), default=False)
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("municipality"),
        help_text=_("Where the person lives. Type a name or a postcode."),
    )
    language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    contact_channel = models.CharField(
        _("how to reach"),
        max_length=10,
        choices=ContactChannel.choices,
        default=ContactChannel.PHONE,
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    phone_digits = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[validate_postcode]
    )
    target_groups = models.ManyToManyField(
        TargetGroup,
        blank=True,
        related_name="people",
        verbose_name=_("target groups"),
        help_text=_("Only for anonymous figures. Tick what the person told you; nothing else."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Only what is needed to help. Staff can read this, volunteers cannot."),
    )
    search_name = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    last_activity_on = models.DateField(_("last activity"), default=timezone.localdate)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_name", "pk"]
        indexes = [
            models.Index(fields=["digibank", "search_name"], name="person_digibank_name_idx"),
            models.Index(fields=["digibank", "last_activity_on"], name="person_activity_idx"),
            models.Index(fields=["digibank", "anonymised_at"], name="person_anonymised_idx"),
            models.Index(fields=["digibank", "created_at"], name="person_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(contact_channel="phone") | ~models.Q(phone=""),
                name="person_phone_channel_has_phone",
            ),
            models.CheckConstraint(
                condition=~models.Q(contact_channel="email") | ~models.Q(email=""),
                name="person_email_channel_has_email",
            ),
            models.CheckConstraint(
                condition=~models.Q(contact_channel="post")
                | (~models.Q(street="") & ~models.Q(postcode="")),
                name="person_post_channel_has_address",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymised_at__isnull=True)
                | (models.Q(name="", phone="", email="", street="", notes="")),
                name="person_anonymised_has_no_identity",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymised_at__isnull=False) | ~models.Q(name=""),
                name="person_has_name",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.name)
        self.phone_digits = "".join(ch for ch in self.phone if ch.isdigit())
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"P-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def display_name(self) -> str:
        if self.anonymised_at:
            return str(_("Anonymised person {reference}").format(reference=self.reference))
        return self.name

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def document_language(self) -> str:
        """The language of letters and agreements: the person's own if we have it."""
        return self.language if self.language in {"nl", "fr", "en"} else "nl"

    def age_in(self, year: int) -> int | None:
        return year - self.year_of_birth if self.year_of_birth else None


class ConsentPurpose(models.TextChoices):
    SERVICE = "service", _("Keep my details to help me (loans, trainings, helpdesk)")
    CONTACT = "contact", _("Contact me with reminders and news about my requests")
    FIGURES = "figures", _("Use my details anonymously in figures for the funders")


class Consent(models.Model):
    """What the person agreed to, when, and (if so) when they withdrew it."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["purpose", "-given_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="consent_one_active_per_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Service(models.TextChoices):
    """The three services of a digibank (the reach figures are split by these)."""

    ACCESS = "access", _("Access: devices and internet")
    SKILLS = "skills", _("Skills: trainings")
    SUPPORT = "support", _("Support: helpdesk and guidance")


class ServiceActivityQuerySet(TenantQuerySet):
    def between(self, start: datetime.date | None, end: datetime.date | None):
        qs = self
        if start:
            qs = qs.filter(occurred_on__gte=start)
        if end:
            qs = qs.filter(occurred_on__lte=end)
        return qs


class ServiceActivity(models.Model):
    """One time a person was served, written by the module that served them.

    The single source of reach figures: a person counts once however many services they
    used. It points at the source record (by type and id) so the same event is never
    counted twice, and it outlives the person's identity: after anonymisation the row
    still counts, without a name.
    """

    view_action = "figures.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("digibank"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="activities", verbose_name=_("person")
    )
    service = models.CharField(_("service"), max_length=10, choices=Service.choices)
    kind = models.CharField(_("kind"), max_length=40)
    occurred_on = models.DateField(_("date"))
    source_type = models.CharField(max_length=60)
    source_id = models.CharField(max_length=40)

    objects = ServiceActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("service activity")
        verbose_name_plural = _("service activities")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            # Covering: reach figures count people per service from the index alone.
            models.Index(
                fields=["digibank", "occurred_on", "person", "service"],
                name="activity_reach_idx",
            ),
            models.Index(fields=["person", "occurred_on"], name="activity_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind"], name="activity_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.kind} {self.occurred_on}"
