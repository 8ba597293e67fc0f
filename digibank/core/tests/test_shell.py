"""The shell: start pages, language switch, security headers, health, errors."""

import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator_a", "Register a new person"),
        ("staff_a", "Reach in the last 12 months"),
        ("volunteer_a", "Find a person"),
        ("partner_a", "Start"),
        ("officer_a", "Your municipality in figures"),
        ("funder", "Reach in the last 12 months"),
        ("admin", "Manage digibanken"),
        ("stranger", "You are not a member of a digibank yet"),
    ],
)
def test_start_page_per_role(client, world, persona, expected):
    client.force_login(world.persona(persona))
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["coordinator_a", "staff_a", "volunteer_a", "partner_a", "officer_a", "funder", "admin"],
)
def test_every_link_on_a_start_page_opens(client, world, persona):
    """A menu entry or tile never leads to an error page for the role that sees it."""
    client.force_login(world.persona(persona))
    page = client.get(reverse("core:home")).content.decode()
    links = set(re.findall(r'href="(/[^"#?]*)', page)) - {reverse("accounts:logout")}
    links = {link for link in links if not link.startswith(("/static/", "/media/"))}
    assert links
    broken = {link: client.get(link).status_code for link in sorted(links)}
    assert {link: code for link, code in broken.items() if code >= 400} == {}


def test_volunteer_menu_has_no_audit_or_team(client, world):
    client.force_login(world.volunteer_a)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("people:list") in page
    assert reverse("audit:list") not in page
    assert reverse("accounts:members") not in page


def test_language_switch_without_javascript(client, world):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="fr">' in page


def test_dutch_is_the_default(client):
    assert '<html lang="nl">' in client.get("/accounts/login/").content.decode()


def test_content_security_policy_and_headers(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_health(client):
    assert client.get("/health/").json() == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(client, world):
    client.force_login(world.staff_a)
    response = client.get("/people/999999/")
    assert response.status_code == 404


def test_switch_digibank(client, world):
    from digibank.testing import factories as f

    f.MembershipFactory(user=world.staff_a, digibank=world.digibank_b, role="volunteer")
    client.force_login(world.staff_a)
    client.post(reverse("core:switch_digibank"), {"digibank": world.digibank_b.pk, "next": "/"})
    page = client.get(reverse("core:home")).content.decode()
    assert "Digibank Brugge West" in page
    # Someone else's digibank cannot be chosen.
    client.force_login(world.volunteer_a)
    client.post(reverse("core:switch_digibank"), {"digibank": world.digibank_b.pk})
    assert "Digibank Brugge Noord" in client.get(reverse("core:home")).content.decode()


def test_deploy_checks_pass_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DIGIBANK_ENV": "production",
        "DIGIBANK_SECRET_KEY": "a-very-long-random-secret-key-for-this-test-only-1234567890abcdef",
        "DIGIBANK_ALLOWED_HOSTS": "digibank.example.org",
        "DIGIBANK_EMAIL_HOST": "smtp.example.org",
        "DIGIBANK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "digibank.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = {
        **os.environ,
        "DIGIBANK_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "digibank.settings",
    }
    env.pop("DIGIBANK_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DIGIBANK_SECRET_KEY" in result.stderr
