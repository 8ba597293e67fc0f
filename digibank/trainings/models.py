"""Trainings: a catalogue of courses, sessions people register for, and attendance.

A ``Course`` is what a digibank teaches (the catalogue). A ``Session`` is one run of a
course for one group: a trainer, a place, a number of seats, and one or more
``Meeting``s (a series of four Tuesday mornings is one session with four meetings).
People register for a session; when it is full they join its waiting list, and a seat
that frees up goes to the first person waiting. Attendance is taken per meeting.
"""

import math

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.tenancy import TenantQuerySet


class Topic(models.TextChoices):
    BASICS = "basics", _("Basic computer skills")
    SMARTPHONE = "smartphone", _("Smartphone and tablet")
    INTERNET = "internet", _("Internet and e-mail")
    ONLINE_SERVICES = "services", _("Online services (itsme, Tax-on-web, banking)")
    SAFETY = "safety", _("Safe online")
    REPAIR = "repair", _("Repairing IT equipment")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    STARTER = "starter", _("Starter: no experience needed")
    BASIC = "basic", _("Basic: you can already do a little")
    ADVANCED = "advanced", _("Advanced")


class CourseFormat(models.TextChoices):
    GROUP = "group", _("In a group")
    ONE_TO_ONE = "one_to_one", _("One to one")
    AT_HOME = "at_home", _("At home")


class TeachingLanguage(models.TextChoices):
    """Languages a course can be taught in (a subset of people's languages)."""

    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    UKRAINIAN = "uk", _("Ukrainian")
    OTHER = "other", _("Other language")


class CourseQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Course(models.Model):
    """A training in the digibank's catalogue, described in clear language."""

    view_action = "training.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("digibank"),
    )
    title = models.CharField(
        _("title"), max_length=120, help_text=_("Short and clear, for example: Start with email.")
    )
    description = models.TextField(
        _("description"),
        help_text=_("What people learn, in short sentences and everyday words."),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    languages = models.JSONField(
        _("languages of instruction"),
        default=list,
        help_text=_("The languages the trainer can teach this course in."),
    )
    course_format = models.CharField(
        _("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.GROUP
    )
    meetings_count = models.PositiveSmallIntegerField(
        _("number of meetings"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("More than one for a series, for example four Tuesday mornings."),
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("duration of one meeting (minutes)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    accessibility_notes = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("For example: large print handouts, a hearing loop, step-free room."),
    )
    materials = models.TextField(
        _("materials"),
        blank=True,
        help_text=_("What people bring and what the digibank provides (laptops, chargers)."),
    )
    gives_certificate = models.BooleanField(
        _("gives a certificate of participation"),
        default=False,
        help_text=_("People who attend at least three quarters of the meetings get one."),
    )
    technical_track = models.BooleanField(
        _("technical-skills track"),
        default=False,
        help_text=_("Trainees learn to repair devices; their repair work is linked to them."),
    )
    is_active = models.BooleanField(_("in the catalogue"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["digibank", "is_active", "topic"], name="course_catalogue_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["digibank", "title"], name="course_title_unique"),
            models.CheckConstraint(
                condition=models.Q(meetings_count__gte=1), name="course_meetings_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trainings:course", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"C-{self.pk:05d}"

    def language_labels(self) -> list[str]:
        labels = dict(TeachingLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    @property
    def hours(self) -> float:
        return self.meetings_count * self.meeting_minutes / 60


class SessionQuerySet(TenantQuerySet):
    def planned(self):
        return self.filter(cancelled_at__isnull=True)

    def upcoming(self):
        return self.planned().filter(last_ends_at__gte=timezone.now())

    def with_counts(self):
        """Seats taken and people waiting, in the same query as the sessions."""
        active = models.Q(registrations__status=RegistrationStatus.CONFIRMED)
        waiting = models.Q(registrations__status=RegistrationStatus.WAITING)
        return self.annotate(
            taken=models.Count("registrations", filter=active, distinct=True),
            waiting=models.Count("registrations", filter=waiting, distinct=True),
        )


class Session(models.Model):
    """One run of a course for one group of people: the unit of registration.

    ``first_starts_at`` and ``last_ends_at`` repeat the first and last meeting so that
    lists filter and sort on an index instead of a subquery.
    """

    view_action = "training.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("digibank"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    location = models.ForeignKey(
        "digibanks.Location",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("location"),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("trainer"),
        help_text=_("A staff member or volunteer of the digibank."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    language = models.CharField(
        _("language"), max_length=5, choices=TeachingLanguage.choices, default="nl"
    )
    note = models.CharField(
        _("note for participants"),
        max_length=200,
        blank=True,
        help_text=_("For example: enter by the side door. Shown in reminders."),
    )
    first_starts_at = models.DateTimeField(_("starts at"), editable=False)
    last_ends_at = models.DateTimeField(_("ends at"), editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["first_starts_at", "pk"]
        indexes = [
            models.Index(fields=["digibank", "last_ends_at"], name="session_upcoming_idx"),
            models.Index(fields=["digibank", "first_starts_at"], name="session_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_has_seats"),
            models.CheckConstraint(
                condition=models.Q(last_ends_at__gt=models.F("first_starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.first_starts_at)
        return f"{self.course} ({start:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("trainings:session", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"S-{self.pk:05d}"

    @property
    def audit_label(self) -> str:
        return self.reference

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_ended(self) -> bool:
        return self.last_ends_at < timezone.now()

    def certificate_threshold(self, meetings: int | None = None) -> int:
        """Meetings a person must attend for a certificate: three quarters, rounded up."""
        count = meetings if meetings is not None else self.meetings.planned().count()
        return max(1, math.ceil(count * 3 / 4))


class MeetingQuerySet(models.QuerySet):
    def planned(self):
        """Meetings that take place: not called off on their own (see cancel_meeting)."""
        return self.filter(cancelled_at__isnull=True)


class Meeting(models.Model):
    """One date of a session: attendance is taken and reminders are sent per meeting.

    One meeting of a series can be called off (the trainer is ill, the room is taken); it
    stays on the session's page as called off and counts nowhere else.
    """

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("session")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    cancelled_at = models.DateTimeField(_("called off at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="meeting_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
            # A called-off meeting does not hold its time: another may be moved there.
            models.UniqueConstraint(
                fields=["session", "starts_at"],
                condition=models.Q(cancelled_at__isnull=True),
                name="meeting_once",
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def may_change(self) -> bool:
        """It can still be moved or called off (see services)."""
        return not self.is_cancelled and not self.has_begun

    @property
    def attendance_open(self) -> bool:
        """Attendance is taken from the day of the meeting on (see mark_attendance)."""
        return not self.is_cancelled and timezone.localdate(self.starts_at) <= timezone.localdate()


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Has a seat")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Channel(models.TextChoices):
    """How the registration came in; ``self`` is the person on the public pages."""

    DESK = "desk", _("At the desk")
    PHONE = "phone", _("By phone")
    PARTNER = "partner", _("Through a partner")
    SELF = "self", _("By the person, online")


class CancelledBy(models.TextChoices):
    PERSON = "person", _("The person cancelled")
    DIGIBANK = "digibank", _("The digibank cancelled")


class RegistrationQuerySet(TenantQuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "pk")


class Registration(models.Model):
    """A person's place in a session: a seat, a place on the waiting list, or cancelled.

    One row per person and session (a database constraint): registering again after a
    cancellation reuses the row, so a double click or two staff members at once can
    never give one person two seats.
    """

    view_action = "training.view"

    digibank = models.ForeignKey(
        "digibanks.Digibank",
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("digibank"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="training_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    channel = models.CharField(_("registered"), max_length=10, choices=Channel.choices)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("got a seat from the waiting list at"), null=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=10, choices=CancelledBy.choices, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        indexes = [
            models.Index(fields=["session", "status", "waiting_since"], name="registration_queue"),
            models.Index(fields=["person", "status"], name="registration_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="registration_once"),
            models.CheckConstraint(
                condition=~models.Q(status="waiting") | models.Q(waiting_since__isnull=False),
                name="registration_waiting_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | models.Q(cancelled_at__isnull=False),
                name="registration_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"

    @property
    def audit_label(self) -> str:
        return f"{self.person.reference} {self.session.reference}"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Did not come")
    EXCUSED = "excused", _("Excused")


class AttendanceQuerySet(models.QuerySet):
    def counted(self):
        """Present at a meeting that took place: what a certificate counts."""
        return self.filter(status=AttendanceStatus.PRESENT, meeting__cancelled_at__isnull=True)


class Attendance(models.Model):
    """Whether a registered person came to one meeting ("absent" is a no-show)."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("registration"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["registration", "meeting"], name="attendance_once")
        ]
        indexes = [models.Index(fields=["meeting", "status"], name="attendance_meeting_idx")]

    def __str__(self) -> str:
        return f"{self.registration} {self.meeting}: {self.get_status_display()}"


class NotificationKind(models.TextChoices):
    PROMOTED = "promoted", _("A seat came free")
    REMINDER = "reminder", _("Reminder")
    SESSION_CANCELLED = "cancelled", _("Session cancelled")
    REGISTRATION_CANCELLED = "deregistered", _("Registration cancelled by the digibank")
    MEETING_MOVED = "moved", _("Meeting moved")
    MEETING_CANCELLED = "skipped", _("Meeting called off")


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CALL = "call", _("Call list")


class NotificationQuerySet(models.QuerySet):
    def still_true(self, now=None):
        """Messages that are still worth passing on, by phone or by a retried e-mail.

        A reminder or a moved meeting is moot once it has begun, was called off or the seat is
        gone; a called-off meeting once its time has passed or the seat is gone; news of a
        seat once the seat is gone again, news of a cancellation once the person has
        registered again; and every message once the session's last meeting is over.
        """
        now = now or timezone.now()
        has_seat = models.Q(
            registration__status=RegistrationStatus.CONFIRMED,
            registration__session__cancelled_at__isnull=True,
        )
        true = (
            (
                models.Q(
                    kind__in=[NotificationKind.REMINDER, NotificationKind.MEETING_MOVED],
                    meeting__starts_at__gt=now,
                    meeting__cancelled_at__isnull=True,
                )
                & has_seat
            )
            | (
                models.Q(kind=NotificationKind.MEETING_CANCELLED, meeting__starts_at__gt=now)
                & has_seat
            )
            | (models.Q(kind=NotificationKind.PROMOTED) & has_seat)
            | models.Q(
                kind__in=[
                    NotificationKind.SESSION_CANCELLED,
                    NotificationKind.REGISTRATION_CANCELLED,
                ],
                registration__status=RegistrationStatus.CANCELLED,
            )
        )
        return self.filter(
            true,
            # A called-off meeting has its own date: the session may have ended before it
            # (its last meeting was the one called off).
            models.Q(registration__session__last_ends_at__gt=now)
            | models.Q(kind=NotificationKind.MEETING_CANCELLED),
        )

    def to_call(self, now=None):
        """Messages staff still have to pass on by phone, while they are still true."""
        return self.still_true(now).filter(channel=NotificationChannel.CALL, called_at__isnull=True)


class Notification(models.Model):
    """A message to a registered person, written once and delivered once.

    ``key`` makes every message unique per registration (for example one reminder per
    meeting), so a command that runs twice or two requests at once cannot tell a person
    the same thing twice. People without e-mail get the message on the call list.
    """

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind.choices)
    key = models.CharField(max_length=40)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("meeting"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=NotificationChannel.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "key"], name="notification_once")
        ]
        indexes = [
            models.Index(fields=["channel", "sent_at"], name="notification_pending_idx"),
            # The call lists and the count on the start page: only calls not made yet.
            models.Index(
                fields=["registration"],
                condition=models.Q(channel="call", called_at__isnull=True),
                name="notification_to_call_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.registration}"
