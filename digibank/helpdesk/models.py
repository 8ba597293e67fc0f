"""Helpdesk: contacts (who was helped, with what, how it ended), the topic taxonomy,
handovers of content questions to professionals, bookable slots and the walk-in queue.

Figures come from the contacts themselves: channel, topics, kind of help, minutes and
outcome are chosen from lists, so nobody types anything twice. An anonymous walk-in
keeps only a municipality and a target group; a registered person's contact also records
a ``people.ServiceActivity`` so that the person counts once in reach figures.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digibank.accounts import permissions
from digibank.core.tenancy import TenantQuerySet


class Sensitivity(models.TextChoices):
    TECHNICAL = "technical", _("Technical: a volunteer may help")
    SENSITIVE = "sensitive", _("Content or privacy-sensitive: a professional or a partner")


class TopicQuerySet(models.QuerySet):
    def available_in(self, digibank):
        """The common taxonomy plus the digibank's own topics."""
        return self.filter(models.Q(digibank__isnull=True) | models.Q(digibank=digibank))

    def active(self):
        return self.filter(is_active=True)


class Topic(models.Model):
    """A question people come with: one taxonomy for every digibank, plus local topics.

    The common topics (``digibank`` empty) are seeded by a data migration, so that the
    anonymous counts of online services add up across digibanken and can be sent to the
    organisations that run those services. Staff add and keep their own local topics.
    """

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="helpdesk_topics",
        verbose_name=_("digibank"),
        help_text=_("Empty for the common topics of every digibank."),
    )
    code = models.SlugField(_("code"), max_length=40)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    sensitivity = models.CharField(
        _("kind of question"),
        max_length=10,
        choices=Sensitivity.choices,
        default=Sensitivity.TECHNICAL,
        help_text=_("Content or privacy-sensitive questions go to a professional or a partner."),
    )
    service_owner = models.CharField(
        _("organisation that runs the online service"),
        max_length=150,
        blank=True,
        help_text=_("For example FOD Financiën for Tax-on-web. Empty if it is not one service."),
    )
    position = models.PositiveSmallIntegerField(_("position in the list"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(digibank__isnull=True), name="topic_common_code"
            ),
            models.UniqueConstraint(fields=["digibank", "code"], name="topic_local_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nl")[:2]
        return {"fr": self.name_fr, "en": self.name_en}.get(language) or self.name_nl

    @property
    def is_sensitive(self) -> bool:
        return self.sensitivity == Sensitivity.SENSITIVE

    @property
    def is_common(self) -> bool:
        return self.digibank_id is None


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    FACE_TO_FACE = "face", _("Face to face")
    AT_HOME = "home", _("At home")


class HelpKind(models.TextChoices):
    EXPLAINED = "explained", _("Explained")
    TOGETHER = "together", _("Done together, the person operated")
    TECHNICAL_FIX = "fix", _("Technical fix")
    MINI_LESSON = "lesson", _("Mini-lesson")
    REFERRED = "referred", _("Referred")
    FOLLOW_UP = "follow_up", _("Follow-up booked")


class Outcome(models.TextChoices):
    SOLVED = "solved", _("Solved")
    PARTLY = "partly", _("Partly solved")
    REFERRED = "referred", _("Referred")
    FOLLOW_UP = "follow_up", _("Follow-up needed")


class ContactQuerySet(TenantQuerySet):
    def with_visible_notes(self, user):
        """Annotate ``visible_notes``: the notes, or nothing where the user may not read them.

        Notes of a content or privacy-sensitive contact need ``helpdesk.view_sensitive``
        in the contact's digibank; volunteers do not have it. The raw column is deferred
        so a template cannot show it by mistake.
        """
        scope = permissions.digibank_scope(user, "helpdesk.view_sensitive")
        if scope is permissions.ALL:
            readable = models.Q(pk__isnull=False)
        else:
            readable = models.Q(is_sensitive=False) | models.Q(digibank_id__in=scope)
        return self.defer("notes").annotate(
            visible_notes=models.Case(
                models.When(readable, then=models.F("notes")),
                default=models.Value(""),
                output_field=models.TextField(),
            )
        )

    def readable_by(self, user):
        """Contacts whose every detail (notes too) the user may open."""
        scope = permissions.digibank_scope(user, "helpdesk.view_sensitive")
        if scope is permissions.ALL:
            return self
        return self.filter(models.Q(is_sensitive=False) | models.Q(digibank_id__in=scope))

    def between(self, start, end):
        qs = self
        if start:
            qs = qs.filter(occurred_on__gte=start)
        if end:
            qs = qs.filter(occurred_on__lte=end)
        return qs


class Contact(models.Model):
    """One time someone was helped at the helpdesk, by click, call or connect."""

    view_action = "helpdesk.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="helpdesk_contacts",
        verbose_name=_("digibank"),
    )
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.FACE_TO_FACE
    )
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpdesk_contacts",
        verbose_name=_("location"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpdesk_contacts",
        verbose_name=_("person"),
        help_text=_("Empty for an anonymous walk-in."),
    )
    walk_in_municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality of the walk-in"),
    )
    walk_in_target_group = models.ForeignKey(
        "people.TargetGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group of the walk-in"),
    )
    topics = models.ManyToManyField(
        Topic, related_name="contacts", verbose_name=_("topics"), blank=False
    )
    help_kind = models.CharField(
        _("kind of help"), max_length=10, choices=HelpKind.choices, default=HelpKind.EXPLAINED
    )
    minutes = models.PositiveSmallIntegerField(_("time spent (minutes)"), default=15)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SOLVED
    )
    can_do_alone = models.BooleanField(_("the person can now do it alone"), default=False)
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("helped by"),
    )
    by_volunteer = models.BooleanField(
        _("helped by a volunteer"),
        default=False,
        help_text=_("Kept at registration for the hours given by volunteers."),
    )
    is_sensitive = models.BooleanField(
        _("content or privacy-sensitive"),
        default=False,
        help_text=_("Set when a topic is sensitive; volunteers cannot read the notes."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Only what the next helper needs. No passwords, codes or card numbers."),
    )
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    registration_key = models.CharField(
        _("registration key"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("One per registration form: a second submit finds this contact."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("helpdesk contact")
        verbose_name_plural = _("helpdesk contacts")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            models.Index(fields=["digibank", "occurred_on"], name="contact_date_idx"),
            models.Index(fields=["digibank", "channel", "occurred_on"], name="contact_channel_idx"),
            models.Index(fields=["person", "occurred_on"], name="contact_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=True)
                | models.Q(walk_in_municipality__isnull=True, walk_in_target_group__isnull=True),
                name="contact_person_or_walk_in",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=600),
                name="contact_minutes_range",
            ),
            # A double click on "save" registers one contact, even at the same moment.
            models.UniqueConstraint(
                fields=["digibank", "registration_key"],
                condition=~models.Q(registration_key=""),
                name="contact_registration_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.occurred_on}"

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:contact", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"H-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def is_walk_in(self) -> bool:
        return self.person_id is None


class HandoverStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a professional")
    TAKEN = "taken", _("Taken by a professional")
    DONE = "done", _("Done")


class HandoverQuerySet(TenantQuerySet):
    def open(self):
        return self.exclude(status=HandoverStatus.DONE)


class Handover(models.Model):
    """A content or privacy-sensitive question that a volunteer passed to a professional."""

    view_action = "helpdesk.view_sensitive"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="helpdesk_handovers",
        verbose_name=_("digibank"),
    )
    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="handover", verbose_name=_("contact")
    )
    reason = models.CharField(_("why"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.OPEN
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    created_at = models.DateTimeField(_("handed over at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        verbose_name = _("handover to a professional")
        verbose_name_plural = _("handovers to a professional")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["digibank", "status"], name="handover_status_idx")]

    def __str__(self) -> str:
        return f"{self.contact.reference} ({self.get_status_display()})"


class SlotQuerySet(TenantQuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now())


class Slot(models.Model):
    """A bookable helpdesk appointment at a location; ``capacity`` people can book it."""

    view_action = "helpdesk.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="helpdesk_slots",
        verbose_name=_("digibank"),
    )
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.CASCADE,
        related_name="helpdesk_slots",
        verbose_name=_("location"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("helpdesk slot")
        verbose_name_plural = _("helpdesk slots")
        ordering = ["starts_at", "location_id"]
        indexes = [models.Index(fields=["digibank", "starts_at"], name="slot_start_idx")]
        constraints = [
            models.UniqueConstraint(fields=["location", "starts_at"], name="slot_once_per_start"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=20), name="slot_capacity_range"
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{start:%d/%m/%Y %H:%M} {self.location}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    ATTENDED = "attended", _("Came")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(TenantQuerySet):
    def holding_a_place(self):
        return self.exclude(status=BookingStatus.CANCELLED)

    def for_professionals(self):
        """Appointments to come that a volunteer booked for a sensitive question."""
        return self.filter(
            for_professional=True, status=BookingStatus.BOOKED, slot__ends_at__gte=timezone.now()
        )


class Booking(models.Model):
    """A person's appointment in a slot. ``seat`` makes double booking impossible:
    one active booking per seat of a slot, enforced by the database."""

    view_action = "helpdesk.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="helpdesk_bookings",
        verbose_name=_("digibank"),
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    seat = models.PositiveSmallIntegerField(_("place"), default=1)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="helpdesk_bookings",
        verbose_name=_("person"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    for_professional = models.BooleanField(
        _("for a professional"),
        default=False,
        help_text=_(
            "Booked by a volunteer for a content or privacy-sensitive topic: "
            "a professional helps the person."
        ),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__starts_at", "pk"]
        indexes = [
            models.Index(fields=["digibank", "status"], name="booking_status_idx"),
            models.Index(
                fields=["digibank", "status"],
                condition=models.Q(for_professional=True),
                name="booking_professional_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "seat"],
                condition=~models.Q(status="cancelled"),
                name="booking_one_per_seat",
            ),
            models.UniqueConstraint(
                fields=["slot", "person"],
                condition=~models.Q(status="cancelled"),
                name="booking_once_per_person",
            ),
            models.CheckConstraint(condition=models.Q(seat__gte=1), name="booking_seat_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.slot} – {self.person}"


class QueueStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    HELPING = "helping", _("Being helped")
    DONE = "done", _("Done")
    LEFT = "left", _("Left without help")


class QueueEntryQuerySet(TenantQuerySet):
    def live(self):
        return self.filter(status__in=[QueueStatus.WAITING, QueueStatus.HELPING])


class QueueEntry(models.Model):
    """Someone waiting at the open helpdesk today, shown by a number and a first name."""

    view_action = "helpdesk.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.CASCADE,
        related_name="helpdesk_queue",
        verbose_name=_("digibank"),
    )
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.CASCADE,
        related_name="helpdesk_queue",
        verbose_name=_("location"),
    )
    day = models.DateField(_("day"), default=timezone.localdate)
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(
        _("first name or description"),
        max_length=60,
        blank=True,
        help_text=_("A first name is enough, or something like “man with blue coat”."),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_queue",
        verbose_name=_("person"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QueueStatus.choices, default=QueueStatus.WAITING
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("helper"),
    )
    arrived_at = models.DateTimeField(_("arrived at"), default=timezone.now)
    started_at = models.DateTimeField(_("help started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = QueueEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("queue entry")
        verbose_name_plural = _("queue entries")
        ordering = ["arrived_at", "pk"]
        indexes = [models.Index(fields=["location", "day", "status"], name="queue_live_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "day", "number"], name="queue_number_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.label}".strip()

    @property
    def audit_label(self) -> str:
        return f"{self.day:%d/%m/%Y} #{self.number}"
