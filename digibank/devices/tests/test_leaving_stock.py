"""A device goes out, comes back, or is lost on loan only through a loan; edits after a
wipe ask for a new wipe; a wipe cannot be dated before the device came back; the admin
only looks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.devices import services
from digibank.devices.models import Device, DeviceState, WipeStatus
from digibank.devices.tests.factories import DeviceFactory, passed_wipe, ready_device
from digibank.loans import services as loans
from digibank.loans.models import Loan, LoanStatus
from digibank.loans.tests.factories import loan_for

pytestmark = pytest.mark.django_db


def test_the_device_page_cannot_lend_or_end_a_loan(client, world):
    device = ready_device(world.staff_a, digibank=world.digibank_a)
    client.force_login(world.volunteer_a)
    url = reverse("devices:transition", args=[device.pk])
    page = client.get(device.get_absolute_url()).content.decode()
    assert 'value="on_loan"' not in page
    client.post(url, {"to_state": "on_loan"})
    device.refresh_from_db()
    assert device.state == DeviceState.READY and not Loan.objects.exists()
    with pytest.raises(services.DeviceError, match="lending it to a person"):
        services.transition(device=device, to_state=DeviceState.ON_LOAN, by=world.staff_a)

    loan = loan_for(world)
    on_loan = loan.device
    for state in (DeviceState.RETURNED, DeviceState.LOST, DeviceState.GIVEN_AWAY):
        response = client.post(
            reverse("devices:transition", args=[on_loan.pk]), {"to_state": state, "note": "x"}
        )
        assert response.status_code == 302
        on_loan.refresh_from_db()
        assert on_loan.state == DeviceState.ON_LOAN
        with pytest.raises(services.DeviceError, match="Record its return"):
            services.transition(device=on_loan, to_state=state, by=world.staff_a, note="x")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.OPEN
    # Through the loan it works, and closes the loan too.
    loans.return_loan(loan=loan, by=world.staff_a, returned_on=timezone.localdate(),
                      condition_in="good", accessories_complete=True)  # fmt: skip
    on_loan.refresh_from_db()
    loan.refresh_from_db()
    assert (on_loan.state, loan.status) == (DeviceState.RETURNED, LoanStatus.RETURNED)


def test_giving_away_or_selling_by_hand_names_the_organisation(world):
    device = ready_device(world.staff_a, digibank=world.digibank_a)
    with pytest.raises(services.DeviceError, match="which organisation"):
        services.transition(device=device, to_state=DeviceState.SOLD, by=world.staff_a)
    services.transition(
        device=device, to_state=DeviceState.SOLD, by=world.staff_a, handed_to="Vzw Computer"
    )
    assert Device.objects.get(pk=device.pk).state == DeviceState.SOLD


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "smartphone"), ("storage_kind", "none"), ("serial_number", "OTHER-123")],
)
def test_changing_what_was_wiped_asks_for_a_new_wipe(client, world, field, value):
    device = ready_device(world.staff_a, digibank=world.digibank_a, kind="laptop")
    changed = services.update_device(device=device, by=world.staff_a, data={field: value})
    device.refresh_from_db()
    assert "wipe_status" in changed
    assert (device.state, device.wipe_status) == (DeviceState.IN_REPAIR, WipeStatus.NEEDED)
    assert not services.can_go_out(device)
    assert device.events.filter(to_state=DeviceState.IN_REPAIR).exists()
    # A description change (brand, grade) keeps the wipe.
    other = ready_device(world.staff_a, digibank=world.digibank_a)
    services.update_device(device=other, by=world.staff_a, data={"brand": "Fujitsu"})
    other.refresh_from_db()
    assert (other.state, other.wipe_status) == (DeviceState.READY, WipeStatus.PASSED)


def test_what_was_wiped_cannot_change_while_the_device_is_out(world):
    loan = loan_for(world)
    with pytest.raises(services.DeviceError, match="only while the device is in stock"):
        services.update_device(
            device=loan.device, by=world.staff_a, data={"serial_number": "NEW-1"}
        )
    assert Device.objects.get(pk=loan.device.pk).serial_number != "NEW-1"


def test_the_edit_page_says_a_new_wipe_is_needed(client, world):
    device = ready_device(world.staff_a, digibank=world.digibank_a, kind="laptop")
    client.force_login(world.staff_a)
    url = reverse("devices:edit", args=[device.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {"kind": "laptop", "serial_number": "CHANGED-42", "grade": device.grade, "os_installed": ""}
    )
    response = client.post(url, data, follow=True)
    assert "needs a new wipe" in response.content.decode()


def test_a_wipe_cannot_be_dated_before_the_device_came_back(world):
    loan = loan_for(world)
    device = loan.device
    loans.return_loan(loan=loan, by=world.staff_a, returned_on=timezone.localdate(),
                      condition_in="good", accessories_complete=True)  # fmt: skip
    device.refresh_from_db()
    with pytest.raises(services.DeviceError, match="came back"):
        services.record_wipe(
            device=device, by=world.staff_a, method="clear", tool="nwipe", result="passed",
            verification="full", wiped_on=timezone.localdate() - datetime.timedelta(days=400),
        )  # fmt: skip
    passed_wipe(device, world.staff_a)  # dated today: fine
    device.refresh_from_db()
    assert device.wipe_status == WipeStatus.PASSED
    # Before the first intake is fine (a donor company may wipe before it donates).
    fresh = DeviceFactory(digibank=world.digibank_a)
    services.record_wipe(
        device=fresh, by=world.staff_a, method="clear", tool="Blancco", result="passed",
        verification="full", wiped_on=fresh.received_on - datetime.timedelta(days=30),
    )  # fmt: skip


def test_the_admin_only_looks(client, world):
    device = DeviceFactory(digibank=world.digibank_a)
    client.force_login(world.admin)
    change = reverse("admin:devices_device_change", args=[device.pk])
    assert client.get(change).status_code == 200  # view only
    response = client.post(change, {"digibank": world.digibank_b.pk, "serial_number": "X"})
    assert response.status_code == 403
    delete = reverse("admin:devices_device_delete", args=[device.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    device.refresh_from_db()
    assert device.digibank == world.digibank_a
