"""Lending, the waiting list, extension, return, loss and gift, through pages and services."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from digibank.audit.models import AuditEvent
from digibank.devices.models import DeviceState, WipeStatus
from digibank.devices.tests.factories import DeviceFactory
from digibank.loans import services
from digibank.loans.models import Loan, LoanKind, LoanRequest, LoanStatus, RequestStatus
from digibank.loans.tests.factories import device_for, loan_for, person_in_a
from digibank.people.models import ServiceActivity

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_waiting_list_is_first_come_first_served(client, world):
    today = timezone.localdate()
    late = services.register_request(
        person=person_in_a(world, name="Late"), by=world.staff_a, wish="laptop", requested_on=today
    )
    early = services.register_request(
        person=person_in_a(world, name="Early"),
        by=world.staff_a,
        wish="tablet",
        requested_on=today - datetime.timedelta(3),
    )
    same_day = services.register_request(
        person=person_in_a(world, name="Same day"),
        by=world.staff_a,
        wish="laptop",
        requested_on=today,
    )
    assert [services.queue_position(r) for r in (early, late, same_day)] == [1, 2, 3]
    client.force_login(world.volunteer_a)
    html = client.get(reverse("loans:requests")).content.decode()
    assert html.index("Early") < html.index("Late") < html.index("Same day")


def test_the_lend_page_says_who_waited_longer_for_such_a_device(
    client, world, django_assert_max_num_queries
):
    today = timezone.localdate()

    def wait(name, wish, days):
        return services.register_request(
            person=person_in_a(world, name=name), by=world.staff_a, wish=wish,
            requested_on=today - datetime.timedelta(days),
        )  # fmt: skip

    tablet = wait("Tablet Eerst", "tablet", 9)  # another wish: not in the way of a laptop
    anything = wait("Om Het Even", "any", 8)
    laptop = wait("Laptop Eerst", "laptop", 7)
    late = wait("Laptop Laat", "laptop", 1)
    assert list(services.waited_longer(late)) == [anything, laptop]
    assert list(services.waited_longer(anything)) == [tablet]  # any device suits them
    assert services.waited_longer(laptop).count() == 1
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("loans:lend", args=[late.pk])).content.decode()
    assert "Laptop Eerst" in page and "Om Het Even" in page and "Tablet Eerst" not in page
    assert "waited longer" in page or "langer gewacht" in page


def test_staff_lend_a_ready_device_from_the_waiting_list(client, world):
    person = person_in_a(world)
    request = services.register_request(person=person, by=world.staff_a, wish="laptop")
    device = device_for(world)
    client.force_login(world.staff_a)
    due = timezone.localdate() + datetime.timedelta(weeks=8)
    response = client.post(
        reverse("loans:lend", args=[request.pk]),
        {
            "tag": device.tag.lower(),
            "kind": "fixed",
            "due_on": due.isoformat(),
            "condition_out": "good",
            "accessories": "charger",
            "deposit": "20",
        },
    )
    loan = Loan.objects.get()
    assert response.status_code == 302 and response["Location"] == loan.get_absolute_url()
    assert (loan.person, loan.device, loan.due_on, loan.deposit) == (person, device, due, 20)
    device.refresh_from_db()
    assert device.state == DeviceState.ON_LOAN
    request.refresh_from_db()
    assert request.status == RequestStatus.SERVED
    assert ServiceActivity.objects.filter(person=person, service="access", kind="loan").exists()


def test_a_device_without_a_passed_wipe_cannot_be_lent(client, world):
    request = services.register_request(person=person_in_a(world), by=world.staff_a, wish="any")
    device = DeviceFactory(digibank=world.digibank_a)
    client.force_login(world.staff_a)
    response = client.post(
        reverse("loans:lend", args=[request.pk]),
        {"tag": device.tag, "kind": "long_term", "condition_out": "good"},
    )
    assert response.status_code == 200
    assert "no passed wipe" in response.content.decode()
    assert not Loan.objects.exists()


def test_bad_input_on_the_lend_form_gives_messages(client, world):
    request = services.register_request(person=person_in_a(world), by=world.staff_a, wish="any")
    client.force_login(world.staff_a)
    url = reverse("loans:lend", args=[request.pk])
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    html = client.post(
        url, {"tag": "DB-999999", "kind": "fixed", "due_on": future, "condition_out": "good"}
    ).content.decode()
    assert "No device with this tag" in html
    html = client.post(
        url,
        {
            "tag": "DB-999999",
            "kind": "fixed",
            "due_on": "2001-01-01",
            "condition_out": "good",
            "deposit": "-3",
        },
    ).content.decode()
    assert "in the past" in html and "error-summary" in html
    html = client.post(url, {"tag": "x", "kind": "fixed", "condition_out": "good"}).content.decode()
    assert "Give the date by which the device must come back" in html


def test_a_device_of_another_digibank_cannot_be_lent(world):
    device = device_for(world, world.digibank_b)
    with pytest.raises(services.LoanError, match="another digibank"):
        services.lend(
            device=device, person=person_in_a(world), by=world.staff_a, kind=LoanKind.LONG_TERM
        )


def test_lending_twice_the_same_device_is_refused(world):
    loan = loan_for(world)
    with pytest.raises(services.LoanError, match="already on loan"):
        services.lend(
            device=loan.device, person=person_in_a(world), by=world.staff_a, kind=LoanKind.LONG_TERM
        )


def test_return_sends_the_device_back_to_wiping(client, world):
    loan = loan_for(world)
    client.force_login(world.staff_a)
    response = client.post(
        reverse("loans:return", args=[loan.pk]),
        {
            "returned_on": timezone.localdate().isoformat(),
            "condition_in": "damaged",
            "accessories_complete": "",
            "note": "Scherm gebarsten",
        },
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert (loan.status, loan.condition_in, loan.accessories_complete) == (
        LoanStatus.RETURNED,
        "damaged",
        False,
    )
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.RETURNED
    assert loan.device.wipe_status == WipeStatus.NEEDED
    with pytest.raises(services.LoanError, match="wiped"):
        services.lend(
            device=loan.device, person=person_in_a(world), by=world.staff_a, kind=LoanKind.LONG_TERM
        )


def test_return_in_the_future_is_refused_with_a_message(client, world):
    loan = loan_for(world)
    client.force_login(world.staff_a)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("loans:return", args=[loan.pk]),
        {"returned_on": tomorrow.isoformat(), "condition_in": "good"},
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def test_extend_needs_a_later_date(client, world):
    loan = loan_for(world)
    client.force_login(world.staff_a)
    url = reverse("loans:extend", args=[loan.pk])
    html = client.post(url, {"new_due_on": loan.due_on.isoformat()}).content.decode()
    assert "must be later" in html
    later = loan.due_on + datetime.timedelta(weeks=4)
    assert client.post(url, {"new_due_on": later.isoformat()}).status_code == 302
    loan.refresh_from_db()
    assert (loan.due_on, loan.extensions, loan.extension_log.count()) == (later, 1, 1)


def test_lost_or_stolen(client, world):
    loan = loan_for(world)
    client.force_login(world.staff_a)
    response = client.post(
        reverse("loans:lost", args=[loan.pk]), {"what": "stolen", "note": "PV 123"}
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.STOLEN and loan.ended_on == timezone.localdate()
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.LOST


def test_a_long_term_loan_becomes_a_gift_with_a_transfer_document(client, world):
    loan = loan_for(world, kind=LoanKind.LONG_TERM)
    client.force_login(world.staff_a)
    assert client.post(reverse("loans:gift", args=[loan.pk]), {"confirm": "on"}).status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.GIFTED
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.GIVEN_AWAY
    text = pdf_text(client.get(reverse("loans:transfer", args=[loan.pk])))
    assert loan.device.tag in text and loan.person.name in text
    assert "eigendom" in text.lower()  # the person's language: Dutch


def test_a_fixed_loan_cannot_become_a_gift(world):
    with pytest.raises(services.LoanError, match="long-term"):
        services.make_gift(loan=loan_for(world), by=world.staff_a)


def test_the_agreement_is_in_the_persons_language(client, world):
    """nl, fr and en as the person prefers; another language gets Dutch (the default)."""
    client.force_login(world.volunteer_a)
    for language, words in [("fr", "Contrat de prêt"), ("ar", "Bruikleenovereenkomst")]:
        loan = loan_for(world, person_in_a(world, language=language, name="Amina Haddad"))
        text = pdf_text(client.get(reverse("loans:agreement", args=[loan.pk])))
        assert words in text
        assert "Amina Haddad" in text and loan.device.tag in text
        assert str(loan.due_on.year) in text
        assert AuditEvent.objects.filter(action="view", target_label=loan.reference).exists()


def test_request_form_explains_why_not(client, world):
    from digibank.testing import factories as f

    person = f.PersonFactory(digibank=world.digibank_a, municipality=f.municipality("31005"))
    client.force_login(world.staff_a)
    response = client.post(reverse("loans:request_create", args=[person.pk]), {"wish": "laptop"})
    assert response.status_code == 200
    assert "outside the service area" in response.content.decode()
    assert not LoanRequest.objects.exists()


def test_request_form_puts_the_person_on_the_list(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("loans:request_create", args=[world.person_a.pk]),
        {"wish": "laptop", "purpose": "school", "referrer": world.partner_org_a.pk},
    )
    request = LoanRequest.objects.get()
    assert response["Location"] == request.get_absolute_url()
    page = client.get(request.get_absolute_url()).content.decode()
    assert "place 1 on the waiting list" in page


def test_closing_a_request(client, world):
    request = services.register_request(person=world.person_a, by=world.staff_a, wish="laptop")
    client.force_login(world.staff_a)
    response = client.post(
        reverse("loans:request_close", args=[request.pk]),
        {"status": "withdrawn", "reason": "kocht zelf"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN and request.closed_on


def test_lists_keep_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(3):
        loan_for(world)
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("loans:list")).status_code == 200
    for _ in range(6):
        loan_for(world)
        services.register_request(person=person_in_a(world), by=world.staff_a, wish="any")
    with django_assert_max_num_queries(12):
        html = client.get(reverse("loans:list")).content.decode()
    assert html.count("L-0") >= 9
    with django_assert_max_num_queries(12):
        assert client.get(reverse("loans:requests")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("loans:overdue")).status_code == 200


def test_search_by_tag_and_reference(client, world):
    first, second = loan_for(world), loan_for(world)
    client.force_login(world.staff_a)
    html = client.get(reverse("loans:list"), {"q": first.device.tag.lower()}).content.decode()
    assert first.reference in html and second.reference not in html
    html = client.get(reverse("loans:list"), {"q": second.reference}).content.decode()
    assert second.reference in html and first.reference not in html


def test_overdue_list_and_person_section(client, world):
    person = person_in_a(world, name="Late Larissa")
    loan = loan_for(world, person, started_on=timezone.localdate() - datetime.timedelta(weeks=6))
    loan_for(world)
    client.force_login(world.volunteer_a)
    html = client.get(reverse("loans:overdue")).content.decode()
    assert loan.reference in html and html.count("L-0") == 1
    page = client.get(person.get_absolute_url()).content.decode()
    assert loan.reference in page and "Devices and internet" in page


def test_coordinator_changes_the_conditions_staff_only_read_them(client, world):
    client.force_login(world.staff_a)
    assert (
        client.post(reverse("loans:conditions"), {"max_devices_per_person": 2}).status_code == 403
    )
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("loans:conditions"),
        {
            "require_service_area": "on",
            "max_devices_per_person": "2",
            "default_loan_weeks": "12",
            "reminder_days_before": "5",
            "max_open_requests_per_referrer": "3",
            "target_groups": ["senior"],
        },
    )
    assert response.status_code == 302
    policy = world.digibank_a.lending_policy
    assert (policy.max_devices_per_person, policy.max_open_requests_per_referrer) == (2, 3)
    html = client.post(
        reverse("loans:conditions"), {"max_devices_per_person": "99", "default_loan_weeks": "x"}
    ).content.decode()
    assert "error-summary" in html


def test_loans_and_waiting_list_export_to_excel(client, world):
    from openpyxl import load_workbook

    loan = loan_for(world)
    services.register_request(person=person_in_a(world, name="Wacht Wim"), by=world.staff_a,
                              wish="tablet")  # fmt: skip
    client.force_login(world.staff_a)
    response = client.get(reverse("loans:list"), {"format": "xlsx", "status": ""})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert loan.reference in values and loan.device.tag in values
    response = client.get(reverse("loans:requests"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Wacht Wim" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_the_start_page_shows_waiting_and_overdue(client, world):
    loan_for(world, started_on=timezone.localdate() - datetime.timedelta(weeks=6))
    services.register_request(person=person_in_a(world), by=world.staff_a, wish="laptop")
    client.force_login(world.volunteer_a)
    html = client.get(reverse("core:home")).content.decode()
    assert "1 person on the waiting list" in html
    assert "1 loan overdue" in html
    assert "reminder letter" not in html  # volunteers do not send reminders
