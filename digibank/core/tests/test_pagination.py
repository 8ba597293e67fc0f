"""The deferred-join paginator gives the same pages as Django's, in two queries each."""

import pytest
from django.core.paginator import Paginator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digibank.core.pagination import DeferredJoinPaginator
from digibank.people.models import Person
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    digibank = f.DigibankFactory()
    # Repeated names, so the ordering needs its tie-breaker like the real lists.
    for i in range(23):
        f.PersonFactory(digibank=digibank, name=f"Naam {i % 4}", search_name=f"naam {i % 4}")
    return Person.objects.filter(digibank=digibank).select_related("municipality")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    per_page=st.integers(1, 30),
    orphans=st.integers(0, 5),
    number=st.integers(-2, 40),
    descending=st.booleans(),
)
def test_pages_hold_the_same_rows_as_djangos_paginator(
    people, per_page, orphans, number, descending
):
    ordered = (
        people.order_by("-search_name", "-pk")
        if descending
        else people.order_by("search_name", "pk")
    )
    expected = Paginator(ordered, per_page, orphans=orphans).get_page(number)
    page = DeferredJoinPaginator(ordered, per_page, orphans=orphans).get_page(number)
    assert page.number == expected.number
    assert page.paginator.num_pages == expected.paginator.num_pages
    assert [p.pk for p in page] == [p.pk for p in expected]
    assert (page.start_index(), page.end_index()) == (expected.start_index(), expected.end_index())


def test_a_deep_page_costs_the_same_queries_and_keeps_the_joins(people, django_assert_num_queries):
    paginator = DeferredJoinPaginator(people.order_by("search_name", "pk"), 5)
    paginator.count  # noqa: B018 - counted once per request, like the list views do
    with django_assert_num_queries(2):
        page = paginator.page(4)
        rows = list(page)
    with django_assert_num_queries(0):
        [row.municipality for row in rows]  # select_related survived the second query
    assert len(rows) == 5


def test_an_empty_list_has_one_empty_page(django_assert_num_queries):
    page = DeferredJoinPaginator(Person.objects.none().order_by("pk"), 10).get_page(1)
    assert list(page) == [] and page.paginator.num_pages == 1
