"""Digibanken (the tenants), the organisations in their partnerships, and their locations."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from digibank.accounts import permissions
from digibank.core.tenancy import TenantQuerySet
from digibank.core.validators import (
    format_enterprise_number,
    normalise_enterprise_number,
    validate_enterprise_number,
    validate_phone,
    validate_postcode,
)


class DigibankQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "digibank.view"):
        scope = permissions.digibank_scope(user, action)
        if scope is permissions.ALL:
            return self.all()
        return self.filter(pk__in=scope) if scope else self.none()

    def active(self):
        return self.filter(is_active=True)


class Digibank(models.Model):
    """A local partnership that lends devices, trains and helps; the unit of tenancy.

    Every record about its daily work (people, devices, sessions, contacts) belongs to
    exactly one digibank, and users see only the digibanken they are members of.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        related_name="digibanks",
        verbose_name=_("service area"),
        help_text=_("The municipalities this digibank serves."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
        help_text=_(
            "People without any activity for this long are anonymised. "
            "Empty: the installation's default."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DigibankQuerySet.as_manager()

    class Meta:
        verbose_name = _("digibank")
        verbose_name_plural = _("digibanken")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digibanks:detail", args=[self.pk])


class OrganisationKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    OCMW = "ocmw", _("OCMW (public social welfare centre)")
    LIBRARY = "library", _("Library")
    COMPANY = "company", _("Company")
    NON_PROFIT = "non_profit", _("Non-profit organisation")
    SOCIAL_ECONOMY = "social_economy", _("Social-economy firm")
    TRAINING_PROVIDER = "training_provider", _("Training provider")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """An organisation that can be a partner of digibanken, an applicant or a beneficiary.

    Shared across the installation: a library can be a partner of two digibanken and the
    beneficiary of a subsidy. Not personal data.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("KBO number, for example 0207.451.227."),
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="organisation_enterprise_number_unique",
            )
        ]
        indexes = [models.Index(fields=["kind"], name="organisation_kind_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.enterprise_number:
            self.enterprise_number = normalise_enterprise_number(self.enterprise_number)

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number) if self.enterprise_number else ""


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    REFERRER = "referrer", _("Referring partner")
    SUPPORTER = "supporter", _("Supporting partner (e.g. donates devices)")
    LOCATION_HOST = "location_host", _("Hosts a location")


class Partnership(models.Model):
    """An organisation's place in one digibank's partnership."""

    view_action = "digibank.view"

    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("digibank")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role in the partnership"), max_length=20, choices=PartnerRole.choices
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    since = models.DateField(_("partner since"), null=True, blank=True)
    until = models.DateField(_("partner until"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["digibank", "organisation"], name="partnership_unique_per_digibank"
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True)
                | models.Q(since__isnull=True)
                | models.Q(until__gte=models.F("since")),
                name="partnership_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class LocationKind(models.TextChoices):
    FIXED = "fixed", _("Fixed")
    HYBRID = "hybrid", _("Hybrid")
    MOBILE = "mobile", _("Mobile")


class Location(models.Model):
    """A place where people can come: click (e-mail), call (phone) and connect (visit)."""

    view_action = "digibank.view"

    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, related_name="locations", verbose_name=_("digibank")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=10, choices=LocationKind.choices, default=LocationKind.FIXED
    )
    host = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_locations",
        verbose_name=_("host organisation"),
    )
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[validate_postcode]
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        related_name="locations",
        verbose_name=_("municipality"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours_note = models.CharField(
        _("note on opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: also by appointment; closed in July."),
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_notes = models.TextField(
        _("accessibility information"),
        blank=True,
        help_text=_("Parking, public transport, a lift, help at the entrance."),
    )
    offers_lending = models.BooleanField(_("lending of devices"), default=False)
    offers_collection = models.BooleanField(_("collection point for devices"), default=False)
    offers_training = models.BooleanField(_("trainings"), default=False)
    offers_helpdesk = models.BooleanField(_("helpdesk"), default=False)
    offers_computer_room = models.BooleanField(_("public computers"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["digibank", "name"], name="location_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digibanks:location", args=[self.pk])

    @property
    def services(self) -> list[str]:
        names = []
        for field in (
            "offers_lending",
            "offers_collection",
            "offers_training",
            "offers_helpdesk",
            "offers_computer_room",
        ):
            if getattr(self, field):
                names.append(self._meta.get_field(field).verbose_name)
        return names

    @property
    def address(self) -> str:
        town = self.municipality.name if self.municipality_id else ""
        return ", ".join(part for part in (self.street, f"{self.postcode} {town}".strip()) if part)


class Weekday(models.IntegerChoices):
    # A context of our own: without it these labels ("Dinsdag", a row heading) would also
    # replace Django's own day names, and every date mid-sentence would read "Dinsdag".
    MONDAY = 0, pgettext_lazy("opening hours", "Monday")
    TUESDAY = 1, pgettext_lazy("opening hours", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("opening hours", "Wednesday")
    THURSDAY = 3, pgettext_lazy("opening hours", "Thursday")
    FRIDAY = 4, pgettext_lazy("opening hours", "Friday")
    SATURDAY = 5, pgettext_lazy("opening hours", "Saturday")
    SUNDAY = 6, pgettext_lazy("opening hours", "Sunday")


class OpeningHours(models.Model):
    """One opening period of a location on one weekday (a day can have several)."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("location")
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
