"""Demo trainings: a catalogue after the sources' services (basic laptop use, smartphone,
itsme and Tax-on-web, online safety, repairing IT equipment), sessions at the demo
locations, and fictitious registrations with attendance.

Idempotent: courses are found by title, and a digibank whose demo courses already have
sessions gets no new ones, so running the demo again (on another day) adds nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from digibank.accounts.models import User
from digibank.digibanks.models import Location
from digibank.people.models import Person
from digibank.trainings import services
from digibank.trainings.models import (
    AttendanceStatus,
    Course,
    CourseFormat,
    Level,
    Session,
    Topic,
)

COURSES = [
    {
        "title": "Starten met de laptop",
        "description": "U leert de laptop aanzetten, de muis en het toetsenbord gebruiken, "
        "een programma openen en weer afsluiten. We gaan traag, en u oefent veel.",
        "topic": Topic.BASICS,
        "level": Level.STARTER,
        "languages": ["nl", "en"],
        "course_format": CourseFormat.GROUP,
        "meetings_count": 4,
        "meeting_minutes": 150,
        "accessibility_notes": "Cursus in grote letters. Het lokaal is zonder trappen.",
        "materials": "De digibank zorgt voor laptops. Brengt u uw eigen laptop mee? Graag!",
        "gives_certificate": True,
    },
    {
        "title": "Aan de slag met uw smartphone",
        "description": "Bellen, berichten sturen, foto's maken en apps installeren. "
        "U werkt met uw eigen smartphone.",
        "topic": Topic.SMARTPHONE,
        "level": Level.STARTER,
        "languages": ["nl", "fr"],
        "course_format": CourseFormat.GROUP,
        "meetings_count": 3,
        "meeting_minutes": 120,
        "materials": "Breng uw smartphone en de oplader mee.",
    },
    {
        "title": "itsme installeren en gebruiken",
        "description": "Samen zetten we itsme op uw smartphone. Daarna logt u ermee in bij "
        "de overheid en de bank.",
        "topic": Topic.ONLINE_SERVICES,
        "level": Level.BASIC,
        "languages": ["nl"],
        "course_format": CourseFormat.GROUP,
        "meetings_count": 1,
        "meeting_minutes": 120,
        "materials": "Breng uw smartphone, uw identiteitskaart en de pincode mee.",
    },
    {
        "title": "Tax-on-web met hulp",
        "description": "Een medewerker helpt u uw belastingaangifte online te bekijken en "
        "in te dienen via MyMinfin.",
        "topic": Topic.ONLINE_SERVICES,
        "level": Level.BASIC,
        "languages": ["nl", "fr"],
        "course_format": CourseFormat.ONE_TO_ONE,
        "meetings_count": 1,
        "meeting_minutes": 60,
        "materials": "Breng uw identiteitskaart en pincode mee, of itsme.",
    },
    {
        "title": "Veilig online",
        "description": "Hoe herkent u valse berichten (phishing)? Hoe kiest u een goed "
        "wachtwoord? Wat doet u als het misloopt?",
        "topic": Topic.SAFETY,
        "level": Level.BASIC,
        "languages": ["nl"],
        "course_format": CourseFormat.GROUP,
        "meetings_count": 2,
        "meeting_minutes": 120,
    },
    {
        "title": "Herstel van IT-materiaal",
        "description": "U leert laptops nakijken, onderdelen vervangen en toestellen veilig "
        "wissen. U werkt aan echte laptops die de digibank uitleent.",
        "topic": Topic.REPAIR,
        "level": Level.BASIC,
        "languages": ["nl"],
        "course_format": CourseFormat.GROUP,
        "meetings_count": 6,
        "meeting_minutes": 180,
        "materials": "De digibank zorgt voor gereedschap en onderdelen.",
        "gives_certificate": True,
        "technical_track": True,
    },
]

# digibank slug -> (location for group courses, location for the repair training)
PLACES = {
    "brugge-noord": ("Sociaal Huis Knokke-Heist", "Digipunt Blankenberge (bibliotheek)"),
    "brugge-centrum": ("Digipunt Biekorf", "Hersteldepot Brugge"),
    "brugge-west": ("Digipunt Oostkamp", "Digipunt Torhout"),
}

# (course title, weeks from now of the first meeting, weekday hour, seats, people to register)
PLAN = [
    ("Starten met de laptop", -5, 9, 8, 8),
    ("Starten met de laptop", 1, 13, 6, 9),  # full: three people wait
    ("Aan de slag met uw smartphone", -2, 14, 10, 7),
    ("itsme installeren en gebruiken", 0, 10, 8, 5),
    ("Veilig online", 2, 10, 12, 4),
    ("Herstel van IT-materiaal", -3, 13, 6, 5),
]


@transaction.atomic
def load(out, context: dict) -> dict:
    digibanks = context.get("digibanks") or {}
    created_sessions = 0
    for slug, digibank in digibanks.items():
        if slug not in PLACES:
            continue
        coordinator = User.objects.filter(
            memberships__digibank=digibank, memberships__role="coordinator"
        ).first()
        trainers = list(
            User.objects.filter(
                memberships__digibank=digibank,
                memberships__role__in=["staff", "volunteer", "coordinator"],
            ).order_by("email")
        )
        courses = {}
        for spec in COURSES:
            course, _created = Course.objects.get_or_create(
                digibank=digibank, title=spec["title"], defaults=spec
            )
            courses[spec["title"]] = course
        group_place = Location.objects.filter(digibank=digibank, name=PLACES[slug][0]).first()
        repair_place = Location.objects.filter(digibank=digibank, name=PLACES[slug][1]).first()
        if not group_place or not repair_place:
            continue
        if Session.objects.filter(course__in=courses.values()).exists():
            continue
        people = list(Person.objects.filter(digibank=digibank).active().order_by("pk"))
        rng = random.Random(f"trainings-{slug}")
        for index, (title, weeks, hour, seats, count) in enumerate(PLAN):
            course = courses[title]
            created_sessions += 1
            _plan(
                course=course,
                location=repair_place if course.technical_track else group_place,
                trainer=trainers[index % len(trainers)] if trainers else None,
                coordinator=coordinator,
                weeks=weeks,
                hour=hour,
                seats=seats,
                people=rng.sample(people, min(count, len(people))),
                rng=rng,
            )
    out.write(f"trainings: {created_sessions} demo sessions added")
    return {}


def _plan(*, course, location, trainer, coordinator, weeks, hour, seats, people, rng):
    today = timezone.localdate()
    # The first meeting on a weekday of the chosen week (Tuesday, or today this week).
    first_day = today + datetime.timedelta(weeks=weeks, days=(1 - today.weekday()) % 7)
    if weeks == 0:
        first_day = today
    meetings = services.weekly_meetings(
        first_day=first_day,
        start=datetime.time(hour, 0),
        end=(
            datetime.datetime.combine(first_day, datetime.time(hour, 0))
            + datetime.timedelta(minutes=course.meeting_minutes)
        ).time(),
        count=course.meetings_count,
    )
    # Sessions in the past are planned as if it were then: registration comes first.
    session = services.plan_session(
        course=course,
        by=coordinator,
        location=location,
        trainer=trainer,
        capacity=seats,
        meetings=meetings,
        language=course.languages[0],
    )
    if session.has_ended:
        # Registration closes when a session is over; open it for the demo's history.
        session.last_ends_at = timezone.now() + datetime.timedelta(minutes=5)
        session.save(update_fields=["last_ends_at"])
    registrations = [
        services.register(person, session, by=coordinator, channel=rng.choice(["desk", "phone"]))
        for person in people
    ]
    session.last_ends_at = max(end for _start, end in meetings)
    session.save(update_fields=["last_ends_at"])
    now = timezone.now()
    for meeting in session.meetings.filter(starts_at__lte=now):
        for registration in registrations:
            if registration.status != "confirmed":
                continue
            status = rng.choices(
                [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED],
                weights=[8, 1, 1],
            )[0]
            services.mark_attendance(
                registration=registration, meeting=meeting, status=status, by=trainer
            )
    if course.technical_track:
        _repair_work(session=session, location=location, trainer=trainer or coordinator, rng=rng)
    return session


# Laptops that the trainees of the repair training worked on (the devices module's log).
REPAIRS = [
    ("Dell", "Latitude 5490", "SSD geplaatst en Windows opnieuw geïnstalleerd", "SSD 256 GB", 120),
    ("Lenovo", "ThinkPad T470", "Toetsenbord vervangen", "toetsenbord", 60),
    ("HP", "EliteBook 840 G5", "Batterij getest en vervangen", "batterij", 45),
    ("Lenovo", "ThinkPad T480", "Geheugen uitgebreid en schoongemaakt", "8 GB RAM", 50),
]


def _repair_work(*, session, location, trainer, rng):
    from digibank.devices import services as devices

    present = list(
        Person.objects.filter(
            training_registrations__session=session,
            training_registrations__attendances__status=AttendanceStatus.PRESENT,
        )
        .distinct()
        .order_by("pk")
    )
    held = list(session.meetings.filter(starts_at__lte=timezone.now()))
    if not present or not held or trainer is None:
        return
    for index, (brand, model, work, parts, minutes) in enumerate(REPAIRS):
        meeting = held[index % len(held)]
        device = devices.add_device(
            donation=None,
            digibank=session.digibank,
            by=trainer,
            location=location,
            data={
                "kind": "laptop",
                "brand": brand,
                "model_name": model,
                "serial_number": f"DEMO-TR-{session.pk:05d}-{index + 1}",
                "condition": "fair",
            },
        )
        devices.add_repair(
            device=device,
            by=trainer,
            work=work,
            parts=parts,
            minutes=minutes,
            trainee=present[index % len(present)],
            done_on=timezone.localdate(meeting.starts_at),
        )
