"""Ready devices and loans for lending tests, through the real services."""

import datetime

from django.utils import timezone

from digibank.devices.tests.factories import ready_device
from digibank.loans import services
from digibank.loans.models import LoanKind
from digibank.testing import factories as f


def device_for(world, digibank=None, **kwargs):
    digibank = digibank or world.digibank_a
    return ready_device(
        world.coordinator_a if digibank == world.digibank_a else world.coordinator_b,
        digibank=digibank,
        **kwargs,
    )


def person_in_a(world, **kwargs):
    kwargs.setdefault("municipality", f.municipality("31043"))
    return f.PersonFactory(digibank=world.digibank_a, **kwargs)


def loan_for(world, person=None, *, weeks=4, started_on=None, kind=LoanKind.FIXED, **kwargs):
    """A loan in digibank A, lent by staff A (started ``started_on``, due ``weeks`` later)."""
    person = person or person_in_a(world)
    started_on = started_on or timezone.localdate()
    due_on = started_on + datetime.timedelta(weeks=weeks) if kind == LoanKind.FIXED else None
    return services.lend(
        device=device_for(world, **kwargs),
        person=person,
        by=world.staff_a,
        kind=kind,
        due_on=due_on,
        started_on=started_on,
    )
