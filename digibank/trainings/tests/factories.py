"""Factories for trainings tests: a course, and sessions planned through the service."""

import datetime

import factory
from django.utils import timezone

from digibank.testing import factories as f
from digibank.trainings import services
from digibank.trainings.models import Course, Level, Topic


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    digibank = factory.SubFactory(f.DigibankFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    description = "Learn to use e-mail, step by step."
    topic = Topic.INTERNET
    level = Level.STARTER
    languages = factory.LazyFunction(lambda: ["nl"])
    meetings_count = 1


def session(
    *,
    course=None,
    digibank=None,
    capacity=2,
    starts_in=datetime.timedelta(days=3),
    meetings=1,
    location=None,
    by=None,
):
    """A session of ``meetings`` weekly meetings of two hours, starting ``starts_in`` from now."""
    course = course or CourseFactory(digibank=digibank or f.DigibankFactory())
    location = location or f.LocationFactory(digibank=course.digibank)
    start = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    pairs = [
        (start + datetime.timedelta(weeks=w), start + datetime.timedelta(weeks=w, hours=2))
        for w in range(meetings)
    ]
    return services.plan_session(
        course=course, by=by, location=location, capacity=capacity, meetings=pairs
    )
