import factory

from digibank.knowledge.models import Guide, GuideStep, Suggestion
from digibank.testing.factories import DigibankFactory


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    digibank = factory.SubFactory(DigibankFactory)
    title = factory.Sequence(lambda n: f"Guide {n}")
    summary = "What you need: your phone and your identity card."
    audience = "both"
    language = "nl"


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideStep

    guide = factory.SubFactory(GuideFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Open the app."


def published_guide(digibank, by=None, **kwargs):
    from digibank.knowledge import services

    guide = GuideFactory(digibank=digibank, **kwargs)
    StepFactory(guide=guide, position=1, text="Open the app store.")
    StepFactory(guide=guide, position=2, text="Search for **itsme**.")
    return services.publish(guide=guide, by=by)


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    guide = factory.SubFactory(GuideFactory)
    digibank = factory.LazyAttribute(lambda o: o.guide.digibank)
    reason = "The button is now called Continue."
