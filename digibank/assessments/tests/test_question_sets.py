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


def _draft(world):
    own = services.adopt(
        question_set=af.digiscan_set(), digibank=world.digibank_a, by=world.coordinator_a
    )
    return own.versions.get()


def test_a_coordinator_adds_orders_and_removes_questions_in_a_draft(client, world):
    draft = _draft(world)
    client.force_login(world.coordinator_a)
    url = reverse("assessments:item_create", args=[draft.pk])
    assert client.get(url).status_code == 200
    screen = draft.items.get(key="info_search").screen
    before = list(draft.items.filter(screen=screen).values_list("key", flat=True))
    response = client.post(
        url,
        {
            "nl": "Ik vind de openingsuren van het gemeentehuis.",
            "fr": "Je trouve les heures d'ouverture de la commune.",
            "kind": "task",
            "area": "information",
            "screen": screen,
            "skill": "opening-hours",
        },
    )
    assert response["Location"] == reverse("assessments:version", args=[draft.pk])
    added = draft.items.latest("pk")
    assert added.key.startswith("ik-vind-de-openingsuren")
    assert added.kind == "task" and added.skill == "opening-hours" and added.text["en"] == ""
    # Last on its screen; the questions of later screens keep coming after it.
    ordered = list(draft.items.order_by("position").values_list("key", "screen"))
    assert [k for k, s in ordered if s == screen] == [*before, added.key]
    assert [s for _k, s in ordered] == sorted(s for _k, s in ordered)
    # Up once: it swaps with the question before it, on the same screen.
    action = reverse("assessments:item_action", args=[added.pk])
    client.post(action, {"action": "up"})
    keys = list(draft.items.filter(screen=screen).values_list("key", flat=True))
    assert keys == [*before[:-1], added.key, before[-1]]
    client.post(action, {"action": "down"})
    response = client.post(action, {"action": "down"}, HTTP_ACCEPT_LANGUAGE="nl", follow=True)
    assert "al aan dat einde" in response.content.decode()
    client.post(action, {"action": "remove"})
    assert not draft.items.filter(pk=added.pk).exists()
    assert list(draft.items.filter(screen=screen).values_list("key", flat=True)) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "task", "area": ""}, "een van de vijf domeinen"),
        ({"kind": "context"}, "Selecteer een geldige keuze"),
        ({"screen": "99"}, "Kies scherm 1 tot"),
        ({"nl": "  "}, "Dit veld is verplicht"),
        ({"skill": "niet goed!"}, "geldige"),
    ],
)
def test_a_question_that_breaks_a_rule_gets_a_message(client, world, change, message):
    draft = _draft(world)
    count = draft.items.count()
    client.force_login(world.coordinator_a)
    data = {"nl": "Ik kan een foto doorsturen.", "kind": "can_do", "area": "content", "screen": 1}
    response = client.post(
        reverse("assessments:item_create", args=[draft.pk]),
        {**data, **change},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert draft.items.count() == count


def test_a_published_version_gets_no_new_or_removed_questions(client, world):
    draft = _draft(world)
    services.publish(version=draft, by=world.coordinator_a)
    item = draft.items.first()
    client.force_login(world.coordinator_a)
    response = client.get(reverse("assessments:item_create", args=[draft.pk]))
    assert response.status_code == 302
    client.post(reverse("assessments:item_action", args=[item.pk]), {"action": "remove"})
    assert draft.items.filter(pk=item.pk).exists()
    with pytest.raises(services.AssessmentError):
        services.add_item(
            version=draft,
            by=world.coordinator_a,
            kind="can_do",
            area="content",
            screen=1,
            text={"nl": "Nieuw"},
        )
    # The default set of the platform is never changed by a digibank.
    default_item = af.digiscan_set().latest_published().items.first()
    response = client.post(
        reverse("assessments:item_action", args=[default_item.pk]), {"action": "remove"}
    )
    assert response.status_code == 404


def test_a_new_question_is_asked_and_scored(world):
    from digibank.assessments.models import AreaScore

    draft = _draft(world)
    new_screen = max(draft.screens()) + 1
    added = services.add_item(
        version=draft,
        by=world.coordinator_a,
        kind="can_do",
        area="safety",
        screen=new_screen,
        text={"nl": "Ik herken een valse sms."},
    )
    services.publish(version=draft, by=world.coordinator_a)
    assert draft.screens()[-1] == new_screen

    def safety_score(answer):
        scan = services.start_digiscan(
            person=world.person_a, question_set=draft.question_set, by=world.staff_a, place="home"
        )
        items = list(scan.version.items.all())
        data = {**af.answers("alone"), added.key: answer}
        services.save_answers(assessment=scan, items=items, data=data, by=world.staff_a)
        services.complete(assessment=scan, by=world.staff_a)
        return AreaScore.objects.get(assessment=scan, area="safety").score

    # The new question counts in its area: "not yet" gives a lower score than "yes".
    assert safety_score("no") < safety_score("yes")


def test_screens_stay_numbered_without_gaps_and_household_questions_stay(world):
    draft = _draft(world)
    first_screen = list(draft.items.filter(screen=1))
    assert first_screen and all(i.kind == "context" for i in first_screen)
    for item in first_screen:
        with pytest.raises(services.AssessmentError):
            services.remove_item(item=item, by=world.coordinator_a)
    # Empty a screen of scored questions: the screens after it move up one.
    screens = draft.screens()
    scored_screen = next(
        s for s in screens if all(i.is_scored for i in draft.items.filter(screen=s))
    )
    after = draft.items.filter(screen__gt=scored_screen).count()
    for item in draft.items.filter(screen=scored_screen):
        services.remove_item(item=item, by=world.coordinator_a)
    assert draft.screens() == list(range(1, len(screens)))
    assert draft.items.filter(screen__gte=scored_screen).count() == after


def test_the_staff_screening_gets_no_observed_task(world):
    own = services.adopt(
        question_set=af.staff_set(), digibank=world.digibank_a, by=world.coordinator_a
    )
    with pytest.raises(services.AssessmentError):
        services.add_item(
            version=own.versions.get(),
            by=world.coordinator_a,
            kind="task",
            area="safety",
            screen=1,
            text={"nl": "Toon hoe u een wachtwoord verandert."},
        )
