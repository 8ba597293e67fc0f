"""The reminder command: each reminder once, one message per person, e-mail or letter/call."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from digibank.loans import reminders, services
from digibank.loans.models import Channel, Reminder, ReminderMessage, ReminderStage
from digibank.loans.tests.factories import loan_for, person_in_a

pytestmark = pytest.mark.django_db


def run(today):
    out = io.StringIO()
    call_command("send_loan_reminders", "--date", today.isoformat(), stdout=out)
    return out.getvalue()


def test_running_twice_on_the_same_day_sends_each_reminder_once(world):
    today = timezone.localdate()
    person = person_in_a(world, email="jan@example.org", language="fr", name="Jan")
    loan_for(world, person, started_on=today - datetime.timedelta(weeks=5))  # overdue
    first = run(today)
    second = run(today)
    assert "sent: 1 reminder(s) in 1 message(s): 1 e-mail(s)" in first
    assert "sent: 0 reminder(s)" in second and "1 already sent before" in second
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jan@example.org"]
    assert "appareil" in mail.outbox[0].body  # the person's language
    assert Reminder.objects.get().stage == ReminderStage.OVERDUE


def test_one_message_bundles_a_persons_reminders(world):
    from digibank.loans.eligibility import policy_for

    policy = policy_for(world.digibank_a)
    policy.max_devices_per_person = 3
    policy.save()
    today = timezone.localdate()
    person = person_in_a(world, email="ann@example.org")
    first = loan_for(world, person, started_on=today - datetime.timedelta(days=25))  # due soon
    second = loan_for(world, person, started_on=today - datetime.timedelta(days=26))
    run(today)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert first.device.tag in body and second.device.tag in body
    assert ReminderMessage.objects.get().reminders.count() == 2


def test_stages_follow_the_due_date_and_an_extension_starts_again(world):
    today = timezone.localdate()
    loan = loan_for(world, person_in_a(world, email="a@example.org"), started_on=today)
    due = loan.due_on
    assert run(due - datetime.timedelta(days=8)).startswith("sent: 0")
    run(due - datetime.timedelta(days=7))
    run(due)  # still "due soon": nothing new
    run(due + datetime.timedelta(days=1))
    run(due + datetime.timedelta(days=14))
    run(due + datetime.timedelta(days=20))
    stages = list(Reminder.objects.order_by("pk").values_list("stage", flat=True))
    assert stages == ["due_soon", "overdue", "overdue_2"]
    services.extend(loan=loan, by=world.staff_a, new_due_on=today + datetime.timedelta(weeks=10))
    loan.refresh_from_db()
    run(loan.due_on - datetime.timedelta(days=3))
    assert Reminder.objects.filter(due_on=loan.due_on, stage="due_soon").count() == 1


def test_without_email_a_letter_or_a_call_is_put_on_the_to_do_list(client, world):
    today = timezone.localdate()
    by_post = person_in_a(
        world,
        contact_channel="post",
        street="Zeedijk 1",
        postcode="8300",
        phone="",
        name="Postman Pat",
    )
    by_phone = person_in_a(world, name="Phone Phil")
    started = today - datetime.timedelta(weeks=5)
    letter_loan = loan_for(world, by_post, started_on=started)
    loan_for(world, by_phone, started_on=started)
    assert "1 letter(s), 1 call(s)" in run(today)
    assert not mail.outbox
    letter = ReminderMessage.objects.get(channel=Channel.LETTER)
    client.force_login(world.staff_a)
    html = client.get(reverse("loans:reminders")).content.decode()
    assert "Postman Pat" in html and "Phone Phil" in html
    pdf = client.get(reverse("loans:reminder_letter", args=[letter.pk]))
    from digibank.loans.tests.test_lending import pdf_text

    text = pdf_text(pdf)
    assert "Zeedijk 1" in text and letter_loan.device.tag in text
    client.post(reverse("loans:reminder_done", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.done_on == today and letter.done_by == world.staff_a
    assert "Postman Pat" not in client.get(reverse("loans:reminders")).content.decode()


def test_the_database_refuses_a_second_reminder_of_the_same_stage(world):
    loan = loan_for(world, started_on=timezone.localdate() - datetime.timedelta(weeks=5))
    message = ReminderMessage.objects.create(
        digibank=world.digibank_a, person=loan.person, channel=Channel.CALL
    )
    Reminder.objects.create(loan=loan, stage="overdue", due_on=loan.due_on, message=message)
    with pytest.raises(IntegrityError):
        Reminder.objects.create(loan=loan, stage="overdue", due_on=loan.due_on, message=message)


def test_dry_run_sends_nothing(world):
    loan_for(
        world,
        person_in_a(world, email="x@example.org"),
        started_on=timezone.localdate() - datetime.timedelta(weeks=5),
    )
    result = reminders.send_reminders(dry_run=True)
    assert result.reminders == 1 and result.emails == 1
    assert not mail.outbox and not Reminder.objects.exists()


def test_all_letters_print_at_once_each_in_its_readers_language(client, world):
    from pypdf import PdfReader

    from digibank.audit.models import AuditEvent

    today = timezone.localdate()
    started = today - datetime.timedelta(weeks=5)
    post = {"contact_channel": "post", "street": "Zeedijk 1", "postcode": "8300", "phone": ""}
    dutch = person_in_a(world, name="Pieter Post", **post)
    french = person_in_a(world, name="Pierre Poste", language="fr", **post)
    loan_for(world, dutch, started_on=started)
    loan_for(world, french, started_on=started)
    client.force_login(world.staff_a)
    url = reverse("loans:reminder_letters")
    assert client.get(url).status_code == 302  # nothing to print yet: back to the list
    run(today)
    assert ReminderMessage.objects.filter(channel=Channel.LETTER).count() == 2
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    texts = [p.extract_text() for p in pages]
    assert len(pages) >= 2
    assert any("Pieter Post" in t for t in texts) and any("Pierre Poste" in t for t in texts)
    french_page = next(t for t in texts if "Pierre Poste" in t)
    dutch_page = next(t for t in texts if "Pieter Post" in t)
    # One letter each, each in its reader's language.
    assert "Bonjour Pierre Poste" in french_page and "Dag Pieter Post" in dutch_page
    assert AuditEvent.objects.filter(note="reminder letters").count() == 2
