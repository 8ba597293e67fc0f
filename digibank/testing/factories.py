"""Factories shared by every app's tests."""

import factory
from django.utils import timezone

from digibank.accounts.models import Membership, User
from digibank.accounts.roles import Role
from digibank.digibanks.models import (
    Digibank,
    Location,
    Organisation,
    OrganisationKind,
    PartnerRole,
    Partnership,
)
from digibank.geo.models import Municipality
from digibank.people.models import ContactChannel, Person

TEST_PASSWORD = "correct horse battery staple"


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


class DigibankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Digibank
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Digibank {n}")
    slug = factory.Sequence(lambda n: f"digibank-{n}")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(Municipality.objects.filter(code__in=extracted))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.NON_PROFIT


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    digibank = factory.SubFactory(DigibankFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.PARTNER


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    digibank = factory.SubFactory(DigibankFactory)
    name = factory.Sequence(lambda n: f"Location {n}")
    municipality = factory.LazyFunction(lambda: municipality("31005"))
    offers_helpdesk = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    first_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    digibank = factory.SubFactory(DigibankFactory)
    role = Role.STAFF


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    digibank = factory.SubFactory(DigibankFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    year_of_birth = 1960
    municipality = factory.LazyFunction(lambda: municipality("31005"))
    contact_channel = ContactChannel.PHONE
    phone = factory.Sequence(lambda n: f"0470 {n:06d}")
    last_activity_on = factory.LazyFunction(timezone.localdate)
