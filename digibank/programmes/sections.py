"""The coordinator's start page shows the projects that fund their digibank."""

from django.db.models import Min, Q

from digibank.accounts import permissions
from digibank.programmes.models import Project


def start_summary(request) -> dict:
    digibank = getattr(request, "digibank", None)
    if digibank is None or not permissions.can(request.user, "programme.view", digibank):
        return {"projects": []}
    projects = (
        Project.objects.for_user(request.user)
        .filter(digibanks=digibank)
        .select_related("programme")
        .annotate(next_report=Min("reports__due_on", filter=Q(reports__submitted_on__isnull=True)))
        .order_by("-start_date", "reference")[:5]
    )
    return {"projects": list(projects)}
