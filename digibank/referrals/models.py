"""Warm referrals between a digibank and the organisations in its partnership.

Both ways: the digibank refers a person to a partner (with the person's consent, sharing
only the details ticked), and a partner's worker refers someone to the digibank for a
device, a training or help. A partner's workers see only the referrals of their own
organisation; the digibank's staff see all of their digibank's.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.accounts import permissions
from digibank.core.tenancy import TenantQuerySet


class Direction(models.TextChoices):
    TO_PARTNER = "to_partner", _("To a partner")
    FROM_PARTNER = "from_partner", _("From a partner")


class Need(models.TextChoices):
    """What a partner asks the digibank for; each lands in its own inbox filter."""

    DEVICE = "device", _("A device (laptop, tablet, phone)")
    TRAINING = "training", _("A training")
    HELP = "help", _("Help at the helpdesk")


class Status(models.TextChoices):
    NEW = "new", _("New, waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.NEW, Status.ACCEPTED)


class Outcome(models.TextChoices):
    HELPED = "helped", _("Helped")
    PARTLY = "partly", _("Partly helped")
    NOT_HELPED = "not_helped", _("Not helped")
    NO_CONTACT = "no_contact", _("Could not reach the person")


class SharedField(models.TextChoices):
    """Details of a person that a referral to a partner may share, one by one."""

    NAME = "name", _("Name")
    YEAR_OF_BIRTH = "year_of_birth", _("Year of birth")
    MUNICIPALITY = "municipality", _("Municipality")
    LANGUAGE = "language", _("Preferred language")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    ADDRESS = "address", _("Address")


class ReferralQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """The digibank's referrals for its staff; for a partner worker, only those of
        their own organisation in the digibank of their membership."""
        staff = permissions.digibank_scope(user, "referral.view")
        if staff is permissions.ALL:
            return self.all()
        query = models.Q(digibank_id__in=staff) if staff else models.Q(pk__in=[])
        for grant in permissions.grants(user):
            if (
                "referral.partner" in permissions.ROLE_ACTIONS[grant.role]
                and grant.organisation_id
                and grant.digibank_id
            ):
                query |= models.Q(
                    digibank_id=grant.digibank_id, organisation_id=grant.organisation_id
                )
        return self.filter(query)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def to_partners(self):
        return self.filter(direction=Direction.TO_PARTNER)

    def from_partners(self):
        return self.filter(direction=Direction.FROM_PARTNER)


class Referral(models.Model):
    """One warm referral. Personal data: scoped, audited, exported and erased with the person."""

    view_action = "referral.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("digibank"),
    )
    direction = models.CharField(_("direction"), max_length=12, choices=Direction.choices)
    organisation = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("partner"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("person"),
    )
    helpdesk_contact = models.ForeignKey(
        "helpdesk.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("helpdesk contact"),
    )
    topic = models.ForeignKey(
        "helpdesk.Topic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("topic"),
    )
    need = models.CharField(_("asked for"), max_length=10, choices=Need.choices, blank=True)
    reason = models.TextField(
        _("reason"),
        max_length=2000,
        help_text=_("What the person needs. The partner reads this: only what is needed."),
    )
    shared_fields = models.JSONField(_("details shared"), default=list, blank=True)
    consent_on = models.DateField(_("consent given on"))
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    # The person as a partner describes them (referrals from a partner).
    person_name = models.CharField(_("name of the person"), max_length=120, blank=True)
    person_phone = models.CharField(_("phone of the person"), max_length=30, blank=True)
    person_email = models.EmailField(_("e-mail of the person"), blank=True)
    person_municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality of the person"),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    answer_note = models.CharField(_("answer"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("about the outcome"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("referred by"),
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["digibank", "direction", "status", "-created_at"],
                name="referral_list_idx",
            ),
            models.Index(
                fields=["digibank", "organisation", "-created_at"], name="referral_partner_idx"
            ),
            models.Index(fields=["status", "reminded_at", "created_at"], name="referral_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(direction="to_partner") | models.Q(person__isnull=False),
                name="referral_to_partner_has_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(direction="from_partner") | ~models.Q(need=""),
                name="referral_from_partner_has_need",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(status="closed"),
                name="referral_outcome_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("referrals:detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        """Open for longer than the reminder period: flagged in the lists."""
        return self.is_open and self.days_open >= settings.REFERRAL_REMINDER_DAYS

    @property
    def days_open(self) -> int:
        return (timezone.now() - self.created_at).days

    @property
    def reference(self) -> str:
        return f"R-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_to_partner(self) -> bool:
        return self.direction == Direction.TO_PARTNER

    def shared_details(self) -> list[tuple[str, str]]:
        """Exactly what the partner may read about the person: the ticked details only."""
        person = self.person
        if person is None or person.is_anonymised:
            return []
        values = {
            SharedField.NAME: person.name,
            SharedField.YEAR_OF_BIRTH: person.year_of_birth or "",
            SharedField.MUNICIPALITY: person.municipality.name if person.municipality else "",
            SharedField.LANGUAGE: person.get_language_display(),
            SharedField.PHONE: person.phone,
            SharedField.EMAIL: person.email,
            SharedField.ADDRESS: " ".join(p for p in (person.street, person.postcode) if p),
        }
        return [
            (str(SharedField(key).label), str(values[SharedField(key)]))
            for key in SharedField.values
            if key in self.shared_fields
        ]
