"""Lending devices under conditions, the waiting list, reminders, and connectivity help.

A digibank sets its own conditions (``LendingPolicy``). A person asks for a device
(``LoanRequest``) and waits in a visible, first-come-first-served queue. A ``Loan`` ties
one person to one device; the database allows at most one open loan per device. Reminders
are recorded once per loan and stage (``Reminder``), so a scheduled command that runs
twice never sends the same reminder twice. ``ConnectivityHelp`` records help to an
affordable internet offer or the social telecom tariff, and lent SIM cards or data.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.tenancy import TenantQuerySet


class LendingPolicy(models.Model):
    """The conditions one digibank sets for lending. Every rule can be switched off."""

    view_action = "loan.view"

    digibank = models.OneToOneField(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="lending_policy",
        verbose_name=_("digibank"),
    )
    require_service_area = models.BooleanField(
        _("the person lives in our service area"),
        default=True,
        help_text=_("The municipality of the person is one of the digibank's municipalities."),
    )
    target_groups = models.ManyToManyField(
        "people.TargetGroup",
        blank=True,
        related_name="+",
        verbose_name=_("target groups that may borrow"),
        help_text=_("Leave empty when everyone may borrow."),
    )
    require_referral = models.BooleanField(
        _("a partner organisation must refer the person"), default=False
    )
    max_open_requests_per_referrer = models.PositiveSmallIntegerField(
        _("maximum waiting requests per referring partner"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("So that one partner cannot fill the whole waiting list. Empty: no limit."),
    )
    require_proof = models.BooleanField(
        _("proof is needed (for example an OCMW certificate)"), default=False
    )
    max_devices_per_person = models.PositiveSmallIntegerField(
        _("devices per person at the same time"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    default_loan_weeks = models.PositiveSmallIntegerField(
        _("usual loan period (weeks)"),
        default=26,
        validators=[MinValueValidator(1), MaxValueValidator(260)],
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before the due date"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    lends_sim_cards = models.BooleanField(_("we lend SIM cards or mobile data"), default=False)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("lending conditions")
        verbose_name_plural = _("lending conditions")

    def __str__(self) -> str:
        return str(_("Lending conditions of {digibank}").format(digibank=self.digibank))


class DeviceWish(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    TABLET = "tablet", _("Tablet")
    SMARTPHONE = "smartphone", _("Smartphone")
    DESKTOP = "desktop", _("Desktop computer")
    ANY = "any", _("Any suitable device")


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SERVED = "served", _("Device lent")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFUSED = "refused", _("Refused")


class LoanRequestQuerySet(TenantQuerySet):
    def waiting(self):
        return self.filter(status=RequestStatus.WAITING)

    def in_queue_order(self):
        """The fair order of the waiting list: who asked first goes first.

        Ties (the same day) go by registration order. Nothing else moves a person up:
        the order can be explained to anyone who asks, and is shown on the list.
        """
        return self.order_by("requested_on", "pk")


class LoanRequest(models.Model):
    """A person asks for a device and waits in the queue until one is lent."""

    view_action = "loan.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="loan_requests",
        verbose_name=_("digibank"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="loan_requests",
        verbose_name=_("person"),
    )
    wish = models.CharField(
        _("device needed"), max_length=12, choices=DeviceWish.choices, default=DeviceWish.LAPTOP
    )
    purpose = models.CharField(
        _("what for"),
        max_length=200,
        blank=True,
        help_text=_("In a few words, for example: school work of the children, job search."),
    )
    referrer = models.ForeignKey(
        "digibanks.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loan_requests",
        verbose_name=_("referred by"),
    )
    proof = models.CharField(
        _("proof seen"),
        max_length=100,
        blank=True,
        help_text=_("What was shown, for example: OCMW certificate. Do not copy numbers."),
    )
    proof_valid_until = models.DateField(_("proof valid until"), null=True, blank=True)
    requested_on = models.DateField(_("asked on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = LoanRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan request")
        verbose_name_plural = _("loan requests")
        ordering = ["requested_on", "pk"]
        indexes = [
            models.Index(
                fields=["digibank", "status", "requested_on"], name="loanrequest_queue_idx"
            ),
            models.Index(fields=["referrer", "status"], name="loanrequest_referrer_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="waiting"),
                name="loanrequest_one_waiting_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status="waiting") | models.Q(closed_on__isnull=False),
                name="loanrequest_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("loans:request", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"R-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference


class LoanKind(models.TextChoices):
    FIXED = "fixed", _("For a fixed period")
    LONG_TERM = "long_term", _("Long-term loan")


class LoanStatus(models.TextChoices):
    OPEN = "open", _("On loan")
    RETURNED = "returned", _("Returned")
    GIFTED = "gifted", _("Given to the person")
    LOST = "lost", _("Lost")
    STOLEN = "stolen", _("Stolen")


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Some signs of use")
    DAMAGED = "damaged", _("Damaged")
    BROKEN = "broken", _("Does not work")


class LoanQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status=LoanStatus.OPEN)

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)

    def due_within(self, days: int, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days))


class Loan(models.Model):
    """One device lent to one person. At most one open loan per device (database rule)."""

    view_action = "loan.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("digibank"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="loans", verbose_name=_("person")
    )
    device = models.ForeignKey(
        "devices.Device", on_delete=models.PROTECT, related_name="loans", verbose_name=_("device")
    )
    request = models.OneToOneField(
        LoanRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loan",
        verbose_name=_("request"),
    )
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
        verbose_name=_("handed over at"),
    )
    kind = models.CharField(
        _("kind of loan"), max_length=10, choices=LoanKind.choices, default=LoanKind.FIXED
    )
    started_on = models.DateField(_("start"), default=timezone.localdate)
    due_on = models.DateField(
        _("bring back by"),
        null=True,
        blank=True,
        help_text=_("Needed for a loan for a fixed period."),
    )
    condition_out = models.CharField(
        _("condition when lent"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    accessories = models.CharField(
        _("accessories"),
        max_length=200,
        blank=True,
        help_text=_("For example: charger, bag, mouse."),
    )
    deposit = models.DecimalField(
        _("deposit (euro)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when there is no deposit."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LoanStatus.choices, default=LoanStatus.OPEN
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    condition_in = models.CharField(
        _("condition when returned"), max_length=10, choices=Condition.choices, blank=True
    )
    accessories_complete = models.BooleanField(_("all accessories returned"), null=True)
    deposit_refunded = models.BooleanField(_("deposit paid back"), null=True)
    end_note = models.CharField(_("note"), max_length=300, blank=True)
    extensions = models.PositiveSmallIntegerField(_("times extended"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lent by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "status", "due_on"], name="loan_status_due_idx"),
            models.Index(fields=["digibank", "-started_on", "-id"], name="loan_recent_idx"),
            models.Index(
                fields=["digibank", "status", "-started_on", "-id"], name="loan_status_recent_idx"
            ),
            models.Index(fields=["person", "status"], name="loan_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=models.Q(status="open"),
                name="loan_one_open_per_device",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="fixed") | models.Q(due_on__isnull=False),
                name="loan_fixed_has_due_date",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(due_on__gte=models.F("started_on")),
                name="loan_due_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(ended_on__isnull=False),
                name="loan_closed_has_end_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("loans:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"L-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == LoanStatus.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    def days_overdue(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return (today - self.due_on).days if self.is_overdue(today) else 0


class LoanExtension(models.Model):
    """A due date moved later: who did it, when, and from which date."""

    loan = models.ForeignKey(
        Loan, on_delete=models.CASCADE, related_name="extension_log", verbose_name=_("loan")
    )
    previous_due_on = models.DateField(_("previous due date"))
    new_due_on = models.DateField(_("new due date"))
    extended_on = models.DateField(_("extended on"), default=timezone.localdate)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("extended by"),
    )

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["extended_on", "pk"]

    def __str__(self) -> str:
        return f"{self.previous_due_on} -> {self.new_due_on}"


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    CALL = "call", _("Phone call")


class ReminderMessageQuerySet(TenantQuerySet):
    def to_do(self):
        """Letters to print and calls to make that nobody has marked as done."""
        return self.filter(channel__in=[Channel.LETTER, Channel.CALL], done_on__isnull=True)


class ReminderMessage(models.Model):
    """One message to one person that bundles their reminders of one run.

    An e-mail is sent at once; a letter or a call lands on the to-do list of the digibank
    until someone marks it as done.
    """

    view_action = "loan.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="reminder_messages",
        verbose_name=_("digibank"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="reminder_messages",
        verbose_name=_("person"),
    )
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    created_on = models.DateField(_("date"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    objects = ReminderMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder message")
        verbose_name_plural = _("reminder messages")
        ordering = ["-created_on", "pk"]
        indexes = [
            models.Index(fields=["digibank", "channel", "done_on"], name="remindermsg_todo_idx")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"M-{self.pk:06d}"


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    OVERDUE_AGAIN = "overdue_2", _("Still overdue after two weeks")


class Reminder(models.Model):
    """One reminder of one loan at one stage. Unique: never sent twice."""

    loan = models.ForeignKey(
        Loan, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("loan")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=ReminderStage.choices)
    due_on = models.DateField(_("due date it reminds of"))
    message = models.ForeignKey(
        ReminderMessage,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("message"),
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            # An extension gives a new due date, and so a new round of reminders.
            models.UniqueConstraint(
                fields=["loan", "stage", "due_on"], name="reminder_once_per_loan_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.due_on}"


class ConnectivityKind(models.TextChoices):
    SOCIAL_TARIFF = "social_tariff", _("Social telecom tariff")
    AFFORDABLE_OFFER = "affordable_offer", _("Affordable internet offer")
    PUBLIC_WIFI = "public_wifi", _("Free public internet nearby")
    SIM_CARD = "sim_card", _("SIM card lent")
    MOBILE_DATA = "mobile_data", _("Mobile data given")


class ConnectivityQuerySet(TenantQuerySet):
    def lent_out(self):
        return self.filter(kind=ConnectivityKind.SIM_CARD, returned_on__isnull=True)


class ConnectivityHelp(models.Model):
    """Help to get online at home: a cheaper offer, the social tariff, a SIM card or data."""

    view_action = "loan.view"
    LENT = (ConnectivityKind.SIM_CARD, ConnectivityKind.MOBILE_DATA)

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="connectivity_help",
        verbose_name=_("digibank"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="connectivity_help",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=ConnectivityKind.choices)
    helped_on = models.DateField(_("date"), default=timezone.localdate)
    provider = models.CharField(
        _("provider"), max_length=80, blank=True, help_text=_("For example: Proximus, Telenet.")
    )
    outcome_ok = models.BooleanField(
        _("it worked"),
        null=True,
        help_text=_("Did the person get the tariff or offer? Leave open if not known yet."),
    )
    data_gb = models.PositiveSmallIntegerField(
        _("mobile data (GB)"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    due_on = models.DateField(_("bring the SIM card back by"), null=True, blank=True)
    returned_on = models.DateField(_("SIM card returned on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = ConnectivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("connectivity help")
        verbose_name_plural = _("connectivity help")
        ordering = ["-helped_on", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "-helped_on"], name="connectivity_recent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_on__isnull=True) | models.Q(kind="sim_card"),
                name="connectivity_only_sim_returned",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"C-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference
