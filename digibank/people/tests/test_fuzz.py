"""Whatever is typed into the registration form, the answer is a page, never a crash."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digibank.people.models import Person

pytestmark = pytest.mark.django_db

FIELDS = ("name", "year_of_birth", "municipality", "language", "contact_channel", "phone",
          "email", "street", "postcode", "notes")  # fmt: skip
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.fixed_dictionaries({}, optional={field: text for field in FIELDS}))
def test_registration_never_crashes(client, world, data):
    client.force_login(world.staff_a)
    before = Person.objects.count()
    response = client.post(reverse("people:create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Person.objects.count() == before
