"""The assessments section of a person's page (registered in people/sections.py)."""

from digibank.accounts import permissions


def person_context(request, person) -> dict:
    """The person's scans (fixed number of queries) and whether results may be seen."""
    from digibank.assessments.models import Assessment

    scans = list(Assessment.objects.filter(person=person).order_by("-started_at", "-pk")[:10])
    return {
        "person": person,
        "scans": scans,
        "completed": sum(1 for s in scans if s.is_completed),
        "may_view": permissions.can(request.user, "assessment.view", person.digibank_id),
    }
