"""The assessments' part of a person's right of access and erasure."""

from django.utils.translation import gettext_lazy as _

from digibank.people import gdpr


def export(person) -> list[dict]:
    from digibank.assessments.models import Assessment

    scans = (
        Assessment.objects.filter(person=person)
        .select_related("version__question_set")
        .prefetch_related("area_scores", "version__items")
        .order_by("started_at", "pk")
    )
    return [
        {
            "reference": scan.reference,
            "question_set": scan.version.question_set.display_title,
            "version": scan.version.number,
            "started_at": scan.started_at.isoformat(),
            "completed_at": scan.completed_at.isoformat() if scan.completed_at else None,
            "place": scan.get_place_display(),
            "follow_up_on": scan.follow_up_on.isoformat() if scan.follow_up_on else None,
            "answers": {
                item.display_text: item.answer_label(scan.answers[item.key])
                for item in scan.version.items.all()
                if item.key in scan.answers
            },
            "levels": {
                s.get_area_display(): {"score": str(s.score), "level": s.get_band_display()}
                for s in scan.area_scores.all()
            },
            "next_steps": scan.next_steps,
        }
        for scan in scans
    ]


def erase(person) -> None:
    """Answers (household context included) go; area levels stay for anonymous figures."""
    from digibank.assessments.models import Assessment

    Assessment.objects.filter(person=person).update(answers={}, next_steps=[])


def register_provider() -> None:
    gdpr.register(
        gdpr.PersonalDataProvider(
            key="assessments", label=_("Digital skills scans"), export=export, erase=erase
        )
    )
