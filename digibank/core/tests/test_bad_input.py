"""A NUL character in a query or a form gets the friendly 400 page, never a 500.

PostgreSQL cannot store or compare NUL, so a view that passed such a parameter straight to
a query failed there (found by hypothesis in the programmes import on PostgreSQL).
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    "devices:list", "devices:donations", "people:list", "loans:list", "loans:requests",
    "helpdesk:contacts", "programmes:projects", "regional:register",
]  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_a_nul_in_a_search_is_a_400_page(client, world, name):
    client.force_login(world.coordinator_a)
    response = client.get(reverse(name), {"q": "a\x00b"})
    assert response.status_code == 400
    assert (
        "Er ging iets mis" in response.content.decode() or "went wrong" in response.content.decode()
    )
    assert client.get(reverse(name), {"q": "ab"}).status_code in (200, 302)


def test_a_nul_in_a_posted_form_is_a_400_page(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(reverse("helpdesk:calls"), {"booking": "1\x00"})
    assert response.status_code == 400


# "²" and "٣" are digits to str.isdigit() but not to int(): a typed reference or an id in
# the address with such a character once gave a 500.
ODD_DIGITS = ["P-²", "D-٣", "L-²", "P-99999999999999999999", "L-0"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("text", ODD_DIGITS)
def test_a_reference_with_odd_digits_is_just_not_found(client, world, name, text):
    client.force_login(world.coordinator_a)
    assert client.get(reverse(name), {"q": text}).status_code in (200, 302)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("referrals:create", {"person": "²"}),
        ("referrals:create", {"contact": "٣"}),
        ("referrals:create", {"organisation": "²", "topic": "99999999999999999999"}),
        ("assessments:start", {"person": "²"}),
        ("loans:request_create", {"referrer": "²"}),
    ],
)
def test_odd_ids_in_the_address_never_give_a_500(client, world, name, params):
    client.force_login(world.coordinator_a)
    args = [world.person_a.pk] if name == "loans:request_create" else []
    assert client.get(reverse(name, args=args), params).status_code in (200, 302, 404)
