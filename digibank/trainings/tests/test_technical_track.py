"""The technical-skills track: trainees' repair work (devices module) shows on the course,
the session and the trainee's record, and counts in the figures."""

import datetime

import pytest
from django.urls import reverse

from digibank.devices import services as device_services
from digibank.devices.forms import RepairForm
from digibank.devices.tests.factories import DeviceFactory
from digibank.testing import factories as f
from digibank.trainings import repairs, services
from digibank.trainings.figures import compute
from digibank.trainings.tests.factories import CourseFactory, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    course = CourseFactory(
        digibank=world.digibank_a, title="Herstel van IT-materiaal", technical_track=True
    )
    running = session(
        course=course, capacity=4, meetings=2, starts_in=datetime.timedelta(minutes=-30)
    )
    trainee = f.PersonFactory(digibank=world.digibank_a, name="Kevin Aerts")
    registration = services.register(trainee, running, by=world.staff_a, channel="desk")
    services.mark_attendance(
        registration=registration,
        meeting=running.meetings.first(),
        status="present",
        by=world.staff_a,
    )
    laptop = DeviceFactory(digibank=world.digibank_a, brand="Dell", model_name="Latitude 5490")
    device_services.add_repair(
        device=laptop, by=world.staff_a, work="New SSD and fresh Windows", minutes=90,
        parts="SSD 256 GB", trainee=trainee,
    )  # fmt: skip
    device_services.add_repair(
        device=laptop, by=world.staff_a, work="Keyboard cleaned", minutes=30, trainee=trainee
    )
    # Work without a trainee, or in another digibank, is not the trainees' work.
    device_services.add_repair(device=laptop, by=world.staff_a, work="Battery test", minutes=15)
    other = DeviceFactory(digibank=world.digibank_b)
    elsewhere = session(course=CourseFactory(digibank=world.digibank_b, technical_track=True))
    trainee_b = f.PersonFactory(digibank=world.digibank_b)
    services.register(trainee_b, elsewhere, by=world.coordinator_b, channel="desk")
    device_services.add_repair(
        device=other, by=world.coordinator_b, work="Screen", minutes=60, trainee=trainee_b
    )
    return running, trainee, laptop


def test_session_course_and_trainee_show_the_repair_work(client, world, workshop):
    running, trainee, laptop = workshop
    work = repairs.for_session(running)
    assert (work.repairs, work.devices, work.trainees, work.hours) == (2, 1, 1, 2.0)
    client.force_login(world.staff_a)
    for url in (
        reverse("trainings:session", args=[running.pk]),
        reverse("trainings:course", args=[running.course.pk]),
        reverse("people:detail", args=[trainee.pk]),
    ):
        html = client.get(url).content.decode()
        assert "New SSD and fresh Windows" in html, url
        assert laptop.tag in html and laptop.get_absolute_url() in html
        assert "Battery test" not in html


def test_figures_count_skill_and_device_benefit(world, workshop):
    figures = compute(digibank=world.digibank_a)
    assert figures.technical_people == 1
    assert (figures.repairs, figures.repaired_devices, figures.repair_hours) == (2, 1, 2.0)
    assert compute(digibank=world.digibank_b).repairs == 1


def test_only_trainees_of_a_technical_training_can_be_named(world, workshop):
    laptop = workshop[2]
    stranger = f.PersonFactory(digibank=world.digibank_a)
    with pytest.raises(device_services.DeviceError, match="technical-skills training"):
        device_services.add_repair(
            device=laptop, by=world.staff_a, work="RAM", minutes=5, trainee=stranger
        )
    choices = RepairForm(digibank=world.digibank_a).fields["trainee"].queryset
    assert list(choices) == [workshop[1]]


def test_a_course_without_the_track_shows_no_repair_work(client, world, workshop):
    _running, trainee, _laptop = workshop
    plain = session(course=CourseFactory(digibank=world.digibank_a), capacity=3)
    services.register(trainee, plain, by=world.staff_a, channel="desk")
    client.force_login(world.staff_a)
    html = client.get(reverse("trainings:session", args=[plain.pk])).content.decode()
    assert "New SSD" not in html
