"""Help with internet at home, and the anonymous lending figures."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.loans import eligibility, services
from digibank.loans.figures import lending_figures
from digibank.loans.models import ConnectivityHelp, LoanKind
from digibank.loans.tests.factories import loan_for, person_in_a
from digibank.people.models import ServiceActivity

pytestmark = pytest.mark.django_db


def test_social_tariff_help_is_recorded_and_counts_as_access(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("loans:connectivity_create", args=[world.person_a.pk]),
        {"kind": "social_tariff", "helped_on": timezone.localdate().isoformat(),
         "provider": "Proximus", "outcome_ok": "true"},
    )  # fmt: skip
    assert response.status_code == 302
    help_ = ConnectivityHelp.objects.get()
    assert (help_.kind, help_.provider, help_.outcome_ok) == ("social_tariff", "Proximus", True)
    assert ServiceActivity.objects.filter(
        person=world.person_a, service="access", kind="connectivity"
    ).exists()
    assert "Social telecom tariff" in client.get(world.person_a.get_absolute_url()).content.decode()


def test_sim_cards_only_where_the_digibank_lends_them(client, world):
    with pytest.raises(services.LoanError, match="does not lend SIM cards"):
        services.record_connectivity(person=world.person_a, by=world.staff_a,
                                     data={"kind": "sim_card"})  # fmt: skip
    client.force_login(world.staff_a)
    url = reverse("loans:connectivity_create", args=[world.person_a.pk])
    assert 'value="sim_card"' not in client.get(url).content.decode()
    policy = eligibility.policy_for(world.digibank_a)
    policy.lends_sim_cards = True
    policy.save()
    html = client.post(url, {"kind": "sim_card", "helped_on": timezone.localdate().isoformat()})
    assert "Give the date by which the SIM card must come back" in html.content.decode()
    due = (timezone.localdate() + datetime.timedelta(weeks=4)).isoformat()
    client.post(url, {"kind": "sim_card", "helped_on": timezone.localdate().isoformat(),
                      "due_on": due})  # fmt: skip
    sim = ConnectivityHelp.objects.get()
    assert list(ConnectivityHelp.objects.lent_out()) == [sim]
    client.post(reverse("loans:sim_returned", args=[sim.pk]))
    sim.refresh_from_db()
    assert sim.returned_on == timezone.localdate()
    assert not ConnectivityHelp.objects.lent_out().exists()


def test_future_dates_are_refused(client, world):
    client.force_login(world.staff_a)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("loans:connectivity_create", args=[world.person_a.pk]),
        {"kind": "social_tariff", "helped_on": tomorrow},
    )
    assert "in the future" in response.content.decode()
    assert not ConnectivityHelp.objects.exists()


def test_lending_figures_count_people_once_and_hide_small_groups(client, world):
    policy = eligibility.policy_for(world.digibank_a)
    policy.max_devices_per_person = 2
    policy.save()
    people = [person_in_a(world) for _ in range(6)]
    for person in people:
        person.target_groups.add("senior")
        loan_for(world, person)
    loan_for(world, people[0], kind=LoanKind.LONG_TERM)
    figures = lending_figures(digibank=world.digibank_a, start=None, end=None,
                              today=timezone.localdate())  # fmt: skip
    assert (figures.people_equipped, figures.loans_started, figures.open_now) == (6, 7, 7)
    assert dict(figures.by_target_group)["Senior"] == 6
    assert figures.by_kind == {"fixed": 6, "long_term": 1}
    client.force_login(world.coordinator_a)
    html = client.get(reverse("loans:figures")).content.decode()
    assert "&lt;5" in html  # one long-term loan: too small to show
    response = client.get(reverse("loans:figures"), {"format": "xlsx"})
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert 6 in [c.value for row in book[book.sheetnames[1]].iter_rows() for c in row]


def test_figures_keep_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    loan_for(world)
    client.force_login(world.coordinator_a)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("loans:figures")).status_code == 200
    for _ in range(4):
        loan_for(world)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("loans:figures"), {"start": "2020-01-01"}).status_code == 200
