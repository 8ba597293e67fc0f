"""Assessments: the Digiscan with a person, results, progress, staff screenings, figures.

Thin views: scoped fetch -> form -> service -> render or redirect. The staff screening
pages for staff members are public and work with a private token, so that nobody but
the staff member can open their result (their employer only gets anonymous figures).
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.assessments import advice, scoring, services
from digibank.assessments.forms import (
    BandsForm,
    CompareForm,
    FiguresForm,
    FinishForm,
    ItemTextForm,
    NewItemForm,
    PersonSearchForm,
    RoundForm,
    ScreenForm,
    StartForm,
)
from digibank.assessments.models import (
    Assessment,
    Item,
    ItemKind,
    QuestionSet,
    QuestionSetVersion,
    ScreeningRound,
)
from digibank.audit import services as audit
from digibank.core.ids import parse_id
from digibank.core.pdf import pdf_response, render_pdf
from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.figures import services as figures_services
from digibank.people.models import Person

# The Digiscan with a person ------------------------------------------------------------


def assessment_list(request):
    digibank = active_digibank(request, "assessment.view")
    scans = (
        Assessment.objects.for_user(request.user)
        .filter(digibank=digibank)
        .of_citizens()
        .select_related("person", "version__question_set", "conducted_by")
        .order_by("-started_at", "-pk")
    )
    page = Paginator(scans, 25).get_page(request.GET.get("page"))
    return render(request, "assessments/list.html", {"page_obj": page})


def start(request):
    """Find the person, choose the question set and the place, and start the scan."""
    digibank = active_digibank(request, "assessment.take")
    people = Person.objects.for_user(request.user).filter(digibank=digibank).active()
    person_id = request.POST.get("person") or request.GET.get("person")
    if person_id:
        person = get_object_or_404(people, pk=parse_id(person_id)) if parse_id(person_id) else None
        if person is None:
            raise Http404
        form = StartForm(request.POST or None, digibank=digibank)
        if request.method == "POST" and form.is_valid():
            try:
                scan = services.start_digiscan(
                    person=person,
                    question_set=form.cleaned_data["question_set"],
                    by=request.user,
                    place=form.cleaned_data["place"],
                )
            except services.AssessmentError as exc:
                messages.error(request, str(exc))
            else:
                return redirect("assessments:step", pk=scan.pk, screen=1)
        base = services.base_scan(person)
        return render(
            request, "assessments/start.html", {"person": person, "form": form, "base": base}
        )
    search = PersonSearchForm(request.GET or None)
    found = None
    if search.is_valid():
        found = list(people.search(search.cleaned_data["q"]).order_by("search_name", "pk")[:20])
    unfinished = list(services.unfinished_scans(digibank=digibank, by=request.user)[:20])
    if unfinished:
        audit.record_many(
            actor=request.user, action="view", targets=unfinished, note="unfinished scans"
        )
    return render(
        request,
        "assessments/find_person.html",
        {"search": search, "found": found, "unfinished": unfinished},
    )


def _fetch_scan(request, pk):
    """A citizen's scan: for staff who may see results, or for the helper who took it."""
    taking = Assessment.objects.for_user(request.user, "assessment.take")
    viewing = Assessment.objects.for_user(request.user, "assessment.view")
    scan = (
        (taking | viewing)
        .select_related("version__question_set", "person", "digibank", "conducted_by")
        .filter(pk=pk, person__isnull=False)
        .first()
    )
    if scan is None:
        raise Http404
    if not (
        permissions.can(request.user, "assessment.view", scan.digibank_id)
        or scan.conducted_by_id == request.user.pk
    ):
        raise PermissionDenied
    return scan


def _screens(scan):
    items = list(scan.version.items.all())
    return items, scan.version.screens(items)


def _run_screen(request, scan, screen, *, url, finish_url, back_url):
    """One screen of questions; shared by the Digiscan and the staff screening."""
    items, screens = _screens(scan)
    if screen not in screens:
        raise Http404
    if scan.is_completed:
        messages.info(request, _("This assessment is finished."))
        return None
    shown = [i for i in items if i.screen == screen]
    form = ScreenForm(request.POST or None, items=shown, initial=scan.answers)
    index = screens.index(screen)
    if request.method == "POST" and form.is_valid():
        services.save_answers(assessment=scan, items=shown, data=form.cleaned_data, by=request.user)
        if request.POST.get("go") == "back" and index > 0:
            return redirect(url(screens[index - 1]))
        if index + 1 < len(screens):
            return redirect(url(screens[index + 1]))
        return redirect(finish_url)
    area = next((i.get_area_display() for i in shown if i.area), "")
    has_task = any(i.kind == ItemKind.TASK for i in shown)
    return render(
        request,
        "assessments/step.html",
        {
            "scan": scan,
            "form": form,
            "number": index + 1,
            "total": len(screens),
            "area": area,
            "has_task": has_task,
            "is_context": all(i.kind == ItemKind.CONTEXT for i in shown),
            "has_back": index > 0,
            "back_url": back_url,
        },
    )


def step(request, pk, screen):
    scan = _fetch_scan(request, pk)
    require(request.user, "assessment.take", scan.digibank_id)
    response = _run_screen(
        request,
        scan,
        screen,
        url=lambda n: reverse("assessments:step", args=[scan.pk, n]),
        finish_url=reverse("assessments:finish", args=[scan.pk]),
        back_url=reverse("assessments:start") + f"?person={scan.person_id}",
    )
    return response or redirect(scan)


def finish(request, pk):
    scan = _fetch_scan(request, pk)
    require(request.user, "assessment.take", scan.digibank_id)
    if scan.is_completed:
        return redirect(scan)
    items, screens = _screens(scan)
    form = FinishForm(request.POST if request.method == "POST" else None)
    # The page shows every answer, the household questions too.
    audit.record(actor=request.user, action="view", target=scan, note="answers before finishing")
    if request.method == "POST" and form.is_valid():
        try:
            services.complete(
                assessment=scan, by=request.user, follow_up_on=form.cleaned_data["follow_up_on"]
            )
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The scan is finished. Here is the result."))
            return redirect(scan)
    return render(
        request,
        "assessments/finish.html",
        {
            "scan": scan,
            "form": form,
            "rows": services.item_rows(scan, items),
            "last_screen": screens[-1] if screens else 1,
        },
    )


def result(request, pk):
    scan = _fetch_scan(request, pk)
    if not scan.is_completed:
        return redirect("assessments:finish", pk=scan.pk)
    audit.record(actor=request.user, action="view", target=scan)
    items = list(scan.version.items.all())
    may_view = permissions.can(request.user, "assessment.view", scan.digibank_id)
    scans = list(
        Assessment.objects.filter(person_id=scan.person_id).completed().order_by("completed_at")
    )
    base = services.comparable_base(scan)
    steps = advice.steps_with_partners(scan)
    return render(
        request,
        "assessments/result.html",
        {
            "scan": scan,
            "person": scan.person,
            "areas": advice.area_results(scan),
            "steps": steps,
            "courses": advice.suggested_courses(scan),
            "context": services.item_rows(scan, services.context_items(items)),
            "may_view": may_view,
            "may_refer": permissions.can(request.user, "referral.manage", scan.digibank_id)
            and not scan.person.is_anonymised,
            "has_progress": len(scans) > 1,
            # The change since the base scan: also for the helper who did this scan.
            "first": base,
            "second": scan,
            "rows": services.compare(base, scan) if base else [],
            "follow_up_form": FinishForm(initial={"follow_up_on": scan.follow_up_on}),
        },
    )


def result_pdf(request, pk):
    """The result to take home, on paper, in the person's own language."""
    scan = _fetch_scan(request, pk)
    if not scan.is_completed:
        return redirect("assessments:finish", pk=scan.pk)
    audit.record(actor=request.user, action="view", target=scan, note="result PDF")
    language = scan.person.document_language
    with translation.override(language):  # the advice texts are made in that language
        steps = advice.steps_with_partners(scan)
        context = {
            "scan": scan,
            "person": scan.person,
            "digibank": scan.digibank,
            "areas": advice.area_results(scan),
            "steps": [(step.label, step.text) for step in steps],
            "courses": advice.suggested_courses(scan),
            "partners": advice.partners(steps),
        }
    pdf = render_pdf("assessments/pdf/result.html", context, language=language)
    return pdf_response(pdf, f"{scan.reference}.pdf")


@require_POST
def follow_up(request, pk):
    """Move the planned follow-up scan to another day."""
    scan = _fetch_scan(request, pk)
    require(request.user, "assessment.take", scan.digibank_id)
    form = FinishForm(request.POST)
    if form.is_valid() and form.cleaned_data["follow_up_on"] and scan.is_completed:
        services.plan_follow_up(
            assessment=scan, on=form.cleaned_data["follow_up_on"], by=request.user
        )
        messages.success(request, _("The follow-up scan is planned."))
    else:
        messages.error(request, _("Choose a day after today for the follow-up scan."))
    return redirect(scan)


def progress(request, person_pk):
    """The change per area from the first scan to the latest, or between two chosen."""
    person = get_for_user_or_404(Person, request.user, pk=person_pk)
    require(request.user, "assessment.view", person.digibank_id)
    scans = list(
        Assessment.objects.filter(person=person)
        .completed()
        .select_related("version__question_set")
        .prefetch_related("area_scores")
        .order_by("completed_at", "pk")
    )
    audit.record(actor=request.user, action="view", target=person, note="skills progress")
    if len(scans) < 2:
        return render(request, "assessments/progress.html", {"person": person, "scans": scans})
    form = CompareForm(
        request.GET or None,
        scans=scans,
        initial={"first": scans[0].pk, "second": scans[-1].pk},
    )
    first, second = scans[0], scans[-1]
    if request.GET and form.is_valid():
        by_pk = {s.pk: s for s in scans}
        first, second = by_pk[form.cleaned_data["first"]], by_pk[form.cleaned_data["second"]]
        if first.completed_at > second.completed_at:
            first, second = second, first
    return render(
        request,
        "assessments/progress.html",
        {
            "person": person,
            "scans": scans,
            "form": form,
            "first": first,
            "second": second,
            "rows": services.compare(first, second),
        },
    )


# Anonymous figures -------------------------------------------------------------------


def figures(request):
    digibank = active_digibank(request, "figures.view")
    form = FiguresForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    start, end = data.get("start"), data.get("end")
    target_group = data.get("target_group") or ""
    # Heavy at a large digibank (bench/assessments_progress.py): kept for a few minutes.
    counted_at, (people, rows) = figures_services.cached(
        ("skill_progress", digibank.pk, start, end, target_group, translation.get_language()),
        lambda: services.skill_progress(
            digibanks=[digibank], start=start, end=end, target_group=target_group
        ),
    )
    return render(
        request,
        "assessments/figures.html",
        {"form": form, "people": people, "rows": rows, "counted_at": counted_at},
    )


# Staff screening: rounds for the digibank and the employer ----------------------------


def _rounds_for(user):
    """Rounds the user may see figures of: staff of the digibank, or the local officer
    of the municipality of the local government screened."""
    rounds = ScreeningRound.objects.for_user(user)
    municipalities = permissions.officer_municipality_ids(user)
    if municipalities:
        rounds = rounds | ScreeningRound.objects.for_user(user, "figures.municipality").filter(
            organisation__municipality_id__in=municipalities
        )
    return rounds.select_related("organisation", "question_set")


def rounds(request):
    if not (
        permissions.can(request.user, "assessment.view", request.digibank)
        or permissions.can(request.user, "figures.municipality", request.digibank)
    ):
        raise PermissionDenied
    page = Paginator(_rounds_for(request.user).order_by("-opens_on", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    may_manage = permissions.can(request.user, "assessment.manage", request.digibank)
    return render(request, "assessments/rounds.html", {"page_obj": page, "may_manage": may_manage})


def round_create(request):
    digibank = active_digibank(request, "assessment.manage")
    form = RoundForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        screening = form.save(commit=False)
        screening.digibank = digibank
        screening.created_by = request.user
        screening.save()
        messages.success(request, _("The screening is ready. Share the link with the staff."))
        return redirect(screening)
    return render(request, "assessments/round_form.html", {"form": form})


def round_detail(request, pk):
    screening = _rounds_for(request.user).filter(pk=pk).first()
    if screening is None:
        raise Http404
    return render(
        request,
        "assessments/round.html",
        {
            "round": screening,
            "result": services.round_figures(screening),
            "bands": scoring.BAND_ORDER,
            "share_url": request.build_absolute_uri(
                reverse("assessments:screening", args=[screening.code])
            ),
            "may_share": permissions.can(request.user, "assessment.view", screening.digibank_id),
            "may_close": permissions.can(request.user, "assessment.manage", screening.digibank_id),
        },
    )


@require_POST
def round_close(request, pk):
    """The coordinator closes the screening early, so the figures can be shown."""
    screening = get_for_user_or_404(ScreeningRound, request.user, pk=pk)
    require(request.user, "assessment.manage", screening.digibank_id)
    try:
        services.close_round(screening_round=screening, by=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The screening is closed. The figures are shown now."))
    return redirect(screening)


# Staff screening: the public pages of the staff member --------------------------------


# A browser (session) keeps the token of the screening it started, so that reloading the
# shared link continues that screening instead of starting another.
SESSION_KEY = "assessments.screenings"
# Starts per network address per hour. Generous, because the staff of one town hall
# often share one address; the hard limit is the round's number of staff.
STARTS_PER_ADDRESS = 30


def _too_many_starts(request, screening_round) -> bool:
    """Throttle anonymous starts per network address (only a hash is kept, briefly)."""
    # The client's own address behind the reverse proxy, as the login throttle sees it.
    address = get_client_ip_address(request) or ""
    digest = hashlib.sha256(f"{screening_round.code}:{address}".encode()).hexdigest()
    key = f"assessments:starts:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        starts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        starts = 1
    return starts > STARTS_PER_ADDRESS


@login_not_required
def screening(request, code):
    """The shared link: explains the screening and starts an anonymous one."""
    screening_round = get_object_or_404(
        ScreeningRound.objects.select_related("question_set", "organisation"), code=code
    )
    mine = request.session.get(SESSION_KEY, {})
    token = mine.get(screening_round.code)
    own = (
        Assessment.objects.filter(token=token, screening_round=screening_round).first()
        if token
        else None
    )
    if request.method == "POST":
        if own is not None:  # this browser already has one: continue it
            if own.is_completed:
                return redirect("assessments:screening_result", token=own.token)
            return redirect("assessments:screening_step", token=own.token, screen=1)
        if _too_many_starts(request, screening_round):
            messages.error(
                request, _("Many screenings were started from this network. Try again later.")
            )
            return redirect("assessments:screening", code=code)
        try:
            scan = services.start_screening(screening_round=screening_round)
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
        else:
            request.session[SESSION_KEY] = {**mine, screening_round.code: scan.token}
            return redirect("assessments:screening_step", token=scan.token, screen=1)
    return render(request, "assessments/screening.html", {"round": screening_round, "own": own})


def _own_screening(token):
    return get_object_or_404(
        Assessment.objects.select_related("version__question_set", "screening_round"),
        token=token,
        screening_round__isnull=False,
    )


@login_not_required
def screening_step(request, token, screen):
    scan = _own_screening(token)
    response = _run_screen(
        request,
        scan,
        screen,
        url=lambda n: reverse("assessments:screening_step", args=[token, n]),
        finish_url=reverse("assessments:screening_finish", args=[token]),
        back_url=reverse("assessments:screening", args=[scan.screening_round.code]),
    )
    return response or redirect("assessments:screening_result", token=token)


@login_not_required
def screening_finish(request, token):
    scan = _own_screening(token)
    if scan.is_completed:
        return redirect("assessments:screening_result", token=token)
    items, screens = _screens(scan)
    if request.method == "POST":
        try:
            services.complete(assessment=scan, by=None)
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("assessments:screening_result", token=token)
    return render(
        request,
        "assessments/screening_finish.html",
        {"scan": scan, "rows": services.item_rows(scan, items), "last_screen": screens[-1]},
    )


@login_not_required
def screening_result(request, token):
    """The staff member's own result: only whoever holds the private link sees it."""
    scan = _own_screening(token)
    if not scan.is_completed:
        return redirect("assessments:screening_finish", token=token)
    response = render(
        request,
        "assessments/screening_result.html",
        {"scan": scan, "areas": advice.area_results(scan)},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


# Question sets ------------------------------------------------------------------------


def question_sets(request):
    digibank = active_digibank(request, "assessment.manage")
    sets = (
        QuestionSet.objects.usable_in(digibank)
        .prefetch_related("versions")
        .order_by("digibank", "audience", "key")
    )
    return render(request, "assessments/question_sets.html", {"sets": sets, "digibank": digibank})


def _set_for_manager(request, queryset, pk):
    digibank = active_digibank(request, "assessment.manage")
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return digibank, obj


def version_detail(request, pk):
    digibank, version = _set_for_manager(
        request,
        QuestionSetVersion.objects.select_related("question_set").filter(
            question_set__in=QuestionSet.objects.usable_in(request.digibank)
        ),
        pk,
    )
    own = version.question_set.digibank_id == digibank.pk
    form = BandsForm(request.POST or None, initial=version.bands)
    if request.method == "POST" and own and form.is_valid():
        try:
            services.set_bands(version=version, bands=form.cleaned_data, by=request.user)
        except services.AssessmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The bands are saved."))
            return redirect("assessments:version", pk=version.pk)
    return render(
        request,
        "assessments/version.html",
        {
            "version": version,
            "items": version.items.all(),
            "form": form,
            "own": own,
            "editable": own and not version.is_published,
        },
    )


@require_POST
def version_action(request, pk):
    """Publish a draft, make a new draft version, or copy a default set."""
    digibank, version = _set_for_manager(
        request,
        QuestionSetVersion.objects.select_related("question_set").filter(
            question_set__in=QuestionSet.objects.usable_in(request.digibank)
        ),
        pk,
    )
    action = request.POST.get("action")
    try:
        if action == "publish" and version.question_set.digibank_id == digibank.pk:
            services.publish(version=version, by=request.user)
            messages.success(request, _("The version is published. It cannot change any more."))
            return redirect("assessments:version", pk=version.pk)
        if action == "new_version" and version.question_set.digibank_id == digibank.pk:
            draft = services.new_version(question_set=version.question_set, by=request.user)
            messages.success(request, _("A new draft version is made."))
            return redirect("assessments:version", pk=draft.pk)
        if action == "adopt" and version.question_set.digibank_id is None:
            own = services.adopt(
                question_set=version.question_set, digibank=digibank, by=request.user
            )
            messages.success(request, _("Your digibank has its own copy now, as a draft."))
            return redirect("assessments:version", pk=own.versions.get().pk)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessments:version", pk=version.pk)
    messages.error(request, _("This cannot be done with this version."))
    return redirect("assessments:version", pk=version.pk)


def item_edit(request, pk):
    digibank = active_digibank(request, "assessment.manage")
    item = get_object_or_404(
        Item.objects.select_related("version__question_set"),
        pk=pk,
        version__question_set__digibank=digibank,
    )
    if item.version.is_published:
        messages.error(request, _("A published version cannot be changed. Make a new version."))
        return redirect("assessments:version", pk=item.version_id)
    form = ItemTextForm(request.POST or None, initial=item.text)
    if request.method == "POST" and form.is_valid():
        services.set_item_text(item=item, text=form.cleaned_data, by=request.user)
        messages.success(request, _("The question is saved."))
        return redirect("assessments:version", pk=item.version_id)
    return render(request, "assessments/item_form.html", {"item": item, "form": form})


def item_create(request, pk):
    """Add a question to a draft version of the digibank's own question set."""
    digibank = active_digibank(request, "assessment.manage")
    version = get_object_or_404(
        QuestionSetVersion.objects.select_related("question_set"),
        pk=pk,
        question_set__digibank=digibank,
    )
    if version.is_published:
        messages.error(request, _("A published version cannot be changed. Make a new version."))
        return redirect("assessments:version", pk=version.pk)
    last_screen = max(version.screens(), default=0)
    form = NewItemForm(request.POST or None, initial={"screen": max(last_screen, 1)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_item(
                version=version,
                by=request.user,
                kind=data["kind"],
                area=data["area"],
                screen=data["screen"],
                skill=data["skill"],
                text={lang: data[lang] for lang in ("nl", "fr", "en")},
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The question is added."))
            return redirect("assessments:version", pk=version.pk)
    return render(
        request,
        "assessments/item_create.html",
        {"version": version, "form": form, "last_screen": last_screen},
    )


@require_POST
def item_action(request, pk):
    """Move a question up or down in its screen, or take it out of a draft version."""
    digibank = active_digibank(request, "assessment.manage")
    item = get_object_or_404(
        Item.objects.select_related("version__question_set"),
        pk=pk,
        version__question_set__digibank=digibank,
    )
    action = request.POST.get("action")
    try:
        if action in ("up", "down"):
            services.move_item(item=item, by=request.user, up=action == "up")
        elif action == "remove":
            services.remove_item(item=item, by=request.user)
            messages.success(request, _("The question is taken out of this version."))
        else:
            messages.error(request, _("This cannot be done with this question."))
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("assessments:version", args=[item.version_id]) + "#questions")
