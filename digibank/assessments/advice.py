"""What a result means for the person, in plain words, and what to do next.

Texts per band and per area, the next steps of ``nextsteps.py`` with a short
explanation, courses at this digibank for the weaker areas, and partners to refer to.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from digibank.assessments.models import Area, Band
from digibank.assessments.nextsteps import NextStep

BAND_TEXT = {
    Band.LOW: _(
        "You are just starting with this. That is fine: we learn it together, step by step."
    ),
    Band.FOUNDATION: _("You can do the basics. With some practice you will do more on your own."),
    Band.INTERMEDIATE: _("You do this well on your own."),
    Band.ADVANCED: _("You do this very well. You could help others with it."),
}

AREA_TEXT = {
    Area.INFORMATION: _("Looking things up on the internet and knowing what to trust."),
    Area.COMMUNICATION: _("Messages, e-mail and video calls."),
    Area.CONTENT: _("Photos, documents and forms on the internet."),
    Area.SAFETY: _("Passwords, fake messages and updates."),
    Area.PROBLEM_SOLVING: _("Logging in with itsme or eID, apps, and small problems."),
}

# The course topic that helps most in an area (also how trainings are matched).
AREA_TOPIC = {
    Area.INFORMATION: _("Searching on the internet"),
    Area.COMMUNICATION: _("E-mail, messages and video calls"),
    Area.CONTENT: _("Photos and online forms"),
    Area.SAFETY: _("Safe on the internet"),
    Area.PROBLEM_SOLVING: _("itsme, eID and online government services"),
}

STEP_TEXT = {
    NextStep.LEND_LAPTOP: _(
        "You have no laptop or tablet at home. The digibank lends one, often for a long time."
    ),
    NextStep.INTERNET_AT_HOME: _("We look together at how you can get internet at home."),
    NextStep.SOCIAL_TARIFF: _(
        "Internet and phone can be cheaper with the social tariff. We check with you if you "
        "have the right to it."
    ),
    NextStep.EID_PIN: _(
        "You need the PIN code of your eID to log in. The municipality sends you a new one."
    ),
    NextStep.SETUP_ITSME: _("With itsme you log in on your smartphone. We set it up together."),
    NextStep.CARD_READER: _("With a card reader you log in on the computer with your eID."),
    NextStep.BASIC_COURSE: _("A course in small groups helps you learn the basics."),
    NextStep.SAFETY_COURSE: _("Learn how to spot fake messages and keep your passwords safe."),
    NextStep.E_GOVERNMENT: _(
        "A helper practises with you: Tax-on-web, MyMinfin, the website of your municipality."
    ),
    NextStep.PRACTISE_ALONE: _("You do well. Keep practising, and maybe help someone else."),
}


@dataclass
class AreaResult:
    area: str
    label: str
    about: str
    band: str
    band_label: str
    band_text: str
    percent: int | None


def area_results(scan) -> list[AreaResult]:
    scores = {s.area: s for s in scan.area_scores.all()}
    rows = []
    for area, label in Area.choices:
        score = scores.get(area)
        if score is None:
            continue
        rows.append(
            AreaResult(
                area=area,
                label=str(label),
                about=str(AREA_TEXT[area]),
                band=score.band,
                band_label=str(Band(score.band).label) if score.band else "",
                band_text=str(BAND_TEXT[score.band]) if score.band else "",
                percent=None if score.score is None else round(score.score * 100),
            )
        )
    return rows


def steps(scan) -> list[tuple[str, str]]:
    return [
        (str(NextStep(code).label), str(STEP_TEXT[code]))
        for code in scan.next_steps
        if code in NextStep.values
    ]


def weak_areas(scan) -> list[str]:
    """Areas at the two lowest bands, weakest first."""
    scores = [s for s in scan.area_scores.all() if s.band in {Band.LOW, Band.FOUNDATION}]
    order = {area: n for n, area in enumerate(Area.values)}
    return [s.area for s in sorted(scores, key=lambda s: (s.score, order[s.area]))]


# The course topics of the trainings catalogue that train an area.
AREA_COURSE_TOPICS = {
    Area.INFORMATION: ("internet", "basics"),
    Area.COMMUNICATION: ("internet", "smartphone"),
    Area.CONTENT: ("basics", "smartphone"),
    Area.SAFETY: ("safety",),
    Area.PROBLEM_SOLVING: ("services", "basics"),
}


def suggested_courses(scan, per_area: int = 3) -> list[dict]:
    """Per weak area (weakest first): the topic, and this digibank's courses on it.

    Courses come from the trainings catalogue (active, not advanced); an area without
    a course still shows its topic, so the person can ask for the next one.
    """
    from digibank.trainings.models import Course

    weak = weak_areas(scan)
    if not weak:
        return []
    topics = {topic for area in weak for topic in AREA_COURSE_TOPICS[area]}
    courses = list(
        Course.objects.filter(digibank_id=scan.digibank_id, is_active=True, topic__in=topics)
        .exclude(level="advanced")
        .order_by("title", "pk")[:50]
    )
    suggestions = []
    for area in weak:
        matching = [c for c in courses if c.topic in AREA_COURSE_TOPICS[area]][:per_area]
        suggestions.append(
            {
                "area": str(Area(area).label),
                "topic": str(AREA_TOPIC[area]),
                "courses": [{"title": c.title, "url": c.get_absolute_url()} for c in matching],
            }
        )
    return suggestions


def partners(digibank, limit: int = 5):
    """Partners of the digibank that a person can be referred to for more help."""
    from digibank.digibanks.models import PartnerRole

    return list(
        digibank.partnerships.filter(
            role__in=[PartnerRole.PARTNER, PartnerRole.REFERRER, PartnerRole.LOCATION_HOST],
            until__isnull=True,
        )
        .select_related("organisation")
        .order_by("organisation__name")[:limit]
    )
