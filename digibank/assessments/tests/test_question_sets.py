"""Versioned question sets: a published version never changes; edits make a new one."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from digibank.assessments import services
from digibank.assessments.models import LANGUAGES, QuestionSet
from digibank.assessments.tests import factories as af

pytestmark = pytest.mark.django_db


def test_default_sets_cover_the_five_areas_in_three_languages():
    version = af.digiscan_set().latest_published()
    items = list(version.items.all())
    assert {i.area for i in items if i.is_scored} == {
        "information",
        "communication",
        "content",
        "safety",
        "problem_solving",
    }
    assert {i.kind for i in items} == {"self_rating", "can_do", "task", "attitude", "context"}
    for item in items:
        assert all(item.text.get(lang) for lang in LANGUAGES), item.key
        for option in item.options:
            assert all(option["text"].get(lang) for lang in LANGUAGES), item.key
    assert af.staff_set().latest_published().items.filter(kind="task").count() == 0


def test_loading_again_changes_nothing(capsys):
    call_command("load_question_sets")
    assert "up to date" in capsys.readouterr().out
    assert af.digiscan_set().versions.count() == 1


def test_a_published_version_is_immutable(world):
    version = af.digiscan_set().latest_published()
    version.bands = {"foundation": 0.3, "intermediate": 0.5, "advanced": 0.8}
    with pytest.raises(ValidationError):
        version.save()
    item = version.items.first()
    item.text = {"nl": "Anders"}
    with pytest.raises(ValidationError):
        item.save()
    with pytest.raises(services.AssessmentError):
        services.new_version(question_set=af.digiscan_set(), by=world.coordinator_a)


def test_a_digibank_adapts_a_copy_as_a_new_version(client, world):
    client.force_login(world.coordinator_a)
    default = af.digiscan_set().latest_published()
    response = client.post(
        reverse("assessments:version_action", args=[default.pk]), {"action": "adopt"}
    )
    own = QuestionSet.objects.get(digibank=world.digibank_a)
    draft = own.versions.get()
    assert response["Location"] == reverse("assessments:version", args=[draft.pk])
    response = client.post(
        reverse("assessments:version", args=[draft.pk]),
        {"foundation": "0.6", "intermediate": "0.5", "advanced": "0.9"},
    )
    assert "moeten stijgen" in response.content.decode()
    client.post(
        reverse("assessments:version", args=[draft.pk]),
        {"foundation": "0.3", "intermediate": "0.6", "advanced": "0.9"},
    )
    item = draft.items.get(key="info_search")
    client.post(reverse("assessments:item_edit", args=[item.pk]), {"nl": "Ik zoek op Google."})
    client.post(reverse("assessments:version_action", args=[draft.pk]), {"action": "publish"})
    draft.refresh_from_db()
    assert draft.is_published and draft.bands["foundation"] == 0.3
    assert draft.items.get(key="info_search").text["nl"] == "Ik zoek op Google."
    # Changing it now needs a new version; version 1 stays as it was.
    response = client.get(reverse("assessments:item_edit", args=[item.pk]))
    assert response.status_code == 302
    client.post(reverse("assessments:version_action", args=[draft.pk]), {"action": "new_version"})
    assert own.versions.count() == 2
    assert own.versions.get(number=2).items.count() == draft.items.count()
    assert default.items.get(key="info_search").text["nl"].startswith("Ik zoek iets")


def test_scans_keep_the_version_they_were_taken_with(world):
    scan = af.completed_scan(world.person_a, by=world.staff_a)
    own = services.adopt(
        question_set=af.digiscan_set(), digibank=world.digibank_a, by=world.coordinator_a
    )
    services.publish(version=own.versions.get(), by=world.coordinator_a)
    scan.refresh_from_db()
    assert scan.version.question_set.digibank_id is None
