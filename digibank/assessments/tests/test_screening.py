"""Staff screening: the staff member sees their own result; the employer never does."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from digibank.assessments import services
from digibank.assessments.models import Assessment
from digibank.assessments.tests import factories as af
from digibank.core import stats

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


def _close(screening):
    import datetime

    from django.utils import timezone

    type(screening).objects.filter(pk=screening.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    screening.refresh_from_db()


def test_the_employer_sees_no_individual_result(client, world, screening):
    scans = [af.completed_screening(screening, level="alone") for _n in range(4)]
    _close(screening)
    client.force_login(world.officer_a)
    page = client.get(reverse("assessments:round", args=[screening.pk])).content.decode()
    assert "Minder dan 5 mensen rondden" in page
    assert not any(scan.token in page for scan in scans)
    # The officer has no way to a result: scans of staff are not in any list or URL.
    client.force_login(world.coordinator_a)
    assert client.get(reverse("assessments:result", args=[scans[0].pk])).status_code == 404
    assert scans[0].reference not in client.get(reverse("assessments:list")).content.decode()


def test_no_level_split_when_everyone_is_at_one_level(client, world, screening):
    """The demo round: seven people, all "intermediate". A table "0 0 7 0" would tell
    the employer the level of each of them; "0 0 <5 6" gives the hidden 1 by subtraction."""
    for _n in range(7):
        af.completed_screening(screening, level="alone")
    _close(screening)
    result = services.round_figures(screening)
    assert result.completed == 7 and result.shown
    assert all(figure.bands is None for figure in result.figures)
    assert all(figure.percent is not None for figure in result.figures)
    client.force_login(world.officer_a)
    page = client.get(reverse("assessments:round", args=[screening.pk])).content.decode()
    numbers = re.findall(r'<td class="number">([^<]*)</td>', page)
    assert "0" not in numbers and "7" in numbers  # people per area, no level counts
    assert "Niet getoond" in page


def test_small_levels_cannot_be_worked_out_from_the_total(client, world, screening):
    for level, times in (("with_help", 5), ("alone", 6), ("can_explain", 1)):
        for _n in range(times):
            af.completed_screening(screening, level=level)
    _close(screening)
    result = services.round_figures(screening)
    for figure in result.figures:
        assert figure.bands is not None
        hidden = [band for band, n in figure.bands.items() if n is None]
        assert len(hidden) != 1  # one hidden cell = total minus the others
        shown = sum(n for n in figure.bands.values() if n is not None)
        assert figure.people - shown == 0 or figure.people - shown >= 5
        assert not any(0 < n < 5 for n in figure.bands.values() if n is not None)


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=5))
def test_protect_row_never_lets_a_small_group_be_recovered(values):
    counts = dict(enumerate(values))
    row = stats.protect_row(counts)
    if row is None:
        assert sum(1 for n in values if n >= 5) < 2
        return
    hidden = [k for k, n in row.items() if n is None]
    assert not any(0 < n < 5 for n in row.values() if n is not None)
    assert len(hidden) != 1
    assert sum(counts[k] for k in hidden) == 0 or sum(counts[k] for k in hidden) >= 5
    big = [n for n in values if n >= 5]
    assert len(big) >= 2  # no level holds everyone, or everyone but a few


def test_figures_wait_until_the_round_is_closed(client, world, screening):
    for level in ("with_help",) * 5 + ("alone",) * 5:
        af.completed_screening(screening, level=level)
    assert not services.round_figures(screening).shown  # open: the figures would move
    client.force_login(world.officer_a)
    page = client.get(reverse("assessments:round", args=[screening.pk])).content.decode()
    assert "De cijfers verschijnen als de screening gesloten is" in page
    assert "<table" not in page
    assert 'action="{}"'.format(reverse("assessments:round_close", args=[screening.pk])) not in page
    # The officer cannot close it; the coordinator can.
    url = reverse("assessments:round_close", args=[screening.pk])
    assert client.post(url).status_code == 404
    client.force_login(world.coordinator_a)
    client.post(url)
    screening.refresh_from_db()
    assert screening.is_closed() and not screening.is_open()
    page = client.get(reverse("assessments:round", args=[screening.pk])).content.decode()
    assert "<table" in page
    assert "round-share" not in page  # no link to send any more
    client.logout()
    public = client.get(reverse("assessments:screening", args=[screening.code]))
    assert "Deze screening is gesloten" in public.content.decode()
    assert "is open van" not in public.content.decode()
    # A closed round takes no more answers: the figures shown stay true.
    with pytest.raises(services.AssessmentError):
        services.start_screening(screening_round=screening)


def test_an_open_screening_cannot_be_finished_after_closing(world, screening):
    scan = services.start_screening(screening_round=screening)
    services.close_round(screening_round=screening, by=world.coordinator_a)
    with pytest.raises(services.AssessmentError):
        services.complete(assessment=scan, by=None)


def test_no_more_screenings_than_staff_invited(client, world):
    screening = af.screening_round(
        world.digibank_a, af.local_government(world.digibank_a), staff_count=2
    )
    cache.clear()
    for _n in range(2):
        client.cookies.clear()  # another browser
        response = client.post(reverse("assessments:screening", args=[screening.code]))
        assert response.status_code == 302
    client.cookies.clear()
    response = client.post(reverse("assessments:screening", args=[screening.code]), follow=True)
    assert "evenveel screenings gestart als er personeelsleden" in response.content.decode()
    assert Assessment.objects.filter(screening_round=screening).count() == 2


def test_one_browser_continues_its_own_screening(client, world, screening):
    cache.clear()
    url = reverse("assessments:screening", args=[screening.code])
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"]
    assert Assessment.objects.filter(screening_round=screening).count() == 1
    scan = Assessment.objects.get(screening_round=screening)
    assert "Verder" in client.get(url).content.decode()
    services.save_answers(
        assessment=scan,
        items=list(scan.version.items.all()),
        data={i.key: "alone" for i in scan.version.items.filter(kind="self_rating")},
        by=None,
    )
    services.complete(assessment=scan, by=None)
    page = client.get(url).content.decode()
    assert reverse("assessments:screening_result", args=[scan.token]) in page


def test_starts_from_one_network_are_throttled(client, world, screening, monkeypatch, settings):
    from digibank.assessments import views

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    monkeypatch.setattr(views, "STARTS_PER_ADDRESS", 3)
    url = reverse("assessments:screening", args=[screening.code])
    for _n in range(3):
        client.cookies.clear()
        assert client.post(url, REMOTE_ADDR="203.0.113.9").status_code == 302
    client.cookies.clear()
    response = client.post(url, REMOTE_ADDR="203.0.113.9", follow=True)
    assert "Er werden veel screenings gestart vanaf dit netwerk" in response.content.decode()
    assert Assessment.objects.filter(screening_round=screening).count() == 3
    client.cookies.clear()
    assert client.post(url, REMOTE_ADDR="198.51.100.1").status_code == 302


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
        "staff_count": "40",
    }
    response = client.post(reverse("assessments:round_create"), data)
    assert "De sluitingsdag komt na de openingsdag" in response.content.decode()
    response = client.post(reverse("assessments:round_create"), {**data, "closes_on": "2027-02-01"})
    assert response.status_code == 302
