"""Guides: publish with versions, who sees drafts, suggestions, public pages, safe text."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from digibank.knowledge import services, text
from digibank.knowledge.models import Guide, GuideStep, GuideVersion, Suggestion
from digibank.knowledge.tests.factories import GuideFactory, StepFactory, published_guide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(size=(20, 10), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


def guide_post(**overrides):
    data = {
        "title": "itsme installeren",
        "summary": "U hebt uw gsm en uw identiteitskaart nodig.",
        "audience": "citizens",
        "language": "nl",
        "translation_of": "",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-position": "1",
        "steps-0-text": "Open de Play Store of App Store.",
        "steps-1-position": "",
        "steps-1-text": "",
    }
    data.update(overrides)
    return data


def test_staff_write_a_guide_with_a_picture_and_publish_it(client, world):
    client.force_login(world.staff_a)
    picture = SimpleUploadedFile("scherm.png", png(), content_type="image/png")
    response = client.post(
        reverse("knowledge:create"),
        guide_post(**{"steps-0-image": picture, "steps-0-image_alt": "De knop Installeren"}),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    guide = Guide.objects.get(title="itsme installeren")
    assert guide.digibank == world.digibank_a and not guide.is_published
    step = guide.steps.get()
    assert step.image.name.startswith("guides/") and step.image_alt == "De knop Installeren"

    client.post(reverse("knowledge:publish", args=[guide.pk]), {"note": "Eerste versie"})
    guide.refresh_from_db()
    assert guide.is_published and guide.version == 1
    assert guide.last_checked_on == timezone.localdate()
    assert GuideVersion.objects.get(guide=guide).content["steps"][0]["alt"] == "De knop Installeren"

    page = client.get(guide.get_absolute_url()).content.decode()
    assert "Last checked on" in page or "Laatst nagekeken op" in page
    assert 'alt="De knop Installeren"' in page


def test_editing_a_published_guide_makes_a_new_version(client, world):
    guide = published_guide(world.digibank_a, by=world.staff_a)
    step = guide.steps.order_by("position").first()
    client.force_login(world.coordinator_a)
    data = guide_post(
        title=guide.title,
        **{
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "1",
            "steps-0-id": str(step.pk),
            "steps-0-guide": str(guide.pk),
            "steps-0-text": "Open de winkel met apps.",
        },
    )
    response = client.post(reverse("knowledge:edit", args=[guide.pk]), data)
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.version == 2
    assert guide.versions.count() == 2
    step.refresh_from_db()
    assert step.text == "Open de winkel met apps."


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.png", b"not a picture at all", "image/png"), "image"),
        (SimpleUploadedFile("x.bmp", png(fmt="BMP"), "image/bmp"), "bmp"),
    ],
)
def test_bad_pictures_get_a_clear_message(client, world, upload, message):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("knowledge:create"),
        guide_post(**{"steps-0-image": upload, "steps-0-image_alt": "x"}),
    )
    assert response.status_code == 200
    assert not Guide.objects.exists()
    assert message in response.content.decode().lower()


def test_too_large_pictures_are_refused_before_reading(client, world, settings):
    settings.KNOWLEDGE_IMAGE_MAX_BYTES = 100
    client.force_login(world.staff_a)
    response = client.post(
        reverse("knowledge:create"),
        guide_post(
            **{
                "steps-0-image": SimpleUploadedFile("big.png", png((200, 200)), "image/png"),
                "steps-0-image_alt": "x",
            }
        ),
    )
    assert response.status_code == 200
    assert not Guide.objects.exists()
    assert "MB" in response.content.decode()


def test_a_picture_needs_a_description(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("knowledge:create"),
        guide_post(**{"steps-0-image": SimpleUploadedFile("a.png", png(), "image/png")}),
    )
    assert response.status_code == 200
    assert not GuideStep.objects.exists()


def test_volunteers_read_published_guides_but_not_drafts(client, world):
    published = published_guide(world.digibank_a)
    draft = GuideFactory(digibank=world.digibank_a, title="Nog niet klaar")
    client.force_login(world.volunteer_a)
    listing = client.get(reverse("knowledge:list")).content.decode()
    assert published.title in listing and "Nog niet klaar" not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("knowledge:edit", args=[published.pk])).status_code == 403
    client.force_login(world.staff_a)
    assert "Nog niet klaar" in client.get(reverse("knowledge:list")).content.decode()


def test_a_volunteer_suggests_and_staff_accept(client, world):
    guide = published_guide(world.digibank_a)
    step = guide.steps.order_by("position").last()
    client.force_login(world.volunteer_a)
    response = client.post(
        reverse("knowledge:suggest", args=[guide.pk]),
        {
            "step": step.pk,
            "proposed_text": "Zoek naar **itsme** en tik op Installeren.",
            "reason": "Duidelijker",
        },
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.created_by == world.volunteer_a and suggestion.digibank == world.digibank_a
    # Volunteers do not review.
    assert client.get(reverse("knowledge:review", args=[suggestion.pk])).status_code == 404

    client.force_login(world.staff_a)
    response = client.post(
        reverse("knowledge:review", args=[suggestion.pk]), {"decision": "accept", "note": "Dank"}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    guide.refresh_from_db()
    assert step.text.startswith("Zoek naar **itsme**")
    assert guide.version == 2
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.reviewed_by == world.staff_a
    with pytest.raises(services.KnowledgeError):
        services.review(suggestion=suggestion, by=world.staff_a, accept=False)


def test_a_suggested_text_needs_its_step(client, world):
    guide = published_guide(world.digibank_a)
    client.force_login(world.volunteer_a)
    response = client.post(
        reverse("knowledge:suggest", args=[guide.pk]),
        {"step": "", "proposed_text": "Nieuwe tekst", "reason": "x"},
    )
    assert response.status_code == 200
    assert not Suggestion.objects.exists()


def test_publishing_needs_a_step(client, world):
    guide = GuideFactory(digibank=world.digibank_a)
    client.force_login(world.staff_a)
    client.post(reverse("knowledge:publish", args=[guide.pk]))
    guide.refresh_from_db()
    assert not guide.is_published


def test_mark_checked_moves_the_date_without_a_new_version(client, world):
    guide = published_guide(world.digibank_a)
    Guide.objects.filter(pk=guide.pk).update(last_checked_on=datetime.date(2024, 1, 1))
    client.force_login(world.staff_a)
    client.post(reverse("knowledge:checked", args=[guide.pk]))
    guide.refresh_from_db()
    assert guide.last_checked_on == timezone.localdate() and guide.version == 1
    assert guide.last_checked_by == world.staff_a


def test_public_pages_show_only_published_guides_for_citizens(client, world):
    for_citizens = published_guide(
        world.digibank_a, title="Phishing herkennen", audience="citizens"
    )
    for_helpers = published_guide(
        world.digibank_a, title="Intern: itsme resetten", audience="helpers"
    )
    draft = GuideFactory(digibank=world.digibank_a, title="Klad", audience="citizens")
    other = published_guide(world.digibank_b, title="Andere digibank", audience="citizens")
    url = reverse("knowledge:public_list", args=[world.digibank_a.slug])
    page = client.get(url).content.decode()
    assert "Phishing herkennen" in page
    assert "Intern" not in page and "Klad" not in page and "Andere digibank" not in page
    detail = reverse("knowledge:public_detail", args=[world.digibank_a.slug, for_citizens.pk])
    assert client.get(detail).status_code == 200
    for hidden in (for_helpers, draft):
        url = reverse("knowledge:public_detail", args=[world.digibank_a.slug, hidden.pk])
        assert client.get(url).status_code == 404
    url = reverse("knowledge:public_detail", args=[world.digibank_a.slug, other.pk])
    assert client.get(url).status_code == 404


def test_translations_link_to_each_other(client, world):
    original = published_guide(world.digibank_a, title="itsme installeren", audience="citizens")
    french = published_guide(
        world.digibank_a, title="Installer itsme", language="fr", translation_of=original
    )
    client.force_login(world.volunteer_a)
    page = client.get(original.get_absolute_url()).content.decode()
    assert french.get_absolute_url() in page
    page = client.get(reverse("knowledge:public_detail", args=["brugge-noord", french.pk]))
    assert 'lang="fr"' in page.content.decode()


def test_guide_text_is_escaped_and_only_simple_formatting_is_kept():
    html = text.render(
        "<script>alert(1)</script> **vet** <b>x</b>\n\n- een\n- twee\n\n1. eerst\n2. dan\n\n"
        "Ga naar https://www.itsme-id.com/nl-BE. [klik](javascript:alert(1)) "
        '"><img src=x onerror=alert(1)>'
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "<img" not in html
    assert "<strong>vet</strong>" in html
    assert "<ul><li>een</li><li>twee</li></ul>" in html
    assert "<ol><li>eerst</li><li>dan</li></ol>" in html
    assert '<a href="https://www.itsme-id.com/nl-BE"' in html
    assert 'href="javascript' not in html


def test_step_text_with_html_is_shown_as_text(client, world):
    guide = published_guide(world.digibank_a, audience="citizens")
    StepFactory(guide=guide, position=3, text='<img src=x onerror="alert(1)">')
    for url in (
        guide.get_absolute_url(),
        reverse("knowledge:public_detail", args=[world.digibank_a.slug, guide.pk]),
    ):
        client.force_login(world.volunteer_a)
        page = client.get(url).content.decode()
        assert "<img src=x" not in page and "&lt;img src=x" in page


def test_print_view_has_the_steps_and_the_check_date(client, world):
    guide = published_guide(world.digibank_a)
    client.force_login(world.volunteer_a)
    page = client.get(reverse("knowledge:print", args=[guide.pk])).content.decode()
    assert "Open the app store." in page
    assert guide.last_checked_on.strftime("%Y") in page


def test_guide_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for n in range(30):
        GuideFactory(digibank=world.digibank_a, title=f"Gids {n}")
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("knowledge:list"))
    assert response.status_code == 200


def test_guides_are_linked_to_helpdesk_topics(client, world):
    from digibank.helpdesk.models import Topic

    itsme = Topic.objects.available_in(world.digibank_a).get(code="itsme")
    linked = published_guide(world.digibank_a, title="itsme installeren")
    linked.topics.add(itsme)
    published_guide(world.digibank_a, title="Phishing herkennen")
    client.force_login(world.volunteer_a)
    page = client.get(reverse("knowledge:list"), {"topic": itsme.pk}).content.decode()
    assert "itsme installeren" in page and "Phishing herkennen" not in page
    assert itsme.name in client.get(linked.get_absolute_url()).content.decode()


def test_demo_guides_include_a_picture_that_prints(client, world):
    from digibank.knowledge import demo

    context = {"digibanks": {"a": world.digibank_a}}
    demo.load(io.StringIO(), context)
    demo.load(io.StringIO(), context)  # a second run adds nothing
    steps = GuideStep.objects.exclude(image="")
    assert steps.count() == 2  # the phishing guide, in Dutch and in English
    step = steps.get(guide__language="nl")
    assert "rood omcirkeld" in step.image_alt
    with Image.open(step.image.path) as picture:
        assert picture.size == (360, 480)
    client.force_login(world.volunteer_a)
    page = client.get(reverse("knowledge:print", args=[step.guide.pk])).content.decode()
    assert step.image.url in page and 'loading="lazy"' not in page


@pytest.mark.parametrize("topic", ["99999999999999999999", "-1", "²", "abc"])
def test_an_impossible_topic_gets_a_message_not_an_error(client, world, topic):
    client.force_login(world.staff_a)
    response = client.post(reverse("knowledge:create"), guide_post(topics=[topic]))
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Guide.objects.exists()
