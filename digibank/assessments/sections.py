"""The assessments section of a person's page (registered in people/sections.py)."""

from digibank.accounts import permissions


def person_context(request, person) -> dict:
    """The person's scans (fixed number of queries) and whether results may be seen."""
    from digibank.assessments.models import Assessment

    may_view = permissions.can(request.user, "assessment.view", person.digibank_id)
    scans = Assessment.objects.filter(person=person)
    if not may_view:
        # A helper without access to results (a volunteer) sees the scans they did
        # themselves: to continue one, or to show the person their result again.
        scans = scans.filter(conducted_by=request.user.pk)
    scans = list(scans.order_by("-started_at", "-pk")[:10])
    return {
        "person": person,
        "scans": scans,
        "completed": sum(1 for s in scans if s.is_completed),
        "may_view": may_view,
        "has_any": may_view or Assessment.objects.filter(person=person).exists(),
    }


FOLLOW_UP_HORIZON_DAYS = 14


def start_summary(request) -> dict:
    """Follow-up scans that are due within two weeks (or overdue), for the start page.

    Only a person's latest scan counts: once a later scan was started, the follow-up is
    on its way. Three queries at most, whatever the number of scans.
    """
    import datetime

    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from digibank.assessments.models import Assessment

    digibank = getattr(request, "digibank", None)
    if digibank is None or not permissions.can(request.user, "assessment.view", digibank):
        return {"shown": False}
    horizon = timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    later = Assessment.objects.filter(
        person=OuterRef("person"), started_at__gt=OuterRef("started_at")
    )
    due = (
        Assessment.objects.for_user(request.user)
        .filter(
            digibank=digibank,
            completed_at__isnull=False,
            follow_up_on__lte=horizon,
            person__anonymised_at__isnull=True,
        )
        .exclude(Exists(later))
        .select_related("person")
        .order_by("follow_up_on", "pk")
    )
    return {"shown": True, "due": list(due[:10]), "today": timezone.localdate()}
