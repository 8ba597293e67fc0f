"""Factories for devices; other apps' tests (loans) may use them too."""

import factory

from digibank.devices import services
from digibank.devices.models import (
    Condition,
    Device,
    DeviceKind,
    DeviceState,
    Donation,
    DonorKind,
    Verification,
    WipeMethod,
    WipeRecord,
    WipeResult,
)
from digibank.testing import factories as f


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donation

    digibank = factory.SubFactory(f.DigibankFactory)
    donor_kind = DonorKind.COMPANY
    donor_name = factory.Sequence(lambda n: f"Firma {n}")
    contact_email = "it@example.org"
    location = factory.LazyAttribute(lambda o: f.LocationFactory(digibank=o.digibank))


class DeviceFactory(factory.django.DjangoModelFactory):
    """A device as it arrives (state received, wipe needed)."""

    class Meta:
        model = Device

    digibank = factory.SubFactory(f.DigibankFactory)
    kind = DeviceKind.LAPTOP
    brand = "Lenovo"
    model_name = "ThinkPad T480"
    serial_number = factory.Sequence(lambda n: f"PF{n:08d}")
    condition = Condition.GOOD
    location = factory.LazyAttribute(lambda o: f.LocationFactory(digibank=o.digibank))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the service, as in real life: a tag and a "received" event.
        digibank = kwargs.pop("digibank")
        location = kwargs.pop("location")
        donation = kwargs.pop("donation", None)
        return services.add_device(
            donation=donation, digibank=digibank, by=None, data=kwargs, location=location
        )


def passed_wipe(device, user) -> WipeRecord:
    return services.record_wipe(
        device=device,
        by=user,
        method=WipeMethod.CLEAR,
        tool="nwipe 0.37",
        result=WipeResult.PASSED,
        verification=Verification.FULL,
        checklist=WipeRecord.MOBILE_CHECKLIST if device.is_mobile else (),
    )


def ready_device(user, **kwargs) -> Device:
    """A device that may go out now: wiped and ready."""
    device = DeviceFactory(**kwargs)
    passed_wipe(device, user)
    services.transition(device=device, to_state=DeviceState.READY, by=user)
    return device
