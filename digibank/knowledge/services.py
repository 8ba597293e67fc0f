"""Every change to the knowledge base: publish, check, version, suggest and review.

Editing the text itself happens in forms; these functions keep the rules: a published
guide keeps a version for each change, "last checked on" moves with every check, and a
suggestion is reviewed once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.knowledge.models import (
    Guide,
    GuideStatus,
    GuideStep,
    GuideVersion,
    Suggestion,
    SuggestionStatus,
)


class KnowledgeError(Exception):
    """A rule of the knowledge base was broken; the message is for the user."""


def snapshot(guide: Guide) -> dict:
    return {
        "title": guide.title,
        "summary": guide.summary,
        "audience": guide.audience,
        "language": guide.language,
        "steps": [
            {"position": s.position, "text": s.text, "image": s.image.name, "alt": s.image_alt}
            for s in guide.steps.order_by("position", "pk")
        ],
    }


def _new_version(guide: Guide, *, by, note: str) -> GuideVersion:
    guide.version += 1
    guide.last_checked_on = timezone.localdate()
    guide.last_checked_by = by
    guide.save(
        update_fields=["status", "version", "last_checked_on", "last_checked_by", "updated_at"]
    )
    return GuideVersion.objects.create(
        guide=guide, number=guide.version, created_by=by, note=note[:250], content=snapshot(guide)
    )


def _locked(guide: Guide) -> Guide:
    return Guide.objects.select_for_update().get(pk=guide.pk)


@transaction.atomic
def publish(*, guide: Guide, by, note: str = "") -> Guide:
    """Make a draft visible to everyone with knowledge.view (and citizens if meant for them)."""
    guide = _locked(guide)
    if guide.is_published:
        raise KnowledgeError(_("This guide is already published."))
    if not guide.steps.exists():
        raise KnowledgeError(_("Add at least one step before you publish the guide."))
    guide.status = GuideStatus.PUBLISHED
    _new_version(guide, by=by, note=note or _("Published"))
    return guide


@transaction.atomic
def unpublish(*, guide: Guide, by) -> Guide:
    guide = _locked(guide)
    guide.status = GuideStatus.DRAFT
    guide.save(update_fields=["status", "updated_at"])
    return guide


@transaction.atomic
def content_changed(*, guide: Guide, by, note: str = "") -> Guide:
    """Called after a publisher edited a guide: a published guide gets a new version."""
    guide = _locked(guide)
    if guide.is_published:
        _new_version(guide, by=by, note=note or _("Changed"))
    return guide


@transaction.atomic
def mark_checked(*, guide: Guide, by) -> Guide:
    """Someone followed the guide on the real service today and it is still right."""
    guide = _locked(guide)
    guide.last_checked_on = timezone.localdate()
    guide.last_checked_by = by
    guide.save(update_fields=["last_checked_on", "last_checked_by", "updated_at"])
    return guide


def suggest(
    *, guide: Guide, by, reason: str, step: GuideStep | None = None, proposed_text: str = ""
) -> Suggestion:
    if step is not None and step.guide_id != guide.pk:
        raise KnowledgeError(_("This step belongs to another guide."))
    if not reason.strip():
        raise KnowledgeError(_("Tell us what should change and why."))
    return Suggestion.objects.create(
        digibank_id=guide.digibank_id,
        guide=guide,
        step=step,
        proposed_text=proposed_text.strip(),
        reason=reason.strip(),
        created_by=by,
    )


@transaction.atomic
def review(*, suggestion: Suggestion, by, accept: bool, note: str = "") -> Suggestion:
    """Accept (a proposed step text replaces the step, as a new version) or decline."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.OPEN:
        raise KnowledgeError(_("This suggestion has already been reviewed."))
    if accept and suggestion.step_id and suggestion.proposed_text:
        step = suggestion.step
        step.text = suggestion.proposed_text
        step.save(update_fields=["text"])
        content_changed(
            guide=suggestion.guide,
            by=by,
            note=_("Suggestion accepted (step %(n)s)") % {"n": step.position},
        )
    suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DECLINED
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note[:500]
    suggestion.save()
    return suggestion


def guides_for_topics(*, digibank, topics, limit: int = 5) -> list[Guide]:
    """Published guides of the digibank about any of ``topics``: to print for the person
    or to follow together at the helpdesk. Most recently checked first."""
    return list(
        Guide.objects.filter(digibank=digibank, topics__in=topics)
        .published()
        .distinct()
        .order_by("-last_checked_on", "title")[:limit]
    )
