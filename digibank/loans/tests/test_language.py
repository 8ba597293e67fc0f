"""Explanations and pages in Dutch (the default) and French."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from digibank.loans import eligibility
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def failed(checks):
    return {c.rule: c.explanation for c in checks if not c.ok}


def test_explanations_come_in_dutch_and_french(world):
    policy = eligibility.policy_for(world.digibank_a)
    person = f.PersonFactory(digibank=world.digibank_a, municipality=f.municipality("31005"))
    with override("nl"):
        nl = failed(eligibility.check_person(person=person, policy=policy))["area"]
    with override("fr"):
        fr = failed(eligibility.check_person(person=person, policy=policy))["area"]
    assert "werkgebied" in nl
    assert "zone" in fr


def test_a_refused_request_is_explained_in_dutch(client, world):
    person = f.PersonFactory(digibank=world.digibank_a, municipality=f.municipality("31005"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    client.force_login(world.staff_a)
    response = client.post(reverse("loans:request_create", args=[person.pk]), {"wish": "laptop"})
    html = response.content.decode()
    assert "Deze persoon kan nu niet lenen." in html
    assert "Brugge ligt buiten het werkgebied van deze digibank." in html
