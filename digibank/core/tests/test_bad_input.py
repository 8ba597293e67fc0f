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
