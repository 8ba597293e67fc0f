"""The one state machine: sensible moves pass, nonsense is refused with a clear message,
and nothing leaves the stock without a passed wipe since it last came in."""

import pytest
from django.db import IntegrityError, transaction

from digibank.devices import services
from digibank.devices.models import (
    Device,
    DeviceKind,
    DeviceState,
    StorageKind,
    Verification,
    WipeMethod,
    WipeResult,
    WipeStatus,
)
from digibank.devices.services import DeviceError
from digibank.devices.tests.factories import DeviceFactory, passed_wipe, ready_device

S = DeviceState


@pytest.fixture
def device(world):
    return DeviceFactory(digibank=world.digibank_a)


def test_the_whole_life_of_a_laptop(world, device):
    user = world.staff_a
    passed_wipe(device, user)
    assert device.state == S.WIPED
    services.transition(device=device, to_state=S.IN_REPAIR, by=user)
    services.add_repair(device=device, by=user, work="New SSD", parts="SSD 256 GB", minutes=30)
    services.transition(device=device, to_state=S.READY, by=user)
    services.lend(device=device, by=user)
    assert device.state == S.ON_LOAN
    services.take_back(device=device, by=user)
    device.refresh_from_db()
    assert (device.state, device.wipe_status) == (S.RETURNED, WipeStatus.NEEDED)
    # Back from a loan: it must be wiped again before it goes out again.
    with pytest.raises(DeviceError, match="came back from a loan"):
        services.transition(device=device, to_state=S.READY, by=user)
    passed_wipe(device, user)
    services.transition(device=device, to_state=S.READY, by=user)
    services.give_away(device=device, by=user)
    assert list(device.events.order_by("at", "pk").values_list("to_state", flat=True)) == [
        S.RECEIVED, S.WIPED, S.IN_REPAIR, S.READY, S.ON_LOAN, S.RETURNED, S.WIPED, S.READY,
        S.GIVEN_AWAY,
    ]  # fmt: skip
    with pytest.raises(DeviceError, match="left the digibank for good"):
        services.transition(device=device, to_state=S.IN_REPAIR, by=user)


@pytest.mark.parametrize("target", [S.ON_LOAN, S.GIVEN_AWAY, S.SOLD, S.READY, S.WIPED])
def test_nothing_leaves_the_stock_unwiped(world, device, target):
    with pytest.raises(DeviceError):
        services.transition(device=device, to_state=target, by=world.staff_a)
    device.refresh_from_db()
    assert device.state == S.RECEIVED


def test_the_database_refuses_an_unwiped_device_on_loan(world, device):
    # Even a raw update (admin, import, another app) cannot bypass the rule.
    with pytest.raises(IntegrityError), transaction.atomic():
        Device.objects.filter(pk=device.pk).update(state=S.ON_LOAN)


def test_a_failed_wipe_blocks_until_it_passes(world, device):
    user = world.staff_a
    services.record_wipe(
        device=device, by=user, method=WipeMethod.CLEAR, tool="nwipe",
        result=WipeResult.FAILED, verification=Verification.FULL,
    )  # fmt: skip
    assert device.wipe_status == WipeStatus.FAILED
    for target in (S.IN_REPAIR, S.RECYCLED):
        with pytest.raises(DeviceError, match="last wipe of this device failed"):
            services.transition(device=device, to_state=target, by=user, handed_to="Recupel")
    assert services.allowed_transitions(device) == [S.DESTROYED, S.LOST]
    passed_wipe(device, user)
    assert device.state == S.WIPED and device.wipe_status == WipeStatus.PASSED


def test_unverified_wipe_does_not_pass(world, device):
    with pytest.raises(DeviceError, match="verification"):
        services.record_wipe(
            device=device, by=world.staff_a, method=WipeMethod.CLEAR, tool="nwipe",
            result=WipeResult.PASSED, verification=Verification.NONE,
        )  # fmt: skip


def test_phone_needs_the_whole_checklist(world):
    phone = DeviceFactory(digibank=world.digibank_a, kind=DeviceKind.SMARTPHONE)
    with pytest.raises(DeviceError, match="activation lock"):
        services.record_wipe(
            device=phone, by=world.staff_a, method=WipeMethod.PURGE, tool="factory reset",
            result=WipeResult.PASSED, verification=Verification.VISUAL,
            checklist=["encryption_on", "factory_reset", "accounts_removed"],
        )  # fmt: skip
    passed_wipe(phone, world.staff_a)
    assert phone.state == S.WIPED


def test_exit_to_recycling_needs_a_record(world, device):
    user = world.staff_a
    with pytest.raises(DeviceError, match="passed wipe or with its storage destroyed"):
        services.transition(device=device, to_state=S.RECYCLED, by=user, handed_to="Recupel")
    with pytest.raises(DeviceError, match="Say who took the device"):
        services.transition(device=device, to_state=S.DESTROYED, by=user)
    event = services.transition(
        device=device, to_state=S.DESTROYED, by=user, handed_to="Shred-it", reference="C-77"
    )
    assert (event.handed_to, event.reference) == ("Shred-it", "C-77")


def test_a_screen_without_storage_can_be_recycled_unwiped(world):
    screen = DeviceFactory(
        digibank=world.digibank_a, kind=DeviceKind.SCREEN, storage_kind=StorageKind.NONE
    )
    services.transition(device=screen, to_state=S.RECYCLED, by=world.staff_a, handed_to="Recupel")
    assert screen.state == S.RECYCLED


def test_lend_twice_is_refused_clearly(world):
    device = ready_device(world.staff_a, digibank=world.digibank_a)
    services.lend(device=device, by=world.staff_a)
    stale = Device.objects.get(pk=device.pk)
    stale.state = S.READY  # another request read it before the loan
    with pytest.raises(DeviceError, match="already on loan"):
        services.lend(device=stale, by=world.staff_a)


def test_nonsense_transition_message(world, device):
    with pytest.raises(DeviceError, match="cannot become"):
        services.transition(device=device, to_state=S.RETURNED, by=world.staff_a)
    with pytest.raises(DeviceError, match="not a state"):
        services.transition(device=device, to_state="flying", by=world.staff_a)


def test_every_state_has_a_row_and_final_states_have_none():
    assert set(services.TRANSITIONS) == set(S.values)
    for state in (S.GIVEN_AWAY, S.SOLD, S.RECYCLED, S.DESTROYED):
        assert services.TRANSITIONS[state] == frozenset()


def test_tags_are_unique_and_sequential(world):
    a = DeviceFactory(digibank=world.digibank_a)
    b = DeviceFactory(digibank=world.digibank_b)
    assert a.tag != b.tag
    assert int(b.tag.split("-")[1]) == int(a.tag.split("-")[1]) + 1
    assert services.tag_from_text(a.tag.lower().replace("-", " ")) == a.tag
    assert services.tag_from_text(f"https://x.test/devices/t/{a.tag}/") == a.tag
    assert services.tag_from_text("hello") is None


def test_serial_unique_in_the_database(world, device):
    clone = Device(
        digibank=world.digibank_b, kind=DeviceKind.LAPTOP, condition="good",
        serial_number=device.serial_number.lower(),
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()
