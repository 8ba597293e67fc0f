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
    assert {g.code: g.people for g in figures.by_target_group}["senior"] == 6
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


def _groups(figures):
    return {g.code: (g.lent, g.given, g.people) for g in figures.by_target_group}


def test_figures_per_target_group_count_lent_given_and_people(client, world):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=30)
    for _ in range(5):
        person = person_in_a(world)
        person.target_groups.add("senior")
        loan_for(world, person)
    both = person_in_a(world)  # a senior with a low income: in both groups
    both.target_groups.add("senior", "low_income")
    services.make_gift(loan=loan_for(world, both, kind=LoanKind.LONG_TERM), by=world.staff_a)
    for _ in range(4):
        person = person_in_a(world)
        person.target_groups.add("low_income")
        loan_for(world, person)
    earlier = person_in_a(world)  # lent before the period, given in it
    earlier.target_groups.add("senior")
    old_loan = loan_for(
        world, earlier, kind=LoanKind.LONG_TERM, started_on=today - datetime.timedelta(days=60)
    )
    services.make_gift(loan=old_loan, by=world.staff_a)
    loan_for(world)  # no target group recorded
    figures = lending_figures(digibank=world.digibank_a, start=start, end=today, today=today)
    groups = _groups(figures)
    assert groups["senior"] == (6, 2, 6)
    assert groups["low_income"] == (5, 1, 5)
    assert groups[None] == (1, 0, 1)
    assert groups["young"] == (0, 0, 0)
    # The person in two groups counts in both, and once in the total.
    assert sum(people for _lent, _given, people in groups.values()) == 12
    assert (figures.people_equipped, figures.loans_started, figures.gifts) == (11, 11, 2)
    before = lending_figures(
        digibank=world.digibank_a, start=None, end=start - datetime.timedelta(days=1), today=today
    )
    assert _groups(before)["senior"] == (1, 0, 1)  # the old loan, not yet a gift then

    client.force_login(world.coordinator_a)
    html = client.get(reverse("loans:figures"), {"start": start.isoformat()}).content.decode()
    assert "Devices given" in html and "Total (each person once)" in html
    response = client.get(reverse("loans:figures"), {"start": start.isoformat(), "format": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content))["Per target group"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["Target group"] == ("Devices lent", "Devices given", "People equipped")
    assert rows["Senior"] == (6, None, 6)  # two gifts: too few to show
    assert rows["Low income or OCMW client"] == (5, None, 5)
    assert rows["No target group recorded"] == (None, 0, None)  # one loan: hidden; zero stays
    assert rows["Young person"] == (0, 0, 0)
    assert rows["Total (each person once)"] == (11, None, 11)


def test_target_group_figures_take_one_query_for_all_groups(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            lending_figures(digibank=world.digibank_a, start=None, end=None, today=today)
        return len(ctx.captured_queries)

    loan_for(world)
    few = count()
    for code in ("senior", "low_income", "young", "disability", "job_seeker"):
        person = person_in_a(world)
        person.target_groups.add(code, "other")
        services.make_gift(loan=loan_for(world, person, kind=LoanKind.LONG_TERM), by=world.staff_a)
    assert count() == few
    with CaptureQueriesContext(connection) as ctx:
        lending_figures(digibank=world.digibank_a, start=None, end=None, today=today)
    group_queries = [q["sql"] for q in ctx.captured_queries if "target_group" in q["sql"]]
    assert len(group_queries) == 1
