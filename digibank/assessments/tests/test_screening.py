"""Staff screening: the staff member sees their own result; the employer never does."""

import re

import pytest
from django.urls import reverse

from digibank.assessments.models import Assessment
from digibank.assessments.tests import factories as af

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening(world):
    return af.screening_round(world.digibank_a, af.local_government(world.digibank_a))


def test_a_staff_member_answers_anonymously_and_sees_their_own_result(client, screening):
    response = client.post(reverse("assessments:screening", args=[screening.code]))
    scan = Assessment.objects.get(screening_round=screening)
    assert scan.person_id is None and scan.conducted_by_id is None and len(scan.token) > 20
    assert response["Location"] == reverse("assessments:screening_step", args=[scan.token, 1])
    for screen in scan.version.screens():
        data = {item.key: item.choices()[1][0] for item in scan.version.items.filter(screen=screen)}
        response = client.post(
            reverse("assessments:screening_step", args=[scan.token, screen]), data
        )
    assert response["Location"] == reverse("assessments:screening_finish", args=[scan.token])
    response = client.post(reverse("assessments:screening_finish", args=[scan.token]))
    assert response["Location"] == reverse("assessments:screening_result", args=[scan.token])
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Alleen u kunt dit resultaat zien" in response.content.decode()


def test_the_employer_sees_no_individual_result(client, world, screening):
    scans = [af.completed_screening(screening, level="alone") for _n in range(4)]
    client.force_login(world.officer_a)
    page = client.get(reverse("assessments:round", args=[screening.pk])).content.decode()
    assert "Minder dan 5 mensen rondden" in page
    assert not any(scan.token in page for scan in scans)
    assert "<5" in page or "&lt;5" in page
    # The officer has no way to a result: scans of staff are not in any list or URL.
    client.force_login(world.coordinator_a)
    assert client.get(reverse("assessments:result", args=[scans[0].pk])).status_code == 404
    assert scans[0].reference not in client.get(reverse("assessments:list")).content.decode()

    # From five people on, figures appear; groups within them under five stay hidden.
    scans.append(af.completed_screening(screening, level="can_explain"))
    client.force_login(world.officer_a)
    page = client.get(reverse("assessments:round", args=[screening.pk])).content.decode()
    assert "Minder dan 5 mensen rondden" not in page
    assert not any(scan.token in page for scan in scans)
    # Four said "alone" and one "can explain": the one stands out nowhere.
    numbers = re.findall(r'<td class="number">([^<]*)</td>', page)
    assert "1" not in numbers


def test_the_officer_sees_only_screenings_of_their_municipality(client, world):
    elsewhere = af.screening_round(
        world.digibank_a, af.local_government(world.digibank_a, code="31004")
    )
    client.force_login(world.officer_a)
    assert client.get(reverse("assessments:round", args=[elsewhere.pk])).status_code == 404


def test_a_closed_screening_cannot_be_started(client, world):
    import datetime

    from django.utils import timezone

    past = timezone.localdate() - datetime.timedelta(days=10)
    closed = af.screening_round(
        world.digibank_a,
        af.local_government(world.digibank_a),
        opens_on=past,
        closes_on=past,
    )
    response = client.post(reverse("assessments:screening", args=[closed.code]), follow=True)
    assert "Deze screening is niet open" in response.content.decode()
    assert not Assessment.objects.filter(screening_round=closed).exists()
    assert client.get(reverse("assessments:screening_result", args=["nope"])).status_code == 404


def test_a_coordinator_creates_a_screening(client, world):
    org = af.local_government(world.digibank_a)
    client.force_login(world.coordinator_a)
    data = {
        "title": "Screening 2027",
        "organisation": org.pk,
        "question_set": af.staff_set().pk,
        "opens_on": "2027-01-10",
        "closes_on": "2027-01-01",
    }
    response = client.post(reverse("assessments:round_create"), data)
    assert "De sluitingsdag komt na de openingsdag" in response.content.decode()
    response = client.post(reverse("assessments:round_create"), {**data, "closes_on": "2027-02-01"})
    assert response.status_code == 302
