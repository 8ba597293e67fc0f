"""Trainings: the catalogue, sessions, registration on someone's behalf, the waiting
list, attendance on a tablet, the call list, certificates and figures."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.audit import services as audit
from digibank.core import stats, xlsx
from digibank.core.forms import PeriodForm
from digibank.core.pdf import pdf_response, render_pdf
from digibank.core.tenancy import active_digibank, get_for_user_or_404, require
from digibank.people.models import Person
from digibank.trainings import figures as training_figures
from digibank.trainings import repairs, services
from digibank.trainings.forms import (
    CancelForm,
    CatalogueFilterForm,
    CourseForm,
    MoveMeetingForm,
    PersonSearchForm,
    RegisterForm,
    SessionForm,
)
from digibank.trainings.models import (
    AttendanceStatus,
    Course,
    Notification,
    Registration,
    RegistrationStatus,
    Session,
)


def _int(value) -> int:
    """A posted id, or 0 for anything that is not one (0 matches no row)."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def catalogue(request):
    digibank = active_digibank(request, "training.view")
    form = CatalogueFilterForm(request.GET or None)
    courses = Course.objects.for_user(request.user).filter(digibank=digibank)
    if form.is_valid():
        if form.cleaned_data.get("topic"):
            courses = courses.filter(topic=form.cleaned_data["topic"])
        if form.cleaned_data.get("level"):
            courses = courses.filter(level=form.cleaned_data["level"])
    courses = courses.order_by("-is_active", "title", "pk")
    page = Paginator(courses, 25).get_page(request.GET.get("page"))
    upcoming = (
        Session.objects.for_user(request.user)
        .filter(digibank=digibank)
        .upcoming()
        .with_counts()
        .select_related("course", "location")
        .order_by("first_starts_at", "pk")[:10]
    )
    return render(
        request,
        "trainings/catalogue.html",
        {"form": form, "page_obj": page, "upcoming": upcoming},
    )


def course_create(request):
    digibank = active_digibank(request, "training.manage")
    form = CourseForm(request.POST or None, initial={"languages": ["nl"]})
    if request.method == "POST" and form.is_valid():
        try:
            course = services.save_course(
                digibank=digibank, by=request.user, data=form.cleaned_data
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The course is in the catalogue."))
            return redirect(course)
    return render(request, "trainings/course_form.html", {"form": form})


def course_detail(request, pk):
    course = get_for_user_or_404(Course, request.user, pk=pk)
    sessions = (
        course.sessions.with_counts()
        .select_related("location", "trainer")
        .order_by("-first_starts_at", "-pk")
    )
    page = Paginator(sessions, 20).get_page(request.GET.get("page"))
    context = {"course": course, "page_obj": page}
    if course.technical_track:
        context["repairs"] = repairs.for_course(course)
    return render(request, "trainings/course_detail.html", context)


def course_edit(request, pk):
    course = get_for_user_or_404(Course, request.user, "training.manage", pk=pk)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_course(
                digibank=course.digibank, by=request.user, data=form.cleaned_data, course=course
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(course)
    return render(request, "trainings/course_form.html", {"form": form, "course": course})


def session_list(request):
    digibank = active_digibank(request, "training.view")
    past = request.GET.get("when") == "past"
    sessions = Session.objects.for_user(request.user).filter(digibank=digibank)
    if past:
        sessions = sessions.filter(last_ends_at__lt=timezone.now()).order_by(
            "-first_starts_at", "-pk"
        )
    else:
        sessions = sessions.filter(last_ends_at__gte=timezone.now()).order_by(
            "first_starts_at", "pk"
        )
    sessions = sessions.with_counts().select_related("course", "location", "trainer")
    page = Paginator(sessions, 25).get_page(request.GET.get("page"))
    return render(request, "trainings/session_list.html", {"page_obj": page, "past": past})


def session_create(request, course_pk):
    course = get_for_user_or_404(Course, request.user, "training.manage", pk=course_pk)
    initial = {
        "meetings": course.meetings_count,
        "language": course.languages[0] if course.languages else "nl",
        "capacity": 10,
    }
    form = SessionForm(request.POST or None, digibank=course.digibank, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.plan_session(
                course=course,
                by=request.user,
                location=data["location"],
                trainer=data["trainer"],
                capacity=data["capacity"],
                language=data["language"],
                note=data["note"],
                meetings=services.weekly_meetings(
                    first_day=data["first_day"],
                    start=data["start_time"],
                    end=data["end_time"],
                    count=data["meetings"],
                ),
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session is planned."))
            return redirect(session)
    return render(request, "trainings/session_form.html", {"form": form, "course": course})


def _session(request, pk, action=None):
    return get_for_user_or_404(
        Session.objects.select_related("course", "location__municipality", "trainer", "digibank"),
        request.user,
        action,
        pk=pk,
    )


def session_detail(request, pk):
    session = _session(request, pk)
    registrations = list(
        session.registrations.select_related("person", "registered_by")
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT))
        )
        .order_by("waiting_since", "registered_at", "pk")
    )
    # Who saw which participant is logged per person, in one insert.
    audit.record_many(
        actor=request.user,
        action="view",
        targets=[r.person for r in registrations],
        note=f"participants {session.reference}",
    )
    meetings = _meetings_with_actions(session)
    context = {
        "session": session,
        "meetings": meetings,
        "certificate_from": session.certificate_threshold(
            sum(1 for meeting in meetings if not meeting.is_cancelled)
        ),
        "confirmed": [r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        "cancelled": [r for r in registrations if r.status == RegistrationStatus.CANCELLED],
        "calls": services.calls_to_make(digibank=session.digibank, session=session).count(),
    }
    context["free"] = max(0, session.capacity - len(context["confirmed"]))
    if session.course.technical_track:
        context["repairs"] = repairs.for_session(session)
    return render(request, "trainings/session_detail.html", context)


def _meetings_with_actions(session) -> list:
    """The session's meetings with what may be done with each (rules on ``Meeting``)."""
    meetings = list(session.meetings.all())
    several = sum(1 for meeting in meetings if not meeting.is_cancelled) > 1
    for meeting in meetings:
        # The last meeting that still takes place is not called off: the session is.
        meeting.may_call_off = meeting.may_change and several
    return meetings


def meeting_move(request, pk, meeting_pk):
    """Move one meeting of the series; everyone with a seat is told the new time."""
    session = _session(request, pk, "training.manage")
    meeting = get_object_or_404(session.meetings.planned(), pk=meeting_pk)
    local_start = timezone.localtime(meeting.starts_at)
    initial = {
        "day": local_start.date(),
        "start_time": local_start.time(),
        "end_time": timezone.localtime(meeting.ends_at).time(),
    }
    form = MoveMeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            told = services.move_meeting(
                meeting=meeting,
                by=request.user,
                day=data["day"],
                start=data["start_time"],
                end=data["end_time"],
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The meeting is moved. %(count)d person is told the new time.",
                    "The meeting is moved. %(count)d people are told the new time.",
                    told,
                )
                % {"count": told},
            )
            return redirect(session)
    return render(
        request,
        "trainings/meeting_move.html",
        {"session": session, "meeting": meeting, "form": form},
    )


def meeting_cancel(request, pk, meeting_pk):
    """Call off one meeting of the series; everyone with a seat is told."""
    session = _session(request, pk, "training.manage")
    meeting = get_object_or_404(session.meetings, pk=meeting_pk)
    if meeting.is_cancelled:
        messages.info(request, _("This meeting was already called off."))
        return redirect(session)
    if request.method == "POST":
        try:
            told = services.cancel_meeting(meeting=meeting, by=request.user)
        except services.TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The meeting is called off. %(count)d person is told.",
                    "The meeting is called off. %(count)d people are told.",
                    told,
                )
                % {"count": told},
            )
        return redirect(session)
    return render(
        request, "trainings/meeting_cancel.html", {"session": session, "meeting": meeting}
    )


def session_edit(request, pk):
    session = _session(request, pk, "training.manage")
    if session.is_cancelled:
        messages.error(request, _("This session is cancelled and can no longer be changed."))
        return redirect(session)
    initial = {
        "location": session.location,
        "trainer": session.trainer,
        "capacity": session.capacity,
        "language": session.language,
        "note": session.note,
    }
    form = SessionForm(
        request.POST or None, digibank=session.digibank, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            promoted = services.update_session(
                session=session,
                by=request.user,
                capacity=data["capacity"],
                location=data["location"],
                trainer=data["trainer"],
                language=data["language"],
                note=data["note"],
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The changes are saved."))
            _tell_promoted(request, promoted)
            return redirect(session)
    return render(
        request,
        "trainings/session_form.html",
        {"form": form, "course": session.course, "session": session},
    )


def _tell_promoted(request, promoted):
    for registration in promoted:
        messages.info(
            request,
            _("%(name)s got a seat from the waiting list and will be told.")
            % {"name": registration.person},
        )


def session_cancel(request, pk):
    session = _session(request, pk, "training.manage")
    if session.is_cancelled:
        messages.info(request, _("This session was already cancelled."))
        return redirect(session)
    if request.method == "POST":
        try:
            told = services.cancel_session(session=session, by=request.user)
        except services.TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The session is cancelled. %(count)s people will be told.") % {"count": told},
            )
        return redirect(session)
    return render(request, "trainings/session_cancel.html", {"session": session})


def session_register(request, pk):
    """Staff or a volunteer registers a person on their behalf (find, then register)."""
    session = _session(request, pk, "training.register")
    search = PersonSearchForm(request.GET or None)
    people = Person.objects.none()
    if search.is_valid() and search.cleaned_data["q"]:
        people = (
            Person.objects.for_user(request.user)
            .filter(digibank=session.digibank)
            .active()
            .search(search.cleaned_data["q"])
            .select_related("municipality")
            .order_by("search_name", "pk")[:20]
        )
    form = RegisterForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            person = get_for_user_or_404(
                Person.objects.filter(digibank=session.digibank),
                request.user,
                pk=form.cleaned_data["person"],
            )
            try:
                registration = services.register(
                    person, session, by=request.user, channel=form.cleaned_data["channel"]
                )
            except services.TrainingError as error:
                messages.error(request, str(error))
            else:
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("%(name)s has a seat.") % {"name": person})
                else:
                    messages.warning(
                        request,
                        _("The session is full. %(name)s is on the waiting list.")
                        % {"name": person},
                    )
                return redirect(session)
        else:
            messages.error(request, _("Choose a person from the list."))
    return render(
        request,
        "trainings/session_register.html",
        {
            "session": session,
            "search": search,
            "people": people,
            "form": form,
            "full": session.registrations.confirmed().count() >= session.capacity,
        },
    )


def registration_cancel(request, pk):
    registration = get_for_user_or_404(
        Registration.objects.select_related("person", "session__course"),
        request.user,
        "training.register",
        pk=pk,
    )
    session = registration.session
    if not registration.is_active:
        messages.info(request, _("This registration was already cancelled."))
        return redirect(session)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.cancel_registration(
                registration, by=request.user, side=form.cleaned_data["side"]
            )
        except services.TrainingError as error:
            messages.error(request, str(error))
        else:
            if services.is_told_of_cancellation(session, form.cleaned_data["side"]):
                done = _("The registration of %(name)s is cancelled. %(name)s will be told.")
            else:
                done = _("The registration of %(name)s is cancelled.")
            messages.success(request, done % {"name": registration.person})
            _tell_promoted(request, promoted)
        return redirect(session)
    return render(
        request,
        "trainings/registration_cancel.html",
        {"registration": registration, "session": session, "form": form},
    )


def attendance(request, pk, meeting_pk):
    """One screen per meeting for a tablet in the room: tap a name's button to mark it.

    Without JavaScript every tap is a small form post that comes back to this page; htmx
    swaps only the row.
    """
    session = _session(request, pk, "attendance.take")
    meeting = get_object_or_404(session.meetings.planned(), pk=meeting_pk)
    registrations = (
        session.registrations.confirmed()
        .select_related("person")
        .order_by("person__search_name", "pk")
    )
    if request.method == "POST":
        if request.POST.get("all_absent"):
            marked = 0
            for registration in registrations.exclude(attendances__meeting=meeting):
                try:
                    services.mark_attendance(
                        registration=registration,
                        meeting=meeting,
                        status=AttendanceStatus.ABSENT,
                        by=request.user,
                    )
                except services.TrainingError as error:
                    messages.error(request, str(error))
                    break
                marked += 1
            if marked:
                messages.success(
                    request, _("%(count)s people marked as not come.") % {"count": marked}
                )
            return redirect(request.path)
        registration = registrations.filter(pk=_int(request.POST.get("registration"))).first()
        error = None
        if registration is None:
            error = _("This person has no seat in this session.")
        else:
            try:
                services.mark_attendance(
                    registration=registration,
                    meeting=meeting,
                    status=request.POST.get("status", ""),
                    by=request.user,
                )
            except services.TrainingError as exc:
                error = str(exc)
        if request.htmx and registration is not None:
            row = _attendance_rows(registrations.filter(pk=registration.pk), meeting)[0]
            return render(
                request,
                "trainings/partials/attendance_row.html",
                {"row": row, "session": session, "meeting": meeting, "error": error},
            )
        if error:
            messages.error(request, error)
        anchor = f"#row-{registration.pk}" if registration else ""
        return redirect(request.path + anchor)
    rows = _attendance_rows(registrations, meeting)
    audit.record_many(
        actor=request.user,
        action="view",
        targets=[row["registration"].person for row in rows],
        note=f"attendance {session.reference}",
    )
    counts = {status: 0 for status in AttendanceStatus.values}
    for row in rows:
        if row["status"]:
            counts[row["status"]] += 1
    return render(
        request,
        "trainings/attendance.html",
        {
            "session": session,
            "meeting": meeting,
            "rows": rows,
            "counts": counts,
            "unmarked": sum(1 for row in rows if not row["status"]),
            "statuses": AttendanceStatus.choices,
        },
    )


def _attendance_rows(registrations, meeting) -> list[dict]:
    from digibank.trainings.models import Attendance

    registrations = registrations.prefetch_related(
        Prefetch(
            "attendances",
            queryset=Attendance.objects.filter(meeting=meeting),
            to_attr="marks",
        )
    )
    return [
        {"registration": r, "status": r.marks[0].status if r.marks else ""} for r in registrations
    ]


def _mark_called(request, notifications):
    """The "Called" button of a call list: ``notifications`` is the list's scope."""
    notification = get_object_or_404(
        notifications.select_related("registration"), pk=_int(request.POST.get("notification"))
    )
    if services.mark_called(notification=notification, by=request.user):
        messages.success(request, _("Marked as called."))


def call_list(request, pk):
    """A printable list of one session's people without e-mail to phone, with what to
    tell them; also after the session is cancelled, to pass the news on."""
    session = _session(request, pk, "training.register")
    if request.method == "POST":
        _mark_called(request, Notification.objects.filter(registration__session=session))
        return redirect(request.path)
    calls = list(services.calls_to_make(digibank=session.digibank, session=session))
    upcoming = session.meetings.planned().filter(starts_at__gte=timezone.now()).first()
    without_email = []
    if not session.is_cancelled:
        without_email = [
            r
            for r in session.registrations.confirmed().select_related("person")
            if not services.reachable_by_email(r.person)
        ]
    audit.record_many(
        actor=request.user,
        action="view",
        targets=[n.registration.person for n in calls] + [r.person for r in without_email],
        note=f"call list {session.reference}",
    )
    return render(
        request,
        "trainings/call_list.html",
        {
            "session": session,
            "calls": calls,
            "without_email": without_email,
            "next_meeting": upcoming,
        },
    )


CALLS_PER_PAGE = 50


def calls(request):
    """Every message of the digibank's trainings still to pass on by phone: a seat from
    the waiting list, reminders and cancellations. Printable; "Called" marks one done."""
    digibank = active_digibank(request, "training.register")
    if request.method == "POST":
        _mark_called(request, Notification.objects.filter(registration__digibank=digibank))
        return redirect(request.get_full_path())
    to_call = services.calls_to_make(digibank=digibank)
    page = Paginator(to_call, CALLS_PER_PAGE).get_page(request.GET.get("page"))
    audit.record_many(
        actor=request.user,
        action="view",
        targets=[n.registration.person for n in page.object_list],
        note="training call list",
    )
    return render(request, "trainings/calls.html", {"page_obj": page})


def certificate(request, pk):
    registration = get_for_user_or_404(
        Registration.objects.select_related(
            "person", "session__course", "session__location__municipality", "session__digibank"
        ),
        request.user,
        pk=pk,
    )
    check = services.certificate_check(registration)
    if not check.possible:
        messages.error(request, check.reason)
        return redirect(registration.session)
    person = registration.person
    session = registration.session
    meetings = list(session.meetings.planned())
    attended = [a.meeting for a in registration.attendances.counted().select_related("meeting")]
    audit.record(actor=request.user, action="export", target=registration, note="certificate")
    pdf = render_pdf(
        "trainings/certificate.html",
        {
            "person": person,
            "session": session,
            "course": session.course,
            "meetings": meetings,
            "attended": attended,
            "hours": round(sum(m.hours for m in attended), 1),
            "issued_on": timezone.localdate(),
        },
        language=person.document_language,
    )
    return pdf_response(pdf, f"certificate-{person.reference}-{session.reference}.pdf")


def figures(request):
    digibank = active_digibank(request, "figures.view")
    require(request.user, "training.view", digibank)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A wrong period shows what to correct; no figures (and no Excel file) for
        # another period than the one asked for.
        return render(request, "trainings/figures.html", {"form": form, "figures": None})
    period = form.cleaned_data if form.is_bound else {}
    result = training_figures.compute(
        digibank=digibank, start=period.get("start"), end=period.get("end")
    )
    if request.GET.get("format") == "xlsx":
        return _figures_xlsx(result)
    return render(request, "trainings/figures.html", {"form": form, "figures": result})


def _figures_xlsx(result):
    note = _("Groups of fewer than 5 people are left empty to protect privacy.")
    totals = [
        (_("People trained"), stats.sheet_value(result.people_trained)),
        (_("Sessions"), result.sessions),
        (_("Meetings held"), result.meetings),
        (_("Hours of training"), result.training_hours),
        (_("Hours followed by participants"), result.participant_hours),
        (_("Attendance rate"), result.attendance_rate),
        (_("People on a waiting list"), stats.sheet_value(result.waiting)),
        (_("People trained in technical skills"), stats.sheet_value(result.technical_people)),
        (_("Repairs by trainees"), result.repairs),
        (_("Devices repaired by trainees"), result.repaired_devices),
        (_("Hours of repair work"), result.repair_hours),
    ]
    return xlsx.workbook_response(
        "digibank-trainings.xlsx",
        [
            xlsx.Sheet(
                _("Trainings"),
                [xlsx.Column(_("Figure"), width=40), xlsx.Column(_("Value"), "decimal")],
                totals,
                notes=[note],
            ),
            xlsx.Sheet(
                _("Per target group"),
                [
                    xlsx.Column(_("Target group"), width=40),
                    xlsx.Column(_("People trained"), "int"),
                    xlsx.Column(_("Attendance rate"), "percent"),
                    xlsx.Column(_("People waiting"), "int"),
                ],
                [
                    (
                        g.label,
                        stats.sheet_value(g.people),
                        g.attendance_rate,
                        stats.sheet_value(g.waiting),
                    )
                    for g in result.by_group
                ],
                notes=[note],
            ),
        ],
    )
