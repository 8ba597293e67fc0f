"""The knowledge base: read guides, write and publish them, suggest and review changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.core.tenancy import active_digibank, get_for_user_or_404
from digibank.digibanks.models import Digibank
from digibank.knowledge import services
from digibank.knowledge.forms import (
    GuideFilterForm,
    GuideForm,
    PublishForm,
    ReviewForm,
    StepFormSet,
    SuggestionForm,
)
from digibank.knowledge.models import Guide, Suggestion


def _guide_for(request, pk, action=None) -> Guide:
    """A guide in the user's scope; drafts only for those who may publish."""
    guide = get_for_user_or_404(
        Guide.objects.select_related("digibank", "last_checked_by"), request.user, action, pk=pk
    )
    if not guide.is_published and not permissions.can(
        request.user, "knowledge.publish", guide.digibank_id
    ):
        raise Http404
    return guide


def guide_list(request):
    digibank = active_digibank(request, "knowledge.view")
    may_publish = permissions.can(request.user, "knowledge.publish", digibank)
    guides = Guide.objects.for_user(request.user).filter(digibank=digibank)
    if not may_publish:
        guides = guides.published()
    form = GuideFilterForm(request.GET or None, digibank=digibank)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            guides = guides.filter(title__icontains=data["q"])
        if data["audience"]:
            guides = guides.filter(audience__in=[data["audience"], "both"])
        if data["language"]:
            guides = guides.filter(language=data["language"])
        if data["topic"]:
            guides = guides.filter(topics=data["topic"])
    page = Paginator(guides.order_by("title", "pk"), 25).get_page(request.GET.get("page"))
    open_suggestions = (
        Suggestion.objects.for_user(request.user).filter(digibank=digibank).open().count()
        if may_publish
        else 0
    )
    return render(
        request,
        "knowledge/list.html",
        {
            "form": form,
            "page_obj": page,
            "may_publish": may_publish,
            "open_suggestions": open_suggestions,
            "digibank": digibank,
        },
    )


def guide_detail(request, pk):
    guide = _guide_for(request, pk)
    may_publish = permissions.can(request.user, "knowledge.publish", guide.digibank_id)
    context = {
        "guide": guide,
        "steps": list(guide.steps.all()),
        "family": list(guide.family()),
        "topics": list(guide.topics.all()),
        "may_publish": may_publish,
        "may_suggest": permissions.can(request.user, "knowledge.suggest", guide.digibank_id),
    }
    if may_publish:
        context["versions"] = list(guide.versions.select_related("created_by")[:10])
        context["suggestions"] = list(guide.suggestions.open().select_related("created_by", "step"))
    return render(request, "knowledge/detail.html", context)


def guide_print(request, pk):
    guide = _guide_for(request, pk)
    return render(
        request, "knowledge/print.html", {"guide": guide, "steps": list(guide.steps.all())}
    )


def _edit(request, guide: Guide | None, digibank):
    form = GuideForm(request.POST or None, instance=guide, digibank=digibank)
    formset = StepFormSet(
        request.POST or None,
        request.FILES or None,
        instance=guide or Guide(digibank=digibank),
        prefix="steps",
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            creating = guide is None
            guide = form.save(commit=False)
            if creating:
                guide.digibank = digibank
                guide.created_by = request.user
            guide.save()
            formset.instance = guide
            formset.save_steps()
            if not creating:
                services.content_changed(guide=guide, by=request.user)
        messages.success(request, _("The guide is saved."))
        return redirect(guide)
    return render(
        request,
        "knowledge/form.html",
        {"form": form, "formset": formset, "guide": guide, "has_errors": bool(request.POST)},
    )


def guide_create(request):
    digibank = active_digibank(request, "knowledge.publish")
    return _edit(request, None, digibank)


def guide_edit(request, pk):
    guide = _guide_for(request, pk, "knowledge.publish")
    return _edit(request, guide, guide.digibank)


@require_POST
def guide_publish(request, pk):
    guide = _guide_for(request, pk, "knowledge.publish")
    form = PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if request.POST.get("action") == "unpublish":
            services.unpublish(guide=guide, by=request.user)
            messages.success(request, _("The guide is a draft again. Only staff can see it."))
        else:
            services.publish(guide=guide, by=request.user, note=note)
            messages.success(request, _("The guide is published."))
    except services.KnowledgeError as exc:
        messages.error(request, str(exc))
    return redirect(guide)


@require_POST
def guide_checked(request, pk):
    guide = _guide_for(request, pk, "knowledge.publish")
    services.mark_checked(guide=guide, by=request.user)
    messages.success(request, _("Thank you. The guide is marked as checked today."))
    return redirect(guide)


def guide_suggest(request, pk):
    guide = _guide_for(request, pk, "knowledge.suggest")
    form = SuggestionForm(request.POST or None, guide=guide)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.suggest(
                guide=guide,
                by=request.user,
                reason=data["reason"],
                step=data["step"],
                proposed_text=data["proposed_text"],
            )
        except services.KnowledgeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. Staff will look at your suggestion."))
            return redirect(guide)
    return render(request, "knowledge/suggest.html", {"guide": guide, "form": form})


def suggestion_list(request):
    digibank = active_digibank(request, "knowledge.publish")
    suggestions = (
        Suggestion.objects.for_user(request.user)
        .filter(digibank=digibank)
        .open()
        .select_related("guide", "step", "created_by")
        .order_by("created_at", "pk")
    )
    page = Paginator(suggestions, 25).get_page(request.GET.get("page"))
    return render(request, "knowledge/suggestions.html", {"page_obj": page})


def suggestion_review(request, pk):
    suggestion = get_for_user_or_404(
        Suggestion.objects.select_related("guide", "step", "created_by"), request.user, pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review(
                suggestion=suggestion,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except services.KnowledgeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The suggestion is reviewed."))
        return redirect("knowledge:suggestions")
    return render(request, "knowledge/review.html", {"suggestion": suggestion, "form": form})


# Public pages: citizens read the guides their digibank wrote for them, without an account.


@login_not_required
def public_list(request, slug):
    digibank = get_object_or_404(Digibank.objects.active(), slug=slug)
    guides = Guide.objects.public().filter(digibank=digibank)
    language = request.GET.get("language", "")
    if language in {"nl", "fr", "en"}:
        guides = guides.filter(language=language)
    page = Paginator(guides.order_by("title", "pk"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/public_list.html",
        {"digibank": digibank, "page_obj": page, "language": language},
    )


@login_not_required
def public_detail(request, slug, pk):
    guide = get_object_or_404(
        Guide.objects.public().select_related("digibank"), digibank__slug=slug, pk=pk
    )
    return render(
        request,
        "knowledge/public_detail.html",
        {
            "guide": guide,
            "steps": list(guide.steps.all()),
            "family": list(guide.family().for_citizens()),
        },
    )
