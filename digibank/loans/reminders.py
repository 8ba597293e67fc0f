"""Reminders to bring a device back, sent by the scheduled command ``send_loan_reminders``.

Rules:

* A fixed-term loan gets a "due soon" reminder some days before its due date (the
  digibank chooses how many), an "overdue" reminder the day after, and a last one two
  weeks later. Only the latest stage that applies is sent: someone whose loan is already
  overdue does not get a "due soon" message first.
* One person gets one message per run, whatever the number of their loans.
* A ``Reminder`` row per loan, stage and due date is unique in the database, so running
  the command twice (or twice at the same time) never sends a reminder twice. An
  extension gives a new due date and so a fresh round.
* E-mail when the person has an address; otherwise a letter when we have a postal
  address, otherwise a phone call. Letters and calls land on the digibank's to-do list.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from digibank.loans.models import (
    Channel,
    LendingPolicy,
    Loan,
    LoanKind,
    Reminder,
    ReminderMessage,
    ReminderStage,
)

logger = logging.getLogger(__name__)

SECOND_REMINDER_AFTER_DAYS = 14


def stage_for(loan: Loan, today: datetime.date, days_before: int) -> str | None:
    """The reminder stage that applies to ``loan`` today, or None."""
    if loan.kind != LoanKind.FIXED or loan.due_on is None:
        return None
    if today >= loan.due_on + datetime.timedelta(SECOND_REMINDER_AFTER_DAYS):
        return ReminderStage.OVERDUE_AGAIN
    if today > loan.due_on:
        return ReminderStage.OVERDUE
    if today >= loan.due_on - datetime.timedelta(days_before):
        return ReminderStage.DUE_SOON
    return None


def channel_for(person) -> str:
    if person.email:
        return Channel.EMAIL
    if person.street and person.postcode:
        return Channel.LETTER
    return Channel.CALL


@dataclass
class RunResult:
    emails: int = 0
    letters: int = 0
    calls: int = 0
    reminders: int = 0
    skipped_already_sent: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return self.emails + self.letters + self.calls


def send_reminders(
    *, today: datetime.date | None = None, digibank=None, dry_run: bool = False
) -> RunResult:
    """Send every reminder that is due today and not yet sent; one message per person."""
    today = today or timezone.localdate()
    result = RunResult()
    loans = (
        Loan.objects.open()
        .filter(kind=LoanKind.FIXED, due_on__isnull=False)
        .select_related("person", "device", "digibank")
        .order_by("person_id", "due_on", "pk")
    )
    if digibank is not None:
        loans = loans.filter(digibank=digibank)
    # Only loans that could be in a stage: due within the longest notice any digibank uses.
    loans = loans.filter(due_on__lte=today + datetime.timedelta(60))
    sent = set(Reminder.objects.filter(loan__in=loans).values_list("loan_id", "stage", "due_on"))
    notice = dict(LendingPolicy.objects.values_list("digibank_id", "reminder_days_before"))
    default_notice = LendingPolicy._meta.get_field("reminder_days_before").default
    per_person: dict[int, list[tuple[Loan, str]]] = defaultdict(list)
    for loan in loans:
        stage = stage_for(loan, today, notice.get(loan.digibank_id, default_notice))
        if stage is None:
            continue
        if (loan.pk, stage, loan.due_on) in sent:
            result.skipped_already_sent += 1
            continue
        per_person[loan.person_id].append((loan, stage))
    for items in per_person.values():
        if dry_run:
            result.reminders += len(items)
            _count(result, channel_for(items[0][0].person))
            continue
        _send_one(items, today, result)
    return result


def _count(result: RunResult, channel: str) -> None:
    if channel == Channel.EMAIL:
        result.emails += 1
    elif channel == Channel.LETTER:
        result.letters += 1
    else:
        result.calls += 1


def _send_one(items: list[tuple[Loan, str]], today: datetime.date, result: RunResult) -> None:
    person = items[0][0].person
    channel = channel_for(person)
    try:
        with transaction.atomic():
            message = ReminderMessage.objects.create(
                digibank_id=person.digibank_id, person=person, channel=channel, created_on=today
            )
            # The unique constraint is the guarantee: a second run fails here and sends
            # nothing, even when two runs overlap.
            Reminder.objects.bulk_create(
                [
                    Reminder(loan=loan, stage=stage, due_on=loan.due_on, message=message)
                    for loan, stage in items
                ]
            )
            if channel == Channel.EMAIL:
                _email(message, items)
                message.sent_at = timezone.now()
                message.save(update_fields=["sent_at"])
    except IntegrityError:
        result.skipped_already_sent += len(items)
        return
    except OSError as exc:  # the mail server is down: nothing recorded, retried next run
        logger.warning("reminder e-mail to %s failed: %s", person.reference, exc)
        result.failed.append(person.reference)
        return
    result.reminders += len(items)
    _count(result, channel)


def message_context(message: ReminderMessage, items=None) -> dict:
    if items is None:
        items = [(r.loan, r.stage) for r in message.reminders.select_related("loan__device")]
    person = message.person
    return {
        "person": person,
        "digibank": person.digibank,
        "items": [
            {"loan": loan, "stage": stage, "overdue": stage != ReminderStage.DUE_SOON}
            for loan, stage in items
        ],
        "message": message,
    }


def call_items(message: ReminderMessage) -> list[dict]:
    """What to tell on the phone, from reminders prefetched with their loan and device."""
    return [
        {"loan": r.loan, "stage": r.stage, "overdue": r.stage != ReminderStage.DUE_SOON}
        for r in message.reminders.all()
    ]


def _email(message: ReminderMessage, items) -> None:
    person = message.person
    context = message_context(message, items)
    with translation.override(person.document_language):
        subject = render_to_string("loans/reminders/subject.txt", context).strip()
        body = render_to_string("loans/reminders/body.txt", context)
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        reply_to=[person.digibank.email] if person.digibank.email else None,
    )
    email.send()
