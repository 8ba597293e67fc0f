"""What a result means for the person, in plain words, and what to do next.

Texts per band and per area, the next steps of ``nextsteps.py`` with a short
explanation, courses at this digibank for the weaker areas, and per step the partners
of the digibank to refer to (``steps_with_partners``).
"""

from dataclasses import dataclass

from django.utils import timezone
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


# Which kinds of partner organisation take up a next step, best first, and the helpdesk
# topic a referral for it is filed under. Lending a laptop is the digibank's own work.
STEP_PARTNER_KINDS = {
    NextStep.INTERNET_AT_HOME: ("ocmw", "non_profit"),
    NextStep.SOCIAL_TARIFF: ("ocmw", "non_profit"),
    NextStep.EID_PIN: ("local_government",),
    NextStep.SETUP_ITSME: ("library", "local_government"),
    NextStep.CARD_READER: ("library", "local_government"),
    NextStep.BASIC_COURSE: ("training_provider", "library"),
    NextStep.SAFETY_COURSE: ("training_provider", "library"),
    NextStep.E_GOVERNMENT: ("local_government", "ocmw", "library"),
    NextStep.PRACTISE_ALONE: ("library",),
}
STEP_TOPIC = {
    NextStep.LEND_LAPTOP: "laptop",
    NextStep.INTERNET_AT_HOME: "internet",
    NextStep.SOCIAL_TARIFF: "internet",
    NextStep.EID_PIN: "local-eservices",
    NextStep.SETUP_ITSME: "itsme",
    NextStep.CARD_READER: "csam-ebox",
    NextStep.SAFETY_COURSE: "safety",
    NextStep.E_GOVERNMENT: "local-eservices",
}
PARTNER_ROLES = ("lead", "partner", "referrer", "location_host")


@dataclass
class Step:
    code: str
    label: str
    text: str
    partners: list  # Partnership objects, best first
    topic_id: int | None = None

    @property
    def refer_reason(self) -> str:
        return str(_("After a Digiscan at the digibank: %(step)s.") % {"step": self.label})


def steps_with_partners(scan, per_step: int = 2) -> list[Step]:
    """The next steps of a scan, each with the partners of the digibank that take it up.

    A partner fits a step by its kind (an OCMW for the social tariff, the local
    government for a new PIN code, a library or training provider for a course). Among
    those, partners the digibank already referred people to for the same topic come
    first, then the ones it refers to most, then by name; a partner in the person's own
    municipality before all of these. Three queries (four without the person loaded).
    """
    from django.db.models import Count, Q

    from digibank.digibanks.models import Partnership
    from digibank.helpdesk.models import Topic
    from digibank.referrals.models import Direction, Referral

    codes = [code for code in scan.next_steps if code in NextStep.values]
    if not codes:
        return []
    today = timezone.localdate()
    kinds = {kind for code in codes for kind in STEP_PARTNER_KINDS.get(code, ())}
    partnerships = list(
        Partnership.objects.filter(
            digibank_id=scan.digibank_id,
            role__in=PARTNER_ROLES,
            organisation__kind__in=kinds,
        )
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    used: dict[tuple[int, str | None], int] = {}
    if partnerships:
        for row in (
            Referral.objects.filter(
                digibank_id=scan.digibank_id,
                direction=Direction.TO_PARTNER,
                organisation_id__in=[p.organisation_id for p in partnerships],
            )
            .values("organisation_id", "topic__code")
            .annotate(n=Count("pk"))
        ):
            used[(row["organisation_id"], row["topic__code"])] = row["n"]
    topics = {
        t.code: t.pk
        for t in Topic.objects.filter(
            digibank__isnull=True, is_active=True, code__in=set(STEP_TOPIC.values())
        )
    }
    home = scan.person.municipality_id if scan.person_id else None
    result = []
    for code in codes:
        step_kinds = STEP_PARTNER_KINDS.get(code, ())
        topic = STEP_TOPIC.get(code)

        def rank(p, step_kinds=step_kinds, topic=topic):
            org = p.organisation_id
            same_topic = used.get((org, topic), 0) if topic else 0
            overall = sum(n for (o, _t), n in used.items() if o == org)
            # A partner in the person's own municipality first (their town hall for a PIN).
            elsewhere = p.organisation.municipality_id != home
            return (elsewhere, -same_topic, step_kinds.index(p.organisation.kind), -overall)

        fitting = sorted((p for p in partnerships if p.organisation.kind in step_kinds), key=rank)[
            :per_step
        ]
        result.append(
            Step(
                code=code,
                label=str(NextStep(code).label),
                text=str(STEP_TEXT[code]),
                partners=fitting,
                topic_id=topics.get(topic) if topic else None,
            )
        )
    return result


def partners(steps: list[Step]) -> list:
    """Every partner suggested for one of the steps, once, in the order of the steps."""
    seen, found = set(), []
    for step in steps:
        for partnership in step.partners:
            if partnership.pk not in seen:
                seen.add(partnership.pk)
                found.append(partnership)
    return found
