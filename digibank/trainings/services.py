"""Writes and domain rules for trainings: sessions, registration, the waiting list,
cancellation, attendance, reminders and certificates.

Every change to who has a seat happens while the session's row is locked
(``select_for_update``), so two people taking the last seat at the same moment are
served one after the other: one gets the seat, the other joins the waiting list. A
database constraint allows one registration per person and session.

Functions take keyword arguments and the acting user (``by``; ``None`` is the person
themselves on the public pages, or the system), never a request, and raise
``TrainingError`` with a message for the user when a rule says no.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digibank.audit import services as audit
from digibank.people.models import ContactChannel, Person, Service, ServiceActivity
from digibank.people.services import record_activity
from digibank.trainings.models import (
    Attendance,
    AttendanceStatus,
    CancelledBy,
    Channel,
    Course,
    Meeting,
    Notification,
    NotificationChannel,
    NotificationKind,
    Registration,
    RegistrationStatus,
    Session,
)

log = logging.getLogger(__name__)

ACTIVITY_KIND = "training_attended"


class TrainingError(Exception):
    """A rule about trainings said no; the message is meant for the user."""


# --- Catalogue ---------------------------------------------------------------------------

COURSE_FIELDS = (
    "title", "description", "topic", "level", "languages", "course_format", "meetings_count",
    "meeting_minutes", "accessibility_notes", "materials", "gives_certificate",
    "technical_track", "is_active",
)  # fmt: skip


@transaction.atomic
def save_course(*, digibank, by, data: dict, course: Course | None = None) -> Course:
    """Add a course to the catalogue, or change one (fields left out stay as they are)."""
    course = course or Course(digibank=digibank)
    if course.digibank_id != digibank.pk:
        raise TrainingError(_("This course belongs to another digibank."))
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    if Course.objects.filter(digibank=digibank, title=course.title).exclude(pk=course.pk).exists():
        raise TrainingError(_("There is already a course with this title."))
    course.save()
    return course


# --- Sessions ----------------------------------------------------------------------------


# How far from today a session can be planned: far enough back to record a session that
# took place, far enough ahead for next year's programme, and far from the end of the
# calendar (where date arithmetic overflows).
PLAN_DAYS_BACK = 366
PLAN_DAYS_AHEAD = 2 * 366
MAX_MEETINGS = 52


def check_first_day(day: datetime.date, *, today: datetime.date | None = None) -> None:
    """Refuse a first day too long ago or too far ahead (see ``PLAN_DAYS_*``)."""
    today = today or timezone.localdate()
    earliest = today - datetime.timedelta(days=PLAN_DAYS_BACK)
    latest = today + datetime.timedelta(days=PLAN_DAYS_AHEAD)
    if not earliest <= day <= latest:
        raise TrainingError(
            _("Choose a first day between %(earliest)s and %(latest)s.")
            % {"earliest": f"{earliest:%d/%m/%Y}", "latest": f"{latest:%d/%m/%Y}"}
        )


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """``day`` at ``time`` on the local clock, refused when the clock skips that time
    (the night summer time starts, 02:00–03:00 in Belgium)."""
    naive = datetime.datetime.combine(day, time)
    moment = timezone.make_aware(naive)
    # Through UTC and back: a skipped time comes back an hour later. (``astimezone`` to
    # the same zone would return the moment unchanged.)
    if timezone.localtime(moment.astimezone(datetime.UTC)).replace(tzinfo=None) != naive:
        raise TrainingError(
            _(
                "On %(day)s the clocks go forward: %(time)s does not exist that night. "
                "Choose other hours."
            )
            % {"day": f"{day:%d/%m/%Y}", "time": f"{time:%H:%M}"}
        )
    return moment


def weekly_meetings(
    *, first_day: datetime.date, start: datetime.time, end: datetime.time, count: int
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """``count`` meetings on the same weekday and hours, a week apart (local time)."""
    if not 1 <= count <= MAX_MEETINGS:
        raise TrainingError(
            _("A session has between 1 and %(max)s meetings.") % {"max": MAX_MEETINGS}
        )
    check_first_day(first_day)
    if end <= start:
        raise TrainingError(_("The end time must be after the start time."))
    result = []
    for week in range(count):
        day = first_day + datetime.timedelta(weeks=week)
        result.append((_aware(day, start), _aware(day, end)))
    return result


@transaction.atomic
def plan_session(
    *,
    course: Course,
    by,
    location,
    capacity: int,
    meetings: list[tuple[datetime.datetime, datetime.datetime]],
    trainer=None,
    language: str = "nl",
    note: str = "",
) -> Session:
    """Plan a run of ``course`` with its meetings (at least one)."""
    if not meetings:
        raise TrainingError(_("A session needs at least one meeting."))
    if len(meetings) > MAX_MEETINGS:
        raise TrainingError(
            _("A session has between 1 and %(max)s meetings.") % {"max": MAX_MEETINGS}
        )
    if location.digibank_id != course.digibank_id:
        raise TrainingError(_("Choose a location of this digibank."))
    if any(timezone.is_naive(moment) for pair in meetings for moment in pair):
        raise ValueError("meetings need aware datetimes")
    days = [moment.date() for pair in meetings for moment in pair]
    check_first_day(min(days))
    if max(days) - min(days) > datetime.timedelta(weeks=MAX_MEETINGS):
        raise TrainingError(_("All meetings of a session lie within one year."))
    # Compare in UTC: two aware datetimes with the same time zone compare by their wall
    # clock, so 02:30–03:30 on the night the clocks go forward would pass as an hour.
    meetings = sorted(
        (start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)) for start, end in meetings
    )
    if any(end <= start for start, end in meetings):
        raise TrainingError(_("The end time must be after the start time."))
    session = Session.objects.create(
        digibank_id=course.digibank_id,
        course=course,
        location=location,
        trainer=trainer,
        capacity=capacity,
        language=language,
        note=note,
        first_starts_at=meetings[0][0],
        last_ends_at=max(end for _start, end in meetings),
        created_by=by,
    )
    Meeting.objects.bulk_create(
        [Meeting(session=session, starts_at=start, ends_at=end) for start, end in meetings]
    )
    return session


@transaction.atomic
def update_session(
    *, session: Session, by, capacity: int, location, trainer=None, language="nl", note=""
) -> list[Registration]:
    """Change a session. More seats promote people from the waiting list (returned)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise TrainingError(_("This session is cancelled and can no longer be changed."))
    if location.digibank_id != session.digibank_id:
        raise TrainingError(_("Choose a location of this digibank."))
    taken = session.registrations.confirmed().count()
    if capacity < taken:
        raise TrainingError(
            _("%(taken)s people already have a seat. Cancel registrations first.")
            % {"taken": taken}
        )
    session.capacity = capacity
    session.location = location
    session.trainer = trainer
    session.language = language
    session.note = note
    session.save()
    return _fill_free_seats(session)


@transaction.atomic
def move_meeting(
    *, meeting: Meeting, by, day: datetime.date, start: datetime.time, end: datetime.time
) -> int:
    """Move one meeting of a series (the trainer is ill, the room is taken): everyone with
    a seat is told the new time once. Returns how many were told."""
    session = Session.objects.select_for_update().get(pk=meeting.session_id)
    meeting = Meeting.objects.get(pk=meeting.pk, session=session)
    now = timezone.now()
    if session.is_cancelled:
        raise TrainingError(_("This session is cancelled and can no longer be changed."))
    if meeting.is_cancelled:
        raise TrainingError(_("This meeting was called off; it can no longer be moved."))
    if meeting.has_begun:
        raise TrainingError(_("This meeting has already begun; it can no longer be moved."))
    check_first_day(day)
    if end <= start:
        raise TrainingError(_("The end time must be after the start time."))
    starts_at, ends_at = _aware(day, start), _aware(day, end)
    if starts_at <= now:
        raise TrainingError(_("Choose a moment in the future."))
    others = session.meetings.planned().exclude(pk=meeting.pk)
    if others.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise TrainingError(_("Another meeting of this session is at that time."))
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.save(update_fields=["starts_at", "ends_at"])
    _update_bounds(session)
    audit.record(actor=by, action="change", target=session, fields=["meetings"])
    told = 0
    key = f"moved-{meeting.pk}-{starts_at:%Y%m%d%H%M}"
    for registration in session.registrations.confirmed().select_related("person"):
        if _notify(registration, NotificationKind.MEETING_MOVED, key, meeting):
            told += 1
    return told


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by) -> int:
    """Call off one meeting of a series; the others stay. Everyone with a seat is told
    once. The last meeting that still takes place cannot be called off: cancel the session
    instead. Returns how many were told."""
    session = Session.objects.select_for_update().get(pk=meeting.session_id)
    meeting = Meeting.objects.get(pk=meeting.pk, session=session)
    now = timezone.now()
    if session.is_cancelled:
        raise TrainingError(_("This session is cancelled and can no longer be changed."))
    if meeting.is_cancelled:
        raise TrainingError(_("This meeting was already called off."))
    if meeting.has_begun:
        raise TrainingError(_("This meeting has already begun; it can no longer be called off."))
    if meeting.attendances.exists():
        raise TrainingError(_("Attendance was already taken for this meeting."))
    if not session.meetings.planned().exclude(pk=meeting.pk).exists():
        raise TrainingError(_("This is the only meeting left. Cancel the whole session instead."))
    meeting.cancelled_at = now
    meeting.save(update_fields=["cancelled_at"])
    _update_bounds(session)
    audit.record(actor=by, action="change", target=session, fields=["meetings"])
    told = 0
    for registration in session.registrations.confirmed().select_related("person"):
        if _notify(
            registration, NotificationKind.MEETING_CANCELLED, f"skipped-{meeting.pk}", meeting
        ):
            told += 1
    return told


def _update_bounds(session: Session) -> None:
    """Keep the session's first start and last end in step with its planned meetings."""
    bounds = session.meetings.planned().aggregate(first=Min("starts_at"), last=Max("ends_at"))
    session.first_starts_at, session.last_ends_at = bounds["first"], bounds["last"]
    session.save(update_fields=["first_starts_at", "last_ends_at"])


@transaction.atomic
def cancel_session(*, session: Session, by) -> int:
    """The digibank cancels a whole session: everyone registered is told. Returns how many."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise TrainingError(_("This session was already cancelled."))
    now = timezone.now()
    session.cancelled_at = now
    session.save(update_fields=["cancelled_at"])
    told = 0
    for registration in session.registrations.active().select_related("person"):
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = CancelledBy.DIGIBANK
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        if session.last_ends_at > now:
            _notify(registration, NotificationKind.SESSION_CANCELLED, "session-cancelled")
            told += 1
    audit.record(actor=by, action="change", target=session, fields=["cancelled_at"])
    return told


# --- Registration and the waiting list ---------------------------------------------------


@transaction.atomic
def register(person: Person, session: Session, *, by=None, channel: str = Channel.SELF):
    """Give ``person`` a seat in ``session``, or a place on its waiting list when full.

    Used by staff at the desk or on the phone (``by`` is the user) and, later, by people
    themselves on the public pages (``by=None``, ``channel=Channel.SELF``). Registering
    again after a cancellation reuses the old row and joins the end of the queue.
    """
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    if by is None and channel != Channel.SELF:
        raise ValueError("a registration by staff needs the acting user")
    session = Session.objects.select_for_update().get(pk=session.pk)
    if person.digibank_id != session.digibank_id:
        raise TrainingError(_("This person is registered with another digibank."))
    if person.is_anonymised:
        raise TrainingError(_("This person has been anonymised."))
    if session.is_cancelled:
        raise TrainingError(_("This session is cancelled."))
    now = timezone.now()
    if session.last_ends_at <= now:
        raise TrainingError(_("This session is over."))
    if channel == Channel.SELF and session.first_starts_at <= now:
        raise TrainingError(_("This session has already started. Please call the digibank."))
    registration = Registration.objects.filter(session=session, person=person).first()
    if registration and registration.is_active:
        if registration.status == RegistrationStatus.WAITING:
            raise TrainingError(_("%(name)s is already on the waiting list.") % {"name": person})
        raise TrainingError(_("%(name)s already has a seat in this session.") % {"name": person})
    has_seat = session.registrations.confirmed().count() < session.capacity
    registration = registration or Registration(
        digibank_id=session.digibank_id, session=session, person=person
    )
    registration.status = RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITING
    registration.channel = channel
    registration.registered_at = now
    registration.registered_by = by
    registration.waiting_since = None if has_seat else now
    registration.promoted_at = None
    registration.cancelled_at = None
    registration.cancelled_by = ""
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # only without a row lock (SQLite): already registered
        raise TrainingError(
            _("%(name)s already has a seat in this session.") % {"name": person}
        ) from exc
    audit.record(
        actor=by, action="create", target=registration, note=f"{channel} {registration.status}"
    )
    return registration


@transaction.atomic
def cancel_registration(
    registration: Registration, *, by=None, side: str = CancelledBy.PERSON
) -> list[Registration]:
    """Cancel a seat or a place on the waiting list, by the person or by the digibank.

    When the digibank cancels, the person is told once (e-mail, or the call list). A
    seat that frees up goes at once to the first person waiting, who is told once.
    Returns the people promoted.
    """
    if side not in CancelledBy.values:
        raise ValueError(f"unknown side {side!r}")
    session = Session.objects.select_for_update().get(pk=registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise TrainingError(_("This registration was already cancelled."))
    had_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancelled_by = side
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    audit.record(actor=by, action="change", target=registration, fields=["status"], note=side)
    if session.is_cancelled or session.has_ended:
        return []
    if is_told_of_cancellation(session, side):
        # One message per cancellation: registering again and being cancelled again is news.
        key = f"deregistered-{registration.cancelled_at:%Y%m%d%H%M%S%f}"
        _notify(registration, NotificationKind.REGISTRATION_CANCELLED, key)
    return _fill_free_seats(session) if had_seat else []


def is_told_of_cancellation(session: Session, side: str) -> bool:
    """A person whose place the digibank cancels is told, while the session still runs."""
    return side == CancelledBy.DIGIBANK and not (session.is_cancelled or session.has_ended)


def _fill_free_seats(session: Session) -> list[Registration]:
    """Give free seats to the people waiting longest. The caller holds the session lock."""
    free = session.capacity - session.registrations.confirmed().count()
    if free <= 0:
        return []
    promoted = []
    now = timezone.now()
    for registration in session.registrations.waiting().select_for_update()[:free]:
        episode = registration.waiting_since
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        # One message per time on the waiting list: the key names that waiting episode.
        _notify(registration, NotificationKind.PROMOTED, f"promoted-{episode:%Y%m%d%H%M%S%f}")
        audit.record(actor=None, action="change", target=registration, note="promoted")
        promoted.append(registration)
    return promoted


# --- Messages: e-mail once, or the call list ---------------------------------------------


def reachable_by_email(person: Person) -> bool:
    return bool(person.email) and person.contact_channel == ContactChannel.EMAIL


def _notify(registration: Registration, kind: str, key: str, meeting=None) -> Notification | None:
    """Write the message once (unique key); e-mail it after the transaction commits."""
    channel = (
        NotificationChannel.EMAIL
        if reachable_by_email(registration.person)
        else NotificationChannel.CALL
    )
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                registration=registration,
                key=key,
                defaults={"kind": kind, "channel": channel, "meeting": meeting},
            )
    except IntegrityError:
        return None  # written by someone else at the same moment
    if created and channel == NotificationChannel.EMAIL:
        transaction.on_commit(lambda: deliver(notification.pk))
    return notification if created else None


EMAIL_SUBJECTS = {
    NotificationKind.PROMOTED: "trainings/email/promoted_subject.txt",
    NotificationKind.REMINDER: "trainings/email/reminder_subject.txt",
    NotificationKind.SESSION_CANCELLED: "trainings/email/cancelled_subject.txt",
    NotificationKind.REGISTRATION_CANCELLED: "trainings/email/deregistered_subject.txt",
    NotificationKind.MEETING_MOVED: "trainings/email/moved_subject.txt",
    NotificationKind.MEETING_CANCELLED: "trainings/email/skipped_subject.txt",
}


def deliver(notification_id: int) -> bool:
    """Send one e-mail message, at most once: the row is claimed before sending.

    If sending fails, the claim is released so that the next run of the reminder
    command tries again.
    """
    claimed = Notification.objects.filter(
        pk=notification_id, channel=NotificationChannel.EMAIL, sent_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related(
        "registration__person",
        "registration__session__course",
        "registration__session__location__municipality",
        "registration__session__digibank",
        "meeting",
    ).get(pk=notification_id)
    registration = notification.registration
    person = registration.person
    session = registration.session
    if not Notification.objects.still_true().filter(pk=notification_id).exists():
        # No longer true (a failed send retried after the meeting was called off or
        # began, say): drop it, as the call list does.
        notification.delete()
        return False
    if not reachable_by_email(person):
        # The person changed how to reach them (or was erased): the call list takes it.
        Notification.objects.filter(pk=notification_id).update(
            sent_at=None, channel=NotificationChannel.CALL
        )
        return False
    context = {
        "person": person,
        "session": session,
        "meeting": notification.meeting,
        "meetings": list(session.meetings.planned()),
        "digibank": session.digibank,
    }
    with translation.override(person.document_language):
        subject = render_to_string(EMAIL_SUBJECTS[notification.kind], context).strip()
        body = render_to_string(f"trainings/email/{notification.kind}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
    except Exception:  # any mail failure: release the claim, retry later
        log.exception("training notification %s could not be sent", notification_id)
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        return False
    return True


def deliver_pending() -> int:
    """Send e-mail messages that are still waiting (a failed earlier attempt)."""
    pending = Notification.objects.filter(
        channel=NotificationChannel.EMAIL, sent_at__isnull=True
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(pending) if deliver(pk))


@dataclass
class ReminderRun:
    emailed: int = 0
    to_call: int = 0


def send_reminders(*, now: datetime.datetime | None = None, hours_ahead: int = 48) -> ReminderRun:
    """Remind everyone with a seat of meetings in the coming ``hours_ahead`` hours.

    One reminder per person and meeting, whatever how often this runs. People without
    e-mail appear on the meeting's call list instead.
    """
    now = now or timezone.now()
    run = ReminderRun()
    meetings = (
        Meeting.objects.planned()
        .filter(
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(hours=hours_ahead),
            session__cancelled_at__isnull=True,
        )
        .select_related("session")
    )
    for meeting in meetings:
        with transaction.atomic():
            # The session's lock orders this against calling the meeting off or moving it.
            Session.objects.select_for_update().get(pk=meeting.session_id)
            if not Meeting.objects.planned().filter(pk=meeting.pk, starts_at__gt=now).exists():
                continue
            registrations = (
                Registration.objects.confirmed()
                .filter(session_id=meeting.session_id)
                .select_related("person")
            )
            for registration in registrations:
                notification = _notify(
                    registration, NotificationKind.REMINDER, f"reminder-{meeting.pk}", meeting
                )
                if notification is None:
                    continue
                if notification.channel == NotificationChannel.EMAIL:
                    run.emailed += 1
                else:
                    run.to_call += 1
    deliver_pending()
    return run


def calls_to_make(*, digibank, session: Session | None = None, now=None):
    """Messages for people without e-mail that staff still have to pass on by phone,
    for the whole digibank or one session; the most urgent first."""
    calls = Notification.objects.to_call(now).filter(registration__digibank=digibank)
    if session is not None:
        calls = calls.filter(registration__session=session)
    return (
        calls.select_related(
            "registration__person",
            "registration__session__course",
            "registration__session__location",
            "meeting",
        )
        .annotate(about=Coalesce("meeting__starts_at", "registration__session__first_starts_at"))
        .order_by("about", "registration__person__search_name", "pk")
    )


@transaction.atomic
def mark_called(*, notification: Notification, by) -> bool:
    """Record that the message was passed on by phone; a second click changes nothing."""
    updated = Notification.objects.filter(pk=notification.pk, called_at__isnull=True).update(
        called_at=timezone.now()
    )
    if updated:
        audit.record(actor=by, action="change", target=notification.registration, fields=["called"])
    return bool(updated)


# --- Attendance and certificates ---------------------------------------------------------


@transaction.atomic
def mark_attendance(*, registration: Registration, meeting: Meeting, status: str, by) -> Attendance:
    """Mark whether a person with a seat came to a meeting.

    Being present counts as being served (reach figures, once per person); changing a
    mark to absent takes that back.
    """
    if status not in AttendanceStatus.values:
        raise TrainingError(_("Choose present, did not come or excused."))
    if meeting.session_id != registration.session_id:
        raise TrainingError(_("This person is not registered for this meeting."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise TrainingError(_("Only people with a seat can be marked."))
    # The session's lock orders this against calling the meeting off (cancel_meeting).
    Session.objects.select_for_update().get(pk=meeting.session_id)
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise TrainingError(_("This meeting was called off."))
    if not meeting.attendance_open:
        raise TrainingError(_("You can take attendance from the day of the meeting."))
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration, meeting=meeting, defaults={"status": status, "marked_by": by}
    )
    if status == AttendanceStatus.PRESENT:
        record_activity(
            person=registration.person,
            service=Service.SKILLS,
            kind=ACTIVITY_KIND,
            occurred_on=timezone.localdate(meeting.starts_at),
            source=attendance,
        )
    else:
        ServiceActivity.objects.filter(
            source_type=attendance._meta.label_lower, source_id=str(attendance.pk)
        ).delete()
    audit.record(actor=by, action="change", target=registration, fields=["attendance"])
    return attendance


@dataclass
class CertificateCheck:
    possible: bool
    attended: int
    needed: int
    meetings: int
    reason: str = ""


def certificate_check(registration: Registration) -> CertificateCheck:
    """May this person get a certificate: the course gives one and they came to at least
    three quarters of the meetings (rounded up)."""
    session = registration.session
    meetings = session.meetings.planned().count()
    needed = session.certificate_threshold(meetings)
    attended = registration.attendances.counted().count()
    check = CertificateCheck(False, attended, needed, meetings)
    if not session.course.gives_certificate:
        check.reason = _("This course does not give a certificate.")
    elif registration.status != RegistrationStatus.CONFIRMED:
        check.reason = _("Only people with a seat can get a certificate.")
    elif attended < needed:
        check.reason = _("A certificate needs %(needed)s of %(total)s meetings attended.") % {
            "needed": needed,
            "total": meetings,
        }
    else:
        check.possible = True
    return check
