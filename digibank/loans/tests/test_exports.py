"""Excel on every lending list (overdue, internet at home, letters and calls), each export
logged per person, and the printable call list."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from digibank.audit.models import AuditEvent
from digibank.loans import services
from digibank.loans.models import Channel, ConnectivityKind, Reminder, ReminderMessage
from digibank.loans.tests.factories import device_for, loan_for, person_in_a

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def exported(actor, note):
    return set(
        AuditEvent.objects.filter(actor=actor, action="export", note=note).values_list(
            "target_type", "target_id"
        )
    )


def overdue_loan(world, person=None, weeks_ago=5):
    started = timezone.localdate() - datetime.timedelta(weeks=weeks_ago)
    return loan_for(world, person, started_on=started)  # due four weeks after the start


def test_overdue_list_exports_every_overdue_loan_with_typed_cells(client, world):
    today = timezone.localdate()
    late = overdue_loan(world, person_in_a(world, name="Late Lien", phone="050 11 22 33"))
    later = overdue_loan(world, weeks_ago=7)
    loan_for(world)  # not due yet: not on the list
    client.force_login(world.staff_a)
    html = client.get(reverse("loans:overdue")).content.decode()
    assert 'href="?format=xlsx"' in html
    rows = rows_of(client.get(reverse("loans:overdue"), {"format": "xlsx"}))
    assert rows[0] == [
        "Loan", "Person", "Phone", "Asset tag", "Device", "Bring back by", "Days late"
    ]  # fmt: skip
    body = rows[1:]
    assert [r[0] for r in body] == [later.reference, late.reference]  # oldest first
    lien = body[1]
    assert lien[1:4] == ["Late Lien", "050 11 22 33", late.device.tag]
    assert isinstance(lien[5], datetime.datetime) and lien[5].date() == late.due_on
    assert lien[6] == (today - late.due_on).days == 7
    assert exported(world.staff_a, "xlsx: overdue") == {
        ("people.person", str(late.person_id)),
        ("people.person", str(later.person_id)),
    }


def test_overdue_export_stays_in_the_digibank(client, world):
    from digibank.loans import eligibility
    from digibank.testing import factories as f

    overdue_loan(world)
    policy_b = eligibility.policy_for(world.digibank_b)
    policy_b.require_service_area = False
    policy_b.save()
    started = timezone.localdate() - datetime.timedelta(weeks=8)
    other = services.lend(
        device=device_for(world, digibank=world.digibank_b),
        person=f.PersonFactory(digibank=world.digibank_b),
        by=world.coordinator_b,
        due_on=started + datetime.timedelta(weeks=4),
        started_on=started,
    )
    client.force_login(world.staff_a)
    refs = [r[0] for r in rows_of(client.get(reverse("loans:overdue"), {"format": "xlsx"}))]
    assert len(refs) == 2 and other.reference not in refs  # header and one loan of A


def test_connectivity_list_exports_every_row(client, world):
    from digibank.loans import eligibility

    policy = eligibility.policy_for(world.digibank_a)
    policy.lends_sim_cards = True
    policy.save()
    today = timezone.localdate()
    tariff = services.record_connectivity(
        person=world.person_a,
        by=world.staff_a,
        data={"kind": ConnectivityKind.SOCIAL_TARIFF, "provider": "Proximus", "outcome_ok": True,
              "helped_on": today - datetime.timedelta(days=3)},
    )  # fmt: skip
    sim = services.record_connectivity(
        person=person_in_a(world, name="Sim Sofie"),
        by=world.staff_a,
        data={"kind": ConnectivityKind.SIM_CARD, "due_on": today + datetime.timedelta(weeks=4)},
    )
    client.force_login(world.staff_a)
    assert 'href="?format=xlsx"' in client.get(reverse("loans:connectivity")).content.decode()
    rows = rows_of(client.get(reverse("loans:connectivity"), {"format": "xlsx"}))
    assert rows[0][:4] == ["Date", "Reference", "Person", "Kind of help"]
    assert [r[1] for r in rows[1:]] == [sim.reference, tariff.reference]  # newest first
    sim_row, tariff_row = rows[1], rows[2]
    assert sim_row[2] == "Sim Sofie" and sim_row[6] == "not known yet"
    assert sim_row[7].date() == today + datetime.timedelta(weeks=4) and sim_row[8] is None
    assert tariff_row[0].date() == today - datetime.timedelta(days=3)
    assert tariff_row[5:7] == ["Proximus", "yes"]
    assert exported(world.staff_a, "xlsx: connectivity") == {
        ("people.person", str(world.person_a.pk)),
        ("people.person", str(sim.person_id)),
    }


def _reminder(world, person, channel):
    loan = overdue_loan(world, person)
    message = ReminderMessage.objects.create(
        digibank=world.digibank_a, person=person, channel=channel
    )
    Reminder.objects.create(loan=loan, stage="overdue", due_on=loan.due_on, message=message)
    return loan, message


def test_letters_and_calls_export_has_the_address_phone_and_loans(client, world):
    post = person_in_a(
        world, name="Postman Pat", street="Zeedijk 1", postcode="8300", phone="",
        contact_channel="post",
    )  # fmt: skip
    letter_loan, _letter = _reminder(world, post, Channel.LETTER)
    phone = person_in_a(world, name="Phone Phil", phone="0470 12 34 56")
    call_loan, _call = _reminder(world, phone, Channel.CALL)
    _reminder(world, person_in_a(world, email="e@example.org"), Channel.EMAIL)  # not to do
    client.force_login(world.staff_a)
    html = client.get(reverse("loans:reminders")).content.decode()
    assert 'href="?format=xlsx"' in html and reverse("loans:call_list") in html
    rows = rows_of(client.get(reverse("loans:reminders"), {"format": "xlsx"}))
    assert rows[0][:5] == ["Date", "How", "Person", "Phone", "Street and number"]
    assert len(rows) == 3
    by_name = {r[2]: r for r in rows[1:]}
    assert by_name["Postman Pat"][1] == "Letter"
    assert by_name["Postman Pat"][4:6] == ["Zeedijk 1", "8300"]
    assert letter_loan.reference in by_name["Postman Pat"][7]
    assert by_name["Phone Phil"][1:4] == ["Phone call", "Phone Phil", "0470 12 34 56"]
    assert call_loan.device.tag in by_name["Phone Phil"][7]
    assert isinstance(by_name["Phone Phil"][0], datetime.datetime)
    assert len(exported(world.staff_a, "xlsx: letters and calls")) == 2


def test_call_list_gives_number_and_message_in_the_persons_language(client, world):
    phil = person_in_a(world, name="Phone Phil", phone="0470 12 34 56")
    loan, message = _reminder(world, phil, Channel.CALL)
    amélie = person_in_a(world, name="Amélie", phone="0470 99 88 77", language="fr")
    _reminder(world, amélie, Channel.CALL)
    _reminder(world, person_in_a(world, name="Postman Pat", street="Zeedijk 1",
                                 postcode="8300"), Channel.LETTER)  # fmt: skip
    client.force_login(world.staff_a)
    html = client.get(reverse("loans:call_list")).content.decode()
    assert "Phone Phil" in html and 'href="tel:0470 12 34 56"' in html
    assert "Postman Pat" not in html  # a letter, not a call
    assert f"U leende een toestel: Laptop ({loan.device.tag})" in html  # Phil speaks Dutch
    assert 'lang="fr"' in html and "Vous avez emprunté" in html
    assert AuditEvent.objects.filter(action="view", note="call list").count() == 2
    response = client.post(reverse("loans:reminder_done", args=[message.pk]), {"back": "calls"})
    assert response.status_code == 302 and response["Location"] == reverse("loans:call_list")
    message.refresh_from_db()
    assert message.done_on == timezone.localdate()
    assert "Phone Phil" not in client.get(reverse("loans:call_list")).content.decode()


def test_call_list_and_exports_keep_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    def add():
        person = person_in_a(world, phone="0470 00 00 00")
        _reminder(world, person, Channel.CALL)
        services.record_connectivity(
            person=person, by=world.staff_a, data={"kind": ConnectivityKind.SOCIAL_TARIFF}
        )

    add()
    client.force_login(world.staff_a)
    urls = [
        (reverse("loans:call_list"), {}),
        (reverse("loans:call_list"), {"page": "nonsense"}),
        (reverse("loans:reminders"), {"format": "xlsx"}),
        (reverse("loans:overdue"), {"format": "xlsx"}),
        (reverse("loans:connectivity"), {"format": "xlsx"}),
    ]
    for _ in range(2):
        for url, params in urls:
            with django_assert_max_num_queries(14):
                assert client.get(url, params).status_code == 200
        for _ in range(4):
            add()
