"""Helpdesk pages: register a contact in two screens (plus the result), contacts, the
professionals' handover queue, topics, slots and bookings, the live queue, figures."""

import datetime
import secrets

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.accounts import permissions
from digibank.audit import services as audit
from digibank.core.ids import parse_id
from digibank.core.pagination import DeferredJoinPaginator
from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.geo.models import Municipality
from digibank.helpdesk import figures, services
from digibank.helpdesk.forms import (
    BookingForm,
    BookingStatusForm,
    FiguresForm,
    HandoverCloseForm,
    QueueJoinForm,
    SlotGenerateForm,
    TopicForm,
    WhatForm,
    WhoWhereForm,
)
from digibank.helpdesk.models import (
    Booking,
    Channel,
    Contact,
    Handover,
    QueueEntry,
    QueueStatus,
    Slot,
    Topic,
)
from digibank.people.models import Person, TargetGroup

STEP1_SALT = "helpdesk.contact.step1"


# --- Registering a contact ---------------------------------------------------------------


LAST_PLACE = "helpdesk_last_place"


def contact_create(request):
    """Screen 1 (who and where) and screen 2 (what and how it ended) of a registration."""
    digibank = active_digibank(request, "helpdesk.register")
    people = Person.objects.for_user(request.user).filter(digibank=digibank).active()
    if request.method == "POST" and request.POST.get("step") == "2":
        return _step_two(request, digibank, people)
    initial = {}
    last = request.session.get(LAST_PLACE) or {}
    if last.get("channel") in Channel.values:
        initial["channel"] = last["channel"]
    if last.get("location") and digibank.locations.filter(pk=last["location"]).exists():
        initial["location"] = last["location"]
    if request.method == "GET" and parse_id(request.GET.get("person")):
        chosen = people.filter(pk=parse_id(request.GET["person"])).first()
        if chosen:
            initial |= {"who": WhoWhereForm.REGISTERED, "person_query": chosen.reference}
    candidates = []
    if request.method == "POST":
        query = request.POST.get("person_query", "")[:120]
        if request.POST.get("who") == WhoWhereForm.REGISTERED and query.strip():
            candidates = list(people.search(query).order_by("search_name", "pk")[:10])
    form = WhoWhereForm(request.POST or None, initial=initial, digibank=digibank, people=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["who"] == WhoWhereForm.REGISTERED:
            chosen = data.get("person")
            by_id = {p.pk: p for p in candidates}
            if chosen in by_id:
                person = by_id[chosen]
            elif len(candidates) == 1:
                person = candidates[0]
            elif not candidates:
                form.add_error(
                    "person_query",
                    _("Nobody found. Check the spelling, or register as an anonymous walk-in."),
                )
            else:
                form.add_error("person", _("Several people match. Choose one."))
        if not form.errors:
            step1 = {
                # One key per form: a second submit of screen 2 finds the first contact.
                "key": secrets.token_urlsafe(16),
                "occurred_on": data["occurred_on"].isoformat(),
                "channel": data["channel"],
                "location": data["location"].pk if data["location"] else None,
                "person": person.pk if person else None,
                "municipality": (
                    data["municipality"].pk if data["municipality"] and not person else None
                ),
                "target_group": (
                    data["target_group"].pk if data["target_group"] and not person else None
                ),
            }
            what = WhatForm(digibank=digibank, user=request.user)
            return _render_step_two(request, what, step1, person)
    return render(request, "helpdesk/contact_step1.html", {"form": form})


def _render_step_two(request, form, step1, person):
    location = None
    if step1["location"]:
        location = request.digibank.locations.filter(pk=step1["location"]).first()
    context = {
        "form": form,
        "step1_token": signing.dumps(step1, salt=STEP1_SALT),
        "step1": step1,
        "person": person,
        "channel_label": Channel(step1["channel"]).label,
        "location": location,
        "may_take_sensitive": services.may_take_sensitive(
            user=request.user, digibank=request.digibank
        ),
    }
    return render(request, "helpdesk/contact_step2.html", context)


def _step_two(request, digibank, people):
    try:
        step1 = signing.loads(request.POST.get("step1", ""), salt=STEP1_SALT, max_age=6 * 3600)
    except signing.BadSignature:
        messages.error(request, _("The first screen has expired. Please start again."))
        return redirect("helpdesk:contact_create")
    person = None
    if step1.get("person"):
        person = people.filter(pk=step1["person"]).first()
        if person is None:
            raise Http404
    form = WhatForm(request.POST, digibank=digibank, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = services.register_contact(
                digibank=digibank,
                by=request.user,
                occurred_on=datetime.date.fromisoformat(step1["occurred_on"]),
                channel=step1["channel"],
                location=digibank.locations.filter(pk=step1["location"]).first()
                if step1.get("location")
                else None,
                person=person,
                walk_in_municipality=Municipality.objects.filter(pk=step1["municipality"]).first()
                if step1.get("municipality")
                else None,
                walk_in_target_group=TargetGroup.objects.filter(pk=step1["target_group"]).first()
                if step1.get("target_group")
                else None,
                topics=data["topics"],
                help_kind=data["help_kind"],
                minutes=data["minutes"],
                outcome=data["outcome"],
                can_do_alone=data["can_do_alone"],
                helped_by=data["helped_by"],
                notes=data["notes"],
                registration_key=str(step1.get("key", "")),
            )
        except services.HelpdeskError as exc:
            form.add_error(None, str(exc))
        else:
            if result.replayed:
                messages.info(request, _("This contact was already saved."))
            # The next visitor is usually at the same desk: start from the same place.
            request.session[LAST_PLACE] = {
                "channel": step1["channel"],
                "location": step1["location"],
            }
            return redirect("helpdesk:registered", pk=result.contact.pk)
    return _render_step_two(request, form, step1, person)


def _guides(contact, user) -> list:
    """Guides about the contact's topics, for who may read guides."""
    if not permissions.can(user, "knowledge.view", contact.digibank_id):
        return []
    from digibank.knowledge.services import guides_for_topics

    return guides_for_topics(digibank=contact.digibank, topics=contact.topics.all())


def contact_registered(request, pk):
    """Screen 3: the contact is saved; routed questions say why and where they went."""
    contact = get_for_user_or_404(
        Contact.objects.select_related("person", "location").prefetch_related("topics"),
        request.user,
        "helpdesk.register",
        pk=pk,
    )
    handover = Handover.objects.filter(contact=contact).first()
    routed = [t for t in contact.topics.all() if t.is_sensitive] if handover else []
    referral_url = _referral_url(contact, request.user)
    return render(
        request,
        "helpdesk/contact_registered.html",
        {
            "contact": contact,
            "handover": handover,
            "routed": routed,
            "routed_names": ", ".join(t.name for t in routed),
            "referral_url": referral_url,
            "guides": _guides(contact, request.user),
        },
    )


def _referral_url(contact, user):
    """The referrals module's form for this contact, for users who may refer."""
    from django.urls import NoReverseMatch

    if contact.person_id is None:
        return ""
    if not permissions.can(user, "referral.manage", contact.digibank_id):
        return ""
    try:
        return reverse("referrals:create") + f"?contact={contact.pk}"
    except NoReverseMatch:
        return ""


# --- Contacts ------------------------------------------------------------------------------


def contact_list(request):
    digibank = active_digibank(request, "helpdesk.view")
    contacts = (
        Contact.objects.for_user(request.user)
        .filter(digibank=digibank)
        .with_visible_notes(request.user)
        .select_related("person", "location", "helped_by", "handover")
        .prefetch_related("topics")
        .order_by("-occurred_on", "-pk")
    )
    topic = parse_id(request.GET.get("topic"))
    channel = request.GET.get("channel", "")
    if topic:
        contacts = contacts.filter(topics__pk=topic)
    if channel in Channel.values:
        contacts = contacts.filter(channel=channel)
    page = DeferredJoinPaginator(contacts, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "helpdesk/contact_list.html",
        {
            "page_obj": page,
            "topics": Topic.objects.available_in(digibank).active(),
            "channels": Channel.choices,
            "chosen_topic": topic,
            "chosen_channel": channel,
            "may_register": permissions.can(request.user, "helpdesk.register", digibank),
        },
    )


def contact_detail(request, pk):
    contact = get_for_user_or_404(
        Contact.objects.with_visible_notes(request.user)
        .select_related("person", "location", "helped_by", "created_by", "walk_in_municipality")
        .prefetch_related("topics"),
        request.user,
        pk=pk,
    )
    if contact.is_sensitive:
        # The volunteer rule, by URL too: only professionals open sensitive contacts.
        require(request.user, "helpdesk.view_sensitive", contact.digibank_id)
    audit.record(actor=request.user, action="view", target=contact)
    handover = Handover.objects.filter(contact=contact).select_related("taken_by").first()
    return render(
        request,
        "helpdesk/contact_detail.html",
        {
            "contact": contact,
            "handover": handover,
            "referral_url": "" if contact.referred_at else _referral_url(contact, request.user),
            "guides": _guides(contact, request.user),
        },
    )


# --- Handovers to professionals ------------------------------------------------------------


def handover_list(request):
    digibank = active_digibank(request, "helpdesk.view_sensitive")
    handovers = (
        Handover.objects.for_user(request.user)
        .filter(digibank=digibank)
        .open()
        .select_related("contact__person", "contact__helped_by", "taken_by")
        .prefetch_related("contact__topics")
        .order_by("created_at", "pk")
    )
    page = Paginator(handovers, 25).get_page(request.GET.get("page"))
    referral_base = ""
    if permissions.can(request.user, "referral.manage", digibank):
        from django.urls import NoReverseMatch

        try:
            referral_base = reverse("referrals:create")
        except NoReverseMatch:
            referral_base = ""
    appointments = (
        Booking.objects.for_user(request.user, "helpdesk.view_sensitive")
        .filter(digibank=digibank)
        .for_professionals()
        .select_related("slot__location", "person", "topic", "booked_by")
        .order_by("slot__starts_at", "pk")[:50]
    )
    # The people on this page (sensitive questions), logged in one insert.
    people = [h.contact.person for h in page.object_list if h.contact.person_id]
    people += [b.person for b in appointments]
    audit.record_many(actor=request.user, action="view", targets=people, note="handovers")
    return render(
        request,
        "helpdesk/handover_list.html",
        {
            "page_obj": page,
            "close_form": HandoverCloseForm(),
            "referral_base": referral_base,
            "appointments": appointments,
        },
    )


@require_POST
def handover_take(request, pk):
    handover = get_for_user_or_404(Handover, request.user, pk=pk)
    try:
        services.take_handover(handover=handover, by=request.user)
    except services.HelpdeskError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You took this question."))
    return redirect("helpdesk:handovers")


@require_POST
def handover_close(request, pk):
    handover = get_for_user_or_404(Handover, request.user, pk=pk)
    form = HandoverCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return redirect("helpdesk:handovers")
    try:
        services.close_handover(
            handover=handover,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            can_do_alone=form.cleaned_data["can_do_alone"],
        )
    except services.HelpdeskError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The question is done."))
    return redirect("helpdesk:handovers")


# --- Topics ------------------------------------------------------------------------------


def topic_list(request):
    digibank = active_digibank(request, "helpdesk.manage")
    topics = Topic.objects.available_in(digibank).annotate(
        used=Count("contacts", filter=Q(contacts__digibank=digibank))
    )
    return render(request, "helpdesk/topic_list.html", {"topics": topics, "digibank": digibank})


def topic_create(request):
    digibank = active_digibank(request, "helpdesk.manage")
    form = TopicForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        topic = form.save(commit=False)
        topic.digibank = digibank
        topic.code = _free_code(digibank, topic.name_en or topic.name_nl)
        topic.save()
        messages.success(request, _("The topic is added."))
        return redirect("helpdesk:topics")
    return render(request, "helpdesk/topic_form.html", {"form": form, "creating": True})


def _free_code(digibank, name):
    from django.utils.text import slugify

    base = (slugify(name) or "topic")[:30]
    code, n = base, 1
    while Topic.objects.filter(Q(digibank=digibank) | Q(digibank=None), code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def topic_edit(request, pk):
    digibank = active_digibank(request, "helpdesk.manage")
    # The common taxonomy is shared by every digibank: only local topics change here.
    topic = get_object_or_404(Topic, pk=pk, digibank=digibank)
    form = TopicForm(request.POST or None, instance=topic, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes are saved."))
        return redirect("helpdesk:topics")
    return render(
        request, "helpdesk/topic_form.html", {"form": form, "creating": False, "topic": topic}
    )


# --- Slots and bookings ----------------------------------------------------------------------


def slot_list(request):
    digibank = active_digibank(request, "helpdesk.view")
    slots = (
        Slot.objects.for_user(request.user)
        .filter(digibank=digibank, ends_at__gte=timezone.now() - datetime.timedelta(days=1))
        .select_related("location")
        .annotate(booked=Count("bookings", filter=~Q(bookings__status="cancelled")))
        .order_by("starts_at", "location__name")
    )
    location = parse_id(request.GET.get("location"))
    if location:
        slots = slots.filter(location_id=location)
    page = Paginator(slots, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "helpdesk/slot_list.html",
        {
            "page_obj": page,
            "locations": digibank.locations.filter(is_active=True),
            "chosen_location": location,
            "may_manage": permissions.can(request.user, "helpdesk.manage", digibank),
        },
    )


def slot_generate(request):
    digibank = active_digibank(request, "helpdesk.manage")
    form = SlotGenerateForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = services.create_slots(
                location=data["location"],
                by=request.user,
                start=data["start"],
                end=data["end"],
                minutes=data["minutes"],
                capacity=data["capacity"],
            )
        except services.HelpdeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(count)s new slots are ready.") % {"count": count})
            return redirect("helpdesk:slots")
    return render(request, "helpdesk/slot_generate.html", {"form": form})


def slot_detail(request, pk):
    slot = get_for_user_or_404(Slot.objects.select_related("location"), request.user, pk=pk)
    may_book = permissions.can(request.user, "helpdesk.register", slot.digibank_id)
    form = BookingForm(request.POST or None, digibank=slot.digibank)
    candidates = []
    if request.method == "POST":
        require(request.user, "helpdesk.register", slot.digibank_id)
        if form.is_valid():
            people = Person.objects.for_user(request.user).filter(digibank=slot.digibank).active()
            chosen = request.POST.get("person", "")
            candidates = list(people.search(form.cleaned_data["person_query"])[:10])
            by_id = {str(p.pk): p for p in candidates}
            person = by_id.get(chosen) or (candidates[0] if len(candidates) == 1 else None)
            if person is None and not candidates:
                form.add_error("person_query", _("Nobody found. Register the person first."))
            elif person is None:
                form.add_error("person_query", _("Several people match. Choose one."))
            else:
                try:
                    services.book_slot(
                        slot=slot, person=person, by=request.user, topic=form.cleaned_data["topic"]
                    )
                except services.HelpdeskError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request, _("%(name)s is booked.") % {"name": person.display_name}
                    )
                    return redirect("helpdesk:slot", pk=slot.pk)
    bookings = (
        Booking.objects.filter(slot=slot)
        .select_related("person", "topic")
        .annotate(
            no_shows=Count(
                "person__helpdesk_bookings",
                filter=Q(person__helpdesk_bookings__status="no_show"),
            )
        )
        .order_by("seat", "pk")
    )
    return render(
        request,
        "helpdesk/slot_detail.html",
        {
            "slot": slot,
            "form": form,
            "candidates": candidates if len(candidates) > 1 else [],
            "bookings": bookings,
            "may_book": may_book,
            "started": slot.starts_at <= timezone.now(),
            "status_choices": BookingStatusForm.base_fields["status"].choices,
        },
    )


@require_POST
def booking_status(request, pk):
    booking = get_for_user_or_404(Booking, request.user, "helpdesk.register", pk=pk)
    form = BookingStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happened."))
    else:
        try:
            services.set_booking_status(
                booking=booking, by=request.user, status=form.cleaned_data["status"]
            )
        except services.HelpdeskError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
    return redirect("helpdesk:slot", pk=booking.slot_id)


def call_list(request):
    """Appointments in the next two days of people without e-mail: to remind by phone."""
    digibank = active_digibank(request, "helpdesk.register")
    if request.method == "POST":
        booking = get_for_user_or_404(
            Booking.objects.filter(digibank=digibank),
            request.user,
            "helpdesk.register",
            pk=parse_id(request.POST.get("booking")) or 0,
        )
        if services.mark_called(booking=booking, by=request.user):
            messages.success(request, _("Marked as called."))
        return redirect("helpdesk:calls")
    calls = list(services.calls_to_make(digibank=digibank))
    # Phone numbers of citizens: who saw them is logged, in one insert.
    audit.record_many(
        actor=request.user, action="view", targets=[b.person for b in calls], note="call list"
    )
    return render(request, "helpdesk/call_list.html", {"calls": calls})


# --- The live queue --------------------------------------------------------------------------


def _queue_location(request, digibank):
    locations = digibank.locations.filter(is_active=True).order_by("-offers_helpdesk", "name")
    chosen = request.GET.get("location") or request.POST.get("location") or ""
    location = None
    if chosen.isdigit():
        location = locations.filter(pk=parse_id(chosen) or 0).first()
        if location is None:
            raise Http404
    return locations, location or locations.first()


def queue(request):
    """Today's walk-in queue. htmx refreshes the list every few seconds; without
    JavaScript the refresh button and plain forms do the same."""
    digibank = active_digibank(request, "helpdesk.view")
    locations, location = _queue_location(request, digibank)
    entries = []
    if location is not None:
        entries = list(
            QueueEntry.objects.for_user(request.user)
            .filter(location=location, day=timezone.localdate())
            .live()
            .select_related("topic", "helper")
            .order_by("arrived_at", "pk")
        )
    waiting = [e for e in entries if e.status == QueueStatus.WAITING]
    helping = [e for e in entries if e.status == QueueStatus.HELPING]
    context = {
        "locations": locations,
        "location": location,
        "waiting": waiting,
        "helping": helping,
        # Announced to screen readers after a refresh, only when it changed.
        "summary": _("Queue: waiting %(waiting)s, being helped %(helping)s.")
        % {"waiting": len(waiting), "helping": len(helping)},
        "refresh_seconds": max(1, settings.HELPDESK_QUEUE_REFRESH_SECONDS),
        "may_register": permissions.can(request.user, "helpdesk.register", digibank),
        "may_take_sensitive": services.may_take_sensitive(user=request.user, digibank=digibank),
        "form": QueueJoinForm(digibank=digibank),
        "now": timezone.localtime(),
    }
    template = "helpdesk/_queue.html" if request.htmx else "helpdesk/queue.html"
    return render(request, template, context)


@require_POST
def queue_join(request):
    digibank = active_digibank(request, "helpdesk.register")
    _locations, location = _queue_location(request, digibank)
    form = QueueJoinForm(request.POST, digibank=digibank)
    if location is None or not form.is_valid():
        messages.error(request, _("Check the name and the topic, and try again."))
    else:
        entry = services.join_queue(
            location=location,
            by=request.user,
            label=form.cleaned_data["label"],
            topic=form.cleaned_data["topic"],
        )
        messages.success(request, _("Number %(number)s is waiting.") % {"number": entry.number})
    suffix = f"?location={location.pk}" if location else ""
    return redirect(reverse("helpdesk:queue") + suffix)


@require_POST
def queue_move(request, pk):
    entry = get_for_user_or_404(QueueEntry, request.user, "helpdesk.register", pk=pk)
    status = request.POST.get("status", "")
    if status not in QueueStatus.values:
        messages.error(request, _("Choose what happened."))
    else:
        try:
            services.move_in_queue(entry=entry, by=request.user, status=status)
        except services.HelpdeskError as exc:
            messages.error(request, str(exc))
    if status == QueueStatus.DONE and request.POST.get("register"):
        suffix = f"?person={entry.person_id}" if entry.person_id else ""
        return redirect(reverse("helpdesk:contact_create") + suffix)
    return redirect(reverse("helpdesk:queue") + f"?location={entry.location_id}")


# --- Figures -----------------------------------------------------------------------------------


def figures_overview(request):
    digibank = active_digibank(request, "figures.view")
    form = FiguresForm(request.GET or None)
    start, end = figures.default_period()
    if form.is_valid():
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
    data = figures.compute(digibank=digibank, start=start, end=end)
    if request.GET.get("format") == "xlsx" and not form.errors:
        # Only for the period asked for: a wrong period shows its error instead.
        return figures.workbook(data, start=start, end=end)
    return render(
        request,
        "helpdesk/figures.html",
        {"form": form, "figures": data, "start": start, "end": end},
    )


def figures_export(request):
    digibank = active_digibank(request, "figures.view")
    form = FiguresForm(request.GET or None)
    start, end = figures.default_period()
    if form.is_valid():
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    if form.errors:
        # No file for another period than the one asked for: show what to correct.
        return redirect(reverse("helpdesk:figures") + "?" + request.GET.urlencode())
    return figures.export_services(digibank=digibank, start=start, end=end, fmt=fmt)
