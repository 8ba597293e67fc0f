"""Demo data, backup and restore, and the management commands an operator runs."""

import io

import pytest
from django.core.management import call_command

from digibank.accounts.models import User
from digibank.digibanks.models import Digibank, Location, Partnership
from digibank.people.models import Person

pytestmark = pytest.mark.django_db


def counts():
    return {
        "digibanks": Digibank.objects.count(),
        "partnerships": Partnership.objects.count(),
        "locations": Location.objects.count(),
        "users": User.objects.count(),
        "people": Person.objects.count(),
    }


def test_demo_data_loads_twice_without_duplicates():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    assert first["digibanks"] >= 3
    assert "coordinator.noord@digibank.invalid" in out.getvalue()
    noord = Digibank.objects.get(slug="brugge-noord")
    assert sorted(noord.municipalities.values_list("name_nl", flat=True)) == [
        "Blankenberge",
        "Damme",
        "Knokke-Heist",
        "Zuienkerke",
    ]
    west = Digibank.objects.get(slug="brugge-west")
    assert west.municipalities.count() == 5


def test_demo_logins_land_on_their_start_page(client):
    from digibank.demo.foundation import ACCOUNTS, ADMIN_EMAIL, DEMO_PASSWORD

    call_command("load_demo", stdout=io.StringIO())
    for email in [a[0] for a in ACCOUNTS] + [ADMIN_EMAIL]:
        client.logout()
        response = client.post(
            "/accounts/login/", {"username": email, "password": DEMO_PASSWORD}, follow=True
        )
        assert response.status_code == 200, email
        assert response.redirect_chain[-1][0] == "/", email


def test_demo_data_is_refused_in_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    before = counts()
    person = Person.objects.order_by("pk").first()
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    assert counts()["people"] == 0
    call_command("restore", str(path), stdout=io.StringIO())
    assert counts() == before
    restored = Person.objects.get(pk=person.pk)
    assert (restored.name, restored.municipality_id) == (person.name, person.municipality_id)
    assert restored.target_groups.count() == person.target_groups.count()
    # Restoring again into a database with data is refused.
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("restore", str(path), stdout=io.StringIO())
