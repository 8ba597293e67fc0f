"""Platform administrators keep programmes, calls and rounds in the admin; a project's
status and amounts stay out of reach there (the history would lose a step)."""

import pytest
from django.urls import reverse

from digibank.programmes.models import Project
from digibank.programmes.tests.factories import awarded_project

pytestmark = pytest.mark.django_db


def test_every_programme_admin_page_opens(client, world):
    project = awarded_project(status="running", municipalities=["31043"])
    client.force_login(world.admin)
    for model in ("funder", "programme", "track", "call", "milestone", "project"):
        url = reverse(f"admin:programmes_{model}_changelist")
        assert client.get(url).status_code == 200, url
    for model, pk in (
        ("programme", project.programme.pk),
        ("call", project.round.call.pk),
        ("track", project.track.pk) if project.track_id else ("programme", project.programme.pk),
        ("project", project.pk),
    ):
        url = reverse(f"admin:programmes_{model}_change", args=[pk])
        assert client.get(url).status_code == 200, url


def test_a_project_status_cannot_be_changed_or_added_in_the_admin(client, world):
    project = awarded_project(status="running", municipalities=["31043"])
    client.force_login(world.admin)
    page = client.get(reverse("admin:programmes_project_change", args=[project.pk]))
    assert 'name="status"' not in page.content.decode()
    assert 'name="amount_approved"' not in page.content.decode()
    assert client.get(reverse("admin:programmes_project_add")).status_code == 403
    assert Project.objects.get(pk=project.pk).status == "running"


def test_people_of_a_digibank_do_not_reach_the_admin(client, world):
    client.force_login(world.coordinator_a)
    response = client.get(reverse("admin:programmes_programme_changelist"))
    assert response.status_code in (302, 403)
