"""Writes and domain rules of the helpdesk.

Functions take keyword arguments and the acting user (``by``), never a request, run in a
transaction and raise ``HelpdeskError`` with a message for the user when a rule says no.

API for other modules (referrals, knowledge base)
-------------------------------------------------
* ``Topic`` (``digibank.helpdesk.models.Topic``): the taxonomy. ``Topic.objects
  .available_in(digibank).active()`` gives the topics a digibank uses (the common ones,
  ``digibank`` empty, plus its own). ``topic.name`` is the name in the active language,
  ``topic.is_sensitive`` says whether volunteers may take it. Link to it with a
  ``ForeignKey("helpdesk.Topic", on_delete=models.PROTECT)`` or a ManyToMany.
* ``Contact`` (``digibank.helpdesk.models.Contact``): one helpdesk contact, scoped with
  ``Contact.objects.for_user(user)``; ``Contact.objects.readable_by(user)`` leaves out
  the sensitive contacts whose notes the user may not read.
* ``mark_referred(contact=..., by=...)``: a warm referral to a partner was made for this
  contact: outcome becomes "referred", ``referred_at`` is set and an open handover to a
  professional is closed (the partner takes it). Idempotent.
* ``register_contact(...)``: see below; returns a ``Registered`` (contact, handover).
* ``needs_routing(user=..., digibank=..., topics=...)``: the sensitive topics the user
  may not take (empty list: the user may help).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override

from digibank.accounts import permissions
from digibank.accounts.roles import Role
from digibank.audit import services as audit
from digibank.helpdesk.models import (
    Booking,
    BookingStatus,
    Contact,
    Handover,
    HandoverStatus,
    HelpKind,
    Outcome,
    QueueEntry,
    QueueStatus,
    Slot,
    Topic,
)
from digibank.people.models import ConsentPurpose, Service
from digibank.people.services import record_activity


class HelpdeskError(Exception):
    """A helpdesk rule said no; the message is meant for the user."""


# --- The volunteer rule ----------------------------------------------------------------


def may_take_sensitive(*, user, digibank) -> bool:
    """Professionals may take content and privacy-sensitive questions; volunteers not."""
    return permissions.can(user, "helpdesk.view_sensitive", digibank)


def needs_routing(*, user, digibank, topics: Iterable[Topic]) -> list[Topic]:
    """The sensitive topics that ``user`` may not take; empty if the user may help."""
    if may_take_sensitive(user=user, digibank=digibank):
        return []
    return [topic for topic in topics if topic.is_sensitive]


# The explanation a volunteer gets wherever the rule says no (also on the registered page).
VOLUNTEER_RULE = gettext_lazy(
    "Volunteers give technical help only. Questions about taxes, health, money, benefits or "
    "someone's personal file need a professional who knows the rules and keeps the person's "
    "data safe."
)


def routing_explanation(topics: list[Topic]) -> str:
    """Why these topics go to a professional, in the words of the registration screen."""
    names = ", ".join(topic.name for topic in topics)
    which = ngettext(
        "The topic %(topics)s is about content or privacy.",
        "The topics %(topics)s are about content or privacy.",
        len(topics),
    ) % {"topics": names}
    return f"{which} {VOLUNTEER_RULE}"


def is_volunteer(*, user, digibank) -> bool:
    return Role.VOLUNTEER in permissions.roles_in(user, digibank) and not may_take_sensitive(
        user=user, digibank=digibank
    )


# --- Contacts --------------------------------------------------------------------------


@dataclass
class Registered:
    contact: Contact
    handover: Handover | None
    routed_topics: list[Topic]
    # True when this registration form was already saved (a double submit): ``contact``
    # is the one saved the first time and nothing new was stored.
    replayed: bool = False


@transaction.atomic
def register_contact(
    *,
    digibank,
    by,
    topics: Iterable[Topic],
    occurred_on: datetime.date | None = None,
    channel: str,
    location=None,
    person=None,
    walk_in_municipality=None,
    walk_in_target_group=None,
    help_kind: str = HelpKind.EXPLAINED,
    minutes: int = 15,
    outcome: str = Outcome.SOLVED,
    can_do_alone: bool = False,
    helped_by=None,
    notes: str = "",
    registration_key: str = "",
) -> Registered:
    """Register one helpdesk contact; route it when a volunteer picked a sensitive topic.

    The volunteer rule: a contact with a content or privacy-sensitive topic, registered
    by someone without ``helpdesk.view_sensitive``, is kept as "referred" and lands in the
    professionals' handover queue; the volunteer cannot read its notes afterwards.

    ``registration_key`` (one per registration form) makes a second submit of the same
    form return the contact saved the first time instead of a duplicate.
    """
    if registration_key:
        first = _already_registered(digibank, registration_key)
        if first is not None:
            return first
    topics = list(topics)
    if not topics:
        raise HelpdeskError(_("Choose at least one topic."))
    for topic in topics:
        if topic.digibank_id not in (None, digibank.pk):
            raise HelpdeskError(_("This topic does not belong to your digibank."))
    if person is not None and person.digibank_id != digibank.pk:
        raise HelpdeskError(_("This person is registered in another digibank."))
    if person is not None and person.is_anonymised:
        raise HelpdeskError(_("This person has been anonymised. Register an anonymous walk-in."))
    if location is not None and location.digibank_id != digibank.pk:
        raise HelpdeskError(_("This location belongs to another digibank."))
    if not 1 <= int(minutes) <= 600:
        raise HelpdeskError(_("The time spent must be between 1 and 600 minutes."))
    occurred_on = occurred_on or timezone.localdate()
    if occurred_on > timezone.localdate():
        raise HelpdeskError(_("The date cannot be in the future."))
    helper = helped_by or by
    if not permissions.can(helper, "helpdesk.register", digibank):
        raise HelpdeskError(_("The helper must be a member of the helpdesk team."))
    # The rule follows the person who registers as well as the helper named: a volunteer
    # cannot take a sensitive question by choosing a professional as "who helped".
    routed = needs_routing(user=by, digibank=digibank, topics=topics) or needs_routing(
        user=helper, digibank=digibank, topics=topics
    )
    if routed and not may_take_sensitive(user=by, digibank=digibank):
        helper = by  # nor attribute the routed question to a professional
    if routed:
        outcome = Outcome.REFERRED
        help_kind = HelpKind.REFERRED
        can_do_alone = False
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                digibank=digibank,
                registration_key=registration_key[:40],
                occurred_on=occurred_on,
                channel=channel,
                location=location,
                person=person,
                walk_in_municipality=None if person else walk_in_municipality,
                walk_in_target_group=None if person else walk_in_target_group,
                help_kind=help_kind,
                minutes=minutes,
                outcome=outcome,
                can_do_alone=can_do_alone,
                helped_by=helper,
                by_volunteer=is_volunteer(user=helper, digibank=digibank),
                is_sensitive=any(topic.is_sensitive for topic in topics),
                notes=notes.strip(),
                created_by=by,
            )
    except IntegrityError:
        # The same form saved at the same moment by a double click: the first one won.
        first = _already_registered(digibank, registration_key) if registration_key else None
        if first is None:
            raise
        return first
    contact.topics.set(topics)
    handover = None
    if routed:
        names = ", ".join(topic.name for topic in routed)
        handover = Handover.objects.create(
            digibank=digibank,
            contact=contact,
            reason=_("Content or privacy-sensitive topic: %(topics)s") % {"topics": names},
        )
    if person is not None:
        record_activity(
            person=person,
            service=Service.SUPPORT,
            kind="helpdesk_contact",
            occurred_on=occurred_on,
            source=contact,
        )
        audit.record(actor=by, action="create", target=person, fields=["helpdesk_contact"])
    return Registered(contact=contact, handover=handover, routed_topics=routed)


@transaction.atomic
def _already_registered(digibank, key: str) -> Registered | None:
    contact = Contact.objects.filter(digibank=digibank, registration_key=key).first()
    if contact is None:
        return None
    handover = Handover.objects.filter(contact=contact).first()
    return Registered(contact=contact, handover=handover, routed_topics=[], replayed=True)


@transaction.atomic
def mark_referred(*, contact: Contact, by, when: datetime.datetime | None = None) -> Contact:
    """A warm referral to a partner was made for ``contact`` (called by the referrals app)."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.referred_at is None:
        contact.referred_at = when or timezone.now()
        contact.outcome = Outcome.REFERRED
        contact.save(update_fields=["referred_at", "outcome"])
    Handover.objects.filter(contact=contact).exclude(status=HandoverStatus.DONE).update(
        status=HandoverStatus.DONE, closed_at=timezone.now()
    )
    return contact


@transaction.atomic
def take_handover(*, handover: Handover, by) -> Handover:
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if not may_take_sensitive(user=by, digibank=handover.digibank_id):
        raise HelpdeskError(_("Only a professional can take this question."))
    if handover.status != HandoverStatus.OPEN:
        raise HelpdeskError(_("Someone else already took this question."))
    handover.status = HandoverStatus.TAKEN
    handover.taken_by = by
    handover.save(update_fields=["status", "taken_by"])
    audit.record(actor=by, action="change", target=handover.contact, fields=["handover_taken"])
    return handover


@transaction.atomic
def close_handover(*, handover: Handover, by, outcome: str, can_do_alone: bool) -> Handover:
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if not may_take_sensitive(user=by, digibank=handover.digibank_id):
        raise HelpdeskError(_("Only a professional can take this question."))
    if handover.status == HandoverStatus.DONE:
        raise HelpdeskError(_("This question is already done."))
    handover.status = HandoverStatus.DONE
    handover.taken_by = handover.taken_by or by
    handover.closed_at = timezone.now()
    handover.save(update_fields=["status", "taken_by", "closed_at"])
    Contact.objects.filter(pk=handover.contact_id).update(
        outcome=outcome, can_do_alone=can_do_alone
    )
    audit.record(
        actor=by,
        action="change",
        target=handover.contact,
        fields=["can_do_alone", "handover_closed", "outcome"],
    )
    return handover


# --- Slots and bookings ----------------------------------------------------------------


SLOTS_DAYS_BACK = 366
SLOTS_DAYS_AHEAD = 2 * 366


def slot_day_problem(day: datetime.date) -> str:
    """Slots are made from a year ago to two years ahead: a typo in the year (0001, 9999)
    gets a message instead of a crash on dates the calendar cannot go past."""
    today = timezone.localdate()
    if day < today - datetime.timedelta(days=SLOTS_DAYS_BACK):
        return _("Choose a day at most one year ago. Check the year.")
    if day > today + datetime.timedelta(days=SLOTS_DAYS_AHEAD):
        return _("Choose a day at most two years ahead. Check the year.")
    return ""


@transaction.atomic
def create_slots(
    *,
    location,
    by,
    start: datetime.date,
    end: datetime.date,
    minutes: int = 30,
    capacity: int = 1,
) -> int:
    """Cut the location's opening hours between ``start`` and ``end`` into slots.

    Existing slots are kept (the same start is never created twice). Returns how many
    new slots there are.
    """
    for day in (start, end):
        if problem := slot_day_problem(day):
            raise HelpdeskError(problem)
    if end < start:
        raise HelpdeskError(_("The last day must come after the first day."))
    if (end - start).days > 92:
        raise HelpdeskError(_("Create slots for at most three months at once."))
    if not 10 <= minutes <= 240:
        raise HelpdeskError(_("A slot lasts between 10 and 240 minutes."))
    if not 1 <= capacity <= 20:
        raise HelpdeskError(_("A slot has between 1 and 20 places."))
    hours = list(location.opening_hours.all())
    if not hours:
        raise HelpdeskError(_("This location has no opening hours yet. Add them first."))
    existing = set(
        Slot.objects.filter(
            location=location,
            starts_at__date__gte=start - datetime.timedelta(days=1),
            starts_at__date__lte=end + datetime.timedelta(days=1),
        ).values_list("starts_at", flat=True)
    )
    tz = timezone.get_current_timezone()
    length = datetime.timedelta(minutes=minutes)
    new = []
    day = start
    while day <= end:
        for period in hours:
            if period.weekday != day.weekday():
                continue
            begin = datetime.datetime.combine(day, period.opens, tzinfo=tz)
            close = datetime.datetime.combine(day, period.closes, tzinfo=tz)
            while begin + length <= close:
                if begin not in existing:
                    new.append(
                        Slot(
                            digibank_id=location.digibank_id,
                            location=location,
                            starts_at=begin,
                            ends_at=begin + length,
                            capacity=capacity,
                            created_by=by,
                        )
                    )
                    existing.add(begin)
                begin += length
        day += datetime.timedelta(days=1)
    Slot.objects.bulk_create(new)
    return len(new)


def book_slot(*, slot: Slot, person, by, topic: Topic | None = None) -> Booking:
    """Book a place in ``slot`` for ``person``.

    Two people booking the last place at the same moment: the slot row is locked while
    the free place is chosen, and the database refuses a second active booking on the
    same place (``booking_one_per_seat``), so exactly one of them gets it.
    """
    try:
        with transaction.atomic():
            return _book(slot=slot, person=person, by=by, topic=topic)
    except IntegrityError as exc:
        if Booking.objects.holding_a_place().filter(slot=slot, person=person).exists():
            raise HelpdeskError(_("This person already has this appointment.")) from exc
        raise HelpdeskError(_("Sorry, this slot was just taken. Choose another one.")) from exc


def _book(*, slot, person, by, topic) -> Booking:
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if person.digibank_id != slot.digibank_id:
        raise HelpdeskError(_("This person is registered in another digibank."))
    if person.is_anonymised:
        raise HelpdeskError(_("This person has been anonymised and cannot book."))
    if slot.starts_at <= timezone.now():
        raise HelpdeskError(_("This slot has already started."))
    taken = set(Booking.objects.holding_a_place().filter(slot=slot).values_list("seat", flat=True))
    free = [seat for seat in range(1, slot.capacity + 1) if seat not in taken]
    if not free:
        raise HelpdeskError(_("Sorry, this slot is full. Choose another one."))
    if topic is not None and topic.digibank_id not in (None, slot.digibank_id):
        raise HelpdeskError(_("This topic does not belong to your digibank."))
    # The volunteer rule: a volunteer may book a sensitive question, but a professional
    # must help; the booking says so and shows in the professionals' handover list.
    routed = needs_routing(user=by, digibank=slot.digibank_id, topics=[topic] if topic else [])
    booking = Booking.objects.create(
        digibank_id=slot.digibank_id,
        slot=slot,
        seat=free[0],
        person=person,
        topic=topic,
        booked_by=by,
        for_professional=bool(routed),
    )
    audit.record(actor=by, action="create", target=person, fields=["helpdesk_booking"])
    return booking


@transaction.atomic
def set_booking_status(*, booking: Booking, by, status: str) -> Booking:
    """Cancel, or after the appointment record whether the person came (no-shows)."""
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if status not in BookingStatus.values or status == BookingStatus.BOOKED:
        raise HelpdeskError(_("Choose what happened."))
    if booking.status == BookingStatus.CANCELLED:
        raise HelpdeskError(_("This booking was cancelled."))
    started = booking.slot.starts_at <= timezone.now()
    if status in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW) and not started:
        raise HelpdeskError(_("You can record this only once the appointment has started."))
    booking.status = status
    booking.save(update_fields=["status"])
    audit.record(
        actor=by, action="change", target=booking.person, fields=[f"helpdesk_booking_{status}"]
    )
    return booking


def no_show_count(person) -> int:
    return Booking.objects.filter(person=person, status=BookingStatus.NO_SHOW).count()


def _due_for_reminder(now: datetime.datetime, hours: int):
    """Bookings in the next ``hours`` whose person agreed to be contacted, not yet reminded."""
    return (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            reminder_sent_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + datetime.timedelta(hours=hours),
            person__anonymised_at__isnull=True,
        )
        .filter(
            person__consents__purpose=ConsentPurpose.CONTACT,
            person__consents__withdrawn_on__isnull=True,
        )
        .select_related("slot__location", "person")
        .distinct()
    )


def send_reminders(*, now: datetime.datetime | None = None, hours: int = 48) -> int:
    """Remind people by e-mail of their appointment in the next ``hours``; never twice.

    A reminder is only sent with the person's consent to be contacted and an e-mail
    address (people without one are on the call list); the booking is claimed with a
    conditional update first, so two runs at the same time still send one reminder.
    """
    now = now or timezone.now()
    due = _due_for_reminder(now, hours).exclude(person__email="")
    sent = 0
    for booking in due:
        claimed = Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        person = booking.person
        start = timezone.localtime(booking.slot.starts_at)
        with override(person.document_language):
            subject = _("Reminder: your appointment at the digibank")
            body = _(
                "Hello %(name)s,\n\nYou have an appointment at the helpdesk on %(day)s at "
                "%(time)s, at %(place)s.\nCannot come? Please let us know.\n"
            ) % {
                "name": person.name,
                "day": start.strftime("%d/%m/%Y"),
                "time": start.strftime("%H:%M"),
                "place": booking.slot.location.name,
            }
        send_mail(subject, body, None, [person.email])
        sent += 1
    return sent


def calls_to_make(*, digibank, now: datetime.datetime | None = None, hours: int = 48):
    """Appointments to remind by phone: people who agreed to be contacted but have no
    e-mail address, so the reminder command cannot reach them."""
    now = now or timezone.now()
    return (
        _due_for_reminder(now, hours)
        .filter(digibank=digibank, person__email="")
        .order_by("slot__starts_at", "person__search_name", "pk")
    )


def mark_called(*, booking: Booking, by) -> bool:
    """Record that the person was reminded by phone; a second click changes nothing."""
    with transaction.atomic():
        claimed = Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        )
        if claimed:
            audit.record(actor=by, action="change", target=booking.person, fields=["reminded"])
    return bool(claimed)


# --- The walk-in queue ------------------------------------------------------------------


@transaction.atomic
def join_queue(*, location, by, label: str = "", person=None, topic=None) -> QueueEntry:
    """Add someone to today's queue at ``location`` with the next number."""
    today = timezone.localdate()
    if person is not None and person.digibank_id != location.digibank_id:
        raise HelpdeskError(_("This person is registered in another digibank."))
    # Lock the location row so two helpers adding people get different numbers.
    type(location).objects.select_for_update().filter(pk=location.pk).first()
    # Names in the queue are for the day only.
    QueueEntry.objects.filter(location=location, day__lt=today).exclude(label="").update(label="")
    last = QueueEntry.objects.filter(location=location, day=today).aggregate(models.Max("number"))[
        "number__max"
    ]
    return QueueEntry.objects.create(
        digibank_id=location.digibank_id,
        location=location,
        day=today,
        number=(last or 0) + 1,
        label=label.strip()[:60],
        person=person,
        topic=topic,
    )


@transaction.atomic
def move_in_queue(*, entry: QueueEntry, by, status: str) -> QueueEntry:
    """Start helping someone, finish, or note that they left."""
    entry = QueueEntry.objects.select_for_update().get(pk=entry.pk)
    allowed = {
        QueueStatus.WAITING: {QueueStatus.HELPING, QueueStatus.LEFT},
        QueueStatus.HELPING: {QueueStatus.DONE, QueueStatus.WAITING},
    }
    if status not in allowed.get(entry.status, set()):
        raise HelpdeskError(_("Someone else already changed this. The queue is refreshed."))
    if status == QueueStatus.HELPING:
        routed = may_not_take(entry=entry, by=by)
        if routed:
            raise HelpdeskError(
                _("%(explanation)s Ask a professional to help number %(number)s.")
                % {"explanation": routing_explanation(routed), "number": entry.number}
            )
    now = timezone.now()
    if status == QueueStatus.HELPING:
        entry.helper = by
        entry.started_at = now
    elif status == QueueStatus.WAITING:
        entry.helper = None
        entry.started_at = None
    else:
        entry.finished_at = now
    entry.status = status
    entry.save()
    audit.record(actor=by, action="change", target=entry, fields=[f"queue_{status}"])
    return entry


def may_not_take(*, entry: QueueEntry, by) -> list[Topic]:
    """The sensitive topic of a queue entry that ``by`` may not take (the volunteer rule)."""
    if entry.topic_id is None:
        return []
    return needs_routing(user=by, digibank=entry.digibank_id, topics=[entry.topic])


# --- Personal data ------------------------------------------------------------------------


def export_person(person) -> dict:
    contacts = (
        Contact.objects.filter(person=person)
        .prefetch_related("topics")
        .select_related("location")
        .order_by("occurred_on", "pk")
    )
    bookings = Booking.objects.filter(person=person).select_related("slot__location")
    return {
        "contacts": [
            {
                "reference": c.reference,
                "date": c.occurred_on.isoformat(),
                "channel": c.get_channel_display(),
                "location": c.location.name if c.location else "",
                "topics": [t.name for t in c.topics.all()],
                "kind_of_help": c.get_help_kind_display(),
                "minutes": c.minutes,
                "outcome": c.get_outcome_display(),
                "can_do_it_alone": c.can_do_alone,
                "notes": c.notes,
            }
            for c in contacts
        ],
        "appointments": [
            {
                "start": timezone.localtime(b.slot.starts_at).isoformat(),
                "location": b.slot.location.name,
                "status": b.get_status_display(),
            }
            for b in bookings
        ],
    }


def erase_person(person) -> None:
    """Keep the contacts for the figures, without notes; drop queue names."""
    Contact.objects.filter(person=person).update(notes="")
    QueueEntry.objects.filter(person=person).update(label="", person=None)


def expire_free_text(*, digibank, cutoff: datetime.date) -> int:
    """Retention for what has no person to erase: notes on anonymous walk-in contacts and
    the reasons of handovers older than ``cutoff`` are cleared; the contacts stay for the
    figures. Returns how many rows changed."""
    old = Contact.objects.filter(digibank=digibank, occurred_on__lt=cutoff)
    notes = old.filter(person__isnull=True).exclude(notes="").update(notes="")
    reasons = (
        Handover.objects.filter(digibank=digibank, contact__in=old)
        .exclude(reason="")
        .update(reason="")
    )
    return notes + reasons
