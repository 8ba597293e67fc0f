import factory
from django.utils import timezone

from digibank.referrals.models import Referral
from digibank.testing import factories as f


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral from the digibank to a partner, with consent, sharing name and phone."""

    class Meta:
        model = Referral

    digibank = factory.SubFactory(f.DigibankFactory)
    direction = "to_partner"
    organisation = factory.SubFactory(f.OrganisationFactory)
    person = factory.SubFactory(f.PersonFactory, digibank=factory.SelfAttribute("..digibank"))
    reason = "Needs help with a debt mediation file."
    shared_fields = ["name", "phone"]
    consent_on = factory.LazyFunction(timezone.localdate)


class FromPartnerFactory(ReferralFactory):
    direction = "from_partner"
    person = None
    need = "device"
    person_name = "Ahmed"
    person_phone = "0470 00 00 01"
