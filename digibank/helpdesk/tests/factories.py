"""Factories for helpdesk tests."""

import datetime

import factory
from django.utils import timezone

from digibank.helpdesk.models import Contact, Slot, Topic
from digibank.testing import factories as f


def topic(code: str) -> Topic:
    """A common topic from the seeded taxonomy."""
    return Topic.objects.get(digibank=None, code=code)


class LocalTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    digibank = factory.SubFactory(f.DigibankFactory)
    code = factory.Sequence(lambda n: f"local-{n}")
    name_nl = factory.Sequence(lambda n: f"Lokaal onderwerp {n}")
    name_fr = factory.Sequence(lambda n: f"Sujet local {n}")
    name_en = factory.Sequence(lambda n: f"Local topic {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    digibank = factory.SubFactory(f.DigibankFactory)
    occurred_on = factory.LazyFunction(timezone.localdate)
    channel = "face"
    minutes = 20
    outcome = "solved"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted or [topic("email")])


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    digibank = factory.SubFactory(f.DigibankFactory)
    location = factory.SubFactory(f.LocationFactory, digibank=factory.SelfAttribute("..digibank"))
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=2)).replace(
            minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))
    capacity = 1


def seed_common_topics() -> None:
    """Transactional tests flush the data migration's taxonomy: seed it again."""
    import importlib

    from django.apps import apps

    importlib.import_module("digibank.helpdesk.migrations.0002_common_topics").seed(apps, None)
