"""Every trainings URL for every persona (see core/tests/test_permission_matrix.py)."""

import datetime

from digibank.testing.matrix import NOT_FOUND, STAFF_A, TEAM_A, TEAMS, only

STAFF_TEAMS = frozenset({"coordinator_a", "staff_a", "coordinator_b"})
IN_A = only(TEAM_A, otherwise=NOT_FOUND)
MANAGE_A = only(STAFF_A, otherwise=NOT_FOUND) | {"volunteer_a": 403}


def extend_world(world):
    from digibank.testing import factories as f
    from digibank.trainings import services
    from digibank.trainings.models import AttendanceStatus
    from digibank.trainings.tests.factories import CourseFactory, session

    world.course_a = CourseFactory(digibank=world.digibank_a, gives_certificate=True)
    world.session_a = session(
        course=world.course_a, capacity=5, starts_in=datetime.timedelta(hours=-1)
    )
    world.meeting_a = world.session_a.meetings.get()
    world.registration_a = services.register(
        world.person_a, world.session_a, by=world.staff_a, channel="desk"
    )
    services.mark_attendance(
        registration=world.registration_a,
        meeting=world.meeting_a,
        status=AttendanceStatus.PRESENT,
        by=world.staff_a,
    )
    f.LocationFactory(digibank=world.digibank_a, name="Training room")


MATRIX = {
    "trainings:catalogue": (None, only(TEAMS)),
    "trainings:course_create": (None, only(STAFF_TEAMS)),
    "trainings:course": (lambda w: {"pk": w.course_a.pk}, IN_A),
    "trainings:course_edit": (lambda w: {"pk": w.course_a.pk}, MANAGE_A),
    "trainings:session_create": (lambda w: {"course_pk": w.course_a.pk}, MANAGE_A),
    "trainings:sessions": (None, only(TEAMS)),
    "trainings:session": (lambda w: {"pk": w.session_a.pk}, IN_A),
    "trainings:session_edit": (lambda w: {"pk": w.session_a.pk}, MANAGE_A),
    "trainings:session_cancel": (lambda w: {"pk": w.session_a.pk}, MANAGE_A),
    "trainings:meeting_move": (
        lambda w: {"pk": w.session_a.pk, "meeting_pk": w.meeting_a.pk},
        MANAGE_A,
    ),
    "trainings:meeting_cancel": (
        lambda w: {"pk": w.session_a.pk, "meeting_pk": w.meeting_a.pk},
        MANAGE_A,
    ),
    "trainings:session_register": (lambda w: {"pk": w.session_a.pk}, IN_A),
    "trainings:call_list": (lambda w: {"pk": w.session_a.pk}, IN_A),
    "trainings:attendance": (
        lambda w: {"pk": w.session_a.pk, "meeting_pk": w.meeting_a.pk},
        IN_A,
    ),
    "trainings:registration_cancel": (lambda w: {"pk": w.registration_a.pk}, IN_A),
    "trainings:certificate": (lambda w: {"pk": w.registration_a.pk}, IN_A),
    "trainings:calls": (None, only(TEAMS)),
    "trainings:figures": (None, only({"coordinator_a", "staff_a", "coordinator_b"})),
}
