# ruff: noqa: E501 - data from the sources, long Dutch sentences
"""Demo data for programmes, from the public facts in the sources (seeds 000–004).

Real: the programmes, funders, budgets, periods and legal bases; the counts (42
pre-trajectories, 35 implementation trajectories in rounds 1–4, 21 admissible files in round
5 closed on 27 October 2022, 54 digibanken in 200 Flemish and 19 Brussels municipalities,
121 municipalities after round 4; E-inclusion for Belgium OCMW 2022: 40 projects, 73 OCMW's,
11 in Flanders, 21 in Wallonia, 8 in Brussels, the budget split evenly over the regions);
the first six digibanken (Kortrijk, Gent, Antwerpen, Leuven, Tongeren, Brussel) starting on
1 February 2022; the three Bruges-region digibanken and DIGbij's municipalities; the end
date 31 December 2024 moved to 31 July 2026; the result tiers of the 2025–2026 extension.

Invented, and marked ``is_demo`` with a note shown in the interface: which other
municipalities each project serves, file references, applicants, amounts per project,
round dates other than the published ones, payments, reports and users reached.
Running it twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from digibank.digibanks.models import Organisation, OrganisationKind
from digibank.geo.models import FormerMunicipality, Municipality
from digibank.geo.reference import MERGERS_2025
from digibank.programmes import services
from digibank.programmes.models import (
    BudgetCategory,
    BudgetLine,
    Call,
    CostLine,
    Funder,
    FunderLevel,
    Milestone,
    MilestoneMeasure,
    Payment,
    PaymentKind,
    Programme,
    Project,
    ProjectMunicipality,
    ProjectStatus,
    Report,
    ReportNature,
    ReportPeriod,
    ResultTier,
    Round,
    Track,
    TrackKind,
)

D = datetime.date
EURO = Decimal
CENT = Decimal("0.01")
DEMO_NOTE = (
    "Demo: het aantal projecten en de gemeenten per ronde volgen de bronnen; welke andere "
    "gemeenten, het dossiernummer, de aanvrager en de bedragen zijn verzonnen."
)
CALL_NOTE = (
    "Demo: de data van ronde 5 (sluiting 27/10/2022, toekenning eind december 2022) zijn echt; "
    "de data van de andere rondes zijn verzonnen."
)

FUNDERS = {
    "wse": ("Departement Werk en Sociale Economie", "WSE", "Werk en Sociale Economie", "flemish"),
    "abb": ("Agentschap Binnenlands Bestuur", "ABB", "Binnenlands Bestuur", "flemish"),
    "mi": ("POD Maatschappelijke Integratie", "POD MI", "Maatschappelijke Integratie", "federal"),
    "cjm": ("Departement Cultuur, Jeugd en Media", "CJM", "Media en Jeugd", "flemish"),
    "ov": ("Departement Onderwijs en Vorming", "Onderwijs", "Onderwijs", "flemish"),
    "vo": ("Vlaamse overheid", "Vlaamse overheid", "Binnenlands Bestuur", "flemish"),
}

# slug, name, funder, budget, target groups, start, end, legal basis, description
PROGRAMMES = [
    (
        "digibanken",
        "Digibanken",
        "wse",
        EURO("50000000"),
        "Volwassen bevolking in Vlaanderen met risico op digitale uitsluiting, met extra aandacht voor werkzoekenden.",
        D(2021, 12, 17),
        D(2026, 7, 31),
        "Besluit van de Vlaamse Regering van 17 december 2021; verlengd bij decreet (art. 96) tot uiterlijk 31 juli 2026.",
        "Lokale partnerschappen die laptops voorwaardelijk ter beschikking stellen, opleiden en begeleiden naar essentiële diensten. 42 voortrajecten; 35 implementatietrajecten in rondes 1–4; ronde 5 sloot op 27 oktober 2022 met 21 ontvankelijke dossiers. Sinds begin 2023: 54 digibanken in 200 Vlaamse en 19 Brusselse gemeenten.",
    ),
    (
        "iedereen-digitaal-2021",
        "Iedereen Digitaal – oproep lokale besturen 2021",
        "abb",
        None,
        "Lokale besturen",
        D(2021, 10, 1),
        None,
        "Actieplan Iedereen Digitaal",
        "27 projecten van samen 108 lokale besturen; kleine gemeenten vormden samenwerkingsverbanden (minimum 50.000 inwoners). Uiterlijk 200.000 euro per project over drie jaar.",
    ),
    (
        "lokaal-e-inclusiebeleid",
        "Subsidie uitrol lokaal e-inclusiebeleid",
        "abb",
        EURO("19000000"),
        "Lokale besturen",
        D(2022, 11, 1),
        D(2024, 12, 31),
        "Besluit van de Vlaamse Regering van 15 juli 2022",
        "Trekkingsrechten volgens een verdeelsleutel (inwoners, ouderen, sociale parameters Gemeentefonds 2021). 160 gemeenten en de VGC, 600 acties (193 rond internettoegang thuis). 80 % als eerste schijf vanaf januari 2023.",
    ),
    (
        "eib-ocmw-2022",
        "E-inclusion for Belgium – OCMW 2022",
        "mi",
        EURO("6000000"),
        "OCMW's en hun partnerschappen",
        D(2022, 5, 1),
        D(2024, 12, 31),
        "Europese herstelmiddelen (RRF)",
        "40 projecten met 73 OCMW's: 11 in Vlaanderen, 21 in Wallonië, 8 in Brussel. Het budget werd gelijk verdeeld over de gewesten.",
    ),
    (
        "eib-ocmw-2023",
        "E-inclusion for Belgium – OCMW 2023",
        "mi",
        None,
        "OCMW's en hun partnerschappen",
        D(2023, 3, 1),
        D(2025, 10, 31),
        "Europese herstelmiddelen (RRF)",
        "27 projecten met 62 OCMW's: 10 in Vlaanderen, 15 in Wallonië, 2 in Brussel.",
    ),
    (
        "eib-sociale-actoren-2023",
        "E-inclusion for Belgium – Sociale actoren 2023",
        "mi",
        None,
        "Vzw's en ivzw's; lokale besturen kunnen niet indienen. Aandacht voor jongeren, etnisch-culturele minderheden en nieuwkomers, personen met een beperking, vrouwen.",
        D(2023, 6, 1),
        None,
        "Europese herstelmiddelen (RRF)",
        "Focusprojecten en visieprojecten; indienen tot 1 oktober 2023.",
    ),
    (
        "city-deal-e-inclusion-by-design",
        "City Deal E-inclusion by design",
        "abb",
        EURO("2890000"),
        "13 centrumsteden en de VGC",
        None,
        None,
        "",
        "Twee experimenten per partner met de eindgebruiker voorop; een toolbox voor lokale besturen.",
    ),
    (
        "iedereen-digitaal-media",
        "Iedereen Digitaal (Media)",
        "cjm",
        EURO("250000"),
        "Kwetsbare jongeren, personen met een beperking, senioren",
        None,
        None,
        "",
        "Bovenlokaal inclusiebeleid in sectoren en organisaties.",
    ),
    (
        "gemeente-zonder-gemeentehuis",
        "Gemeente zonder gemeentehuis",
        "vo",
        None,
        "Openbare besturen",
        D(2021, 9, 1),
        D(2022, 9, 30),
        "",
        "Zeven oproepen tussen september 2021 en september 2022 voor gezamenlijke innovatieve digitale oplossingen.",
    ),
    (
        "edusprong",
        "Edusprong",
        "ov",
        EURO("60000000"),
        "Volwassenenonderwijs",
        None,
        None,
        "",
        "Levenslang leren, digitale competenties.",
    ),
    (
        "digisprong",
        "Digisprong",
        "ov",
        EURO("375000000"),
        "Leerplichtonderwijs",
        None,
        None,
        "",
        "ICT-infrastructuur en -beleid in scholen.",
    ),
]

# Implementation rounds of "Uitvoering strategie": (opens, closes, assessment, award).
IMPL_ROUNDS = {
    1: (D(2021, 10, 1), D(2021, 11, 30), D(2021, 12, 20), D(2022, 1, 15)),
    2: (D(2022, 1, 15), D(2022, 3, 15), D(2022, 4, 15), D(2022, 5, 15)),
    3: (D(2022, 3, 16), D(2022, 5, 15), D(2022, 6, 15), D(2022, 7, 15)),
    4: (D(2022, 5, 16), D(2022, 7, 15), D(2022, 9, 15), D(2022, 10, 15)),
    5: (D(2022, 7, 16), D(2022, 10, 27), D(2022, 11, 30), D(2022, 12, 31)),
}
PRE_ROUNDS = {
    1: (D(2021, 9, 1), D(2021, 10, 31), D(2021, 11, 30), D(2021, 12, 15)),
    2: (D(2022, 1, 1), D(2022, 3, 31), D(2022, 4, 30), D(2022, 5, 15)),
    3: (D(2022, 4, 1), D(2022, 6, 30), D(2022, 7, 31), D(2022, 8, 15)),
}
PRE_COUNTS = {1: 29, 2: 8, 3: 5}  # 42 pre-trajectories; 29 after the first round (seed 000)

# The first six digibanken (round 1) and the Bruges region's three (round 4): real.
# Codes in square brackets are former municipalities (merged in 2025).
KNOWN = [
    (1, "Digibank Kortrijk", ["34022"], None),
    (1, "Digibank Gent", ["44021"], None),
    (1, "Digibank Antwerpen", ["11002"], None),
    (1, "Digibank Leuven", ["24062"], None),
    (1, "DIGbij", ["[73009]", "[73083]", "73022", "73098"], None),
    (1, "Digibank Brussel", ["21004"], None),
    (4, "Digibank Brugge Noord", ["31004", "31006", "31043", "31042"], "brugge-noord"),
    (4, "Digibank Brugge Centrum", ["31005"], "brugge-centrum"),
    (4, "Digibank Brugge West", ["31003", "31012", "31022", "31033", "31040"], "brugge-west"),
]
FLEMISH, WALLOON, BRUSSELS = "02000", "03000", "04000"


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def _funders() -> dict[str, Funder]:
    result = {}
    for key, (name, short, domain, level) in FUNDERS.items():
        result[key], _ = Funder.objects.update_or_create(
            name=name,
            defaults={"short_name": short, "policy_domain": domain, "level": FunderLevel(level)},
        )
    return result


def _programmes(funders) -> dict[str, Programme]:
    result = {}
    for slug, name, funder, budget, target, start, end, legal, description in PROGRAMMES:
        result[slug], _ = Programme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "funder": funders[funder],
                "budget": budget,
                "target_groups": target,
                "start_date": start,
                "end_date": end,
                "legal_basis": legal,
                "description": description,
            },
        )
    digibanken = result["digibanken"]
    digibanken.objectives = (
        "1. Gelijke toegang tot technologie: hardware voorwaardelijk beschikbaar stellen.\n"
        "2. Vaardigheden via opleiding en kennisdeling.\n"
        "3. Begeleiding naar essentiële diensten."
    )
    digibanken.website = "https://digibanken.vlaanderen.be"
    digibanken.save(update_fields=["objectives", "website"])
    # Digibanken money and E-inclusion for Belgium money may not fund the same project.
    digibanken.no_cofunding_with.add(
        result["eib-ocmw-2022"], result["eib-ocmw-2023"], result["eib-sociale-actoren-2023"]
    )
    return result


def _round(call, number, dates, admissible=None) -> Round:
    opens, closes, assessment, award = dates
    rnd, _ = Round.objects.update_or_create(
        call=call,
        number=number,
        defaults={
            "opens_on": opens,
            "closes_on": closes,
            "assessment_by": assessment,
            "award_by": award,
            "admissible_count": admissible,
        },
    )
    return rnd


def _org(name, code, kind=OrganisationKind.LOCAL_GOVERNMENT) -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "municipality_id": code}
    )
    return org


def _places(codes) -> list[tuple[Municipality, FormerMunicipality | None]]:
    result = []
    for code in codes:
        if code.startswith("["):
            former = FormerMunicipality.objects.select_related("successor").get(code=code[1:-1])
            result.append((former.successor, former))
        else:
            result.append((Municipality.objects.get(code=code), None))
    return result


def _create_project(
    *,
    programme,
    rnd,
    track,
    reference,
    title,
    applicant,
    places,
    requested,
    approved,
    status_path,
    start,
    end,
    digibanks=(),
    predecessor=None,
    users=None,
    agreements=False,
) -> Project:
    """Create a project and walk it through its real status transitions."""
    project = Project.objects.create(
        round=rnd,
        track=track,
        reference=reference,
        title=title,
        applicant=applicant,
        amount_requested=requested,
        submitted_on=rnd.closes_on,
        start_date=start,
        end_date=end,
        predecessor=predecessor,
        users_reached=users,
        is_demo=True,
        demo_note=DEMO_NOTE,
    )
    award = rnd.award_by
    for municipality, former in places:
        ProjectMunicipality.objects.create(
            project=project,
            municipality=municipality,
            former=former,
            agreement_on=(award + datetime.timedelta(days=45)) if agreements else None,
        )
    for digibank in digibanks:
        project.digibanks.add(digibank)
    dates = {
        ProjectStatus.ADMISSIBLE: rnd.assessment_by - datetime.timedelta(days=14),
        ProjectStatus.APPROVED: award,
        ProjectStatus.REJECTED: award,
        ProjectStatus.RUNNING: start or award,
    }
    for status in status_path:
        services.change_status(
            project=project,
            to=status,
            on=dates[status],
            by_name=programme.funder.short_name,
            amount_approved=approved,
        )
    project.refresh_from_db()
    return project


def _finance(project, *, today, balance_paid: bool, final_due: datetime.date, final_state: str):
    """Payments (80 % advance, 20 % balance), budget lines, interim and final reports."""
    amount = project.amount_approved
    advance = _money(amount * Decimal("0.8"))
    paid_on = project.decided_on + datetime.timedelta(days=30)
    Payment.objects.create(
        project=project,
        kind=PaymentKind.ADVANCE,
        percentage=Decimal("80"),
        planned_on=paid_on,
        planned_amount=advance,
        paid_on=paid_on if paid_on <= today else None,
        paid_amount=advance if paid_on <= today else None,
    )
    balance = amount - advance
    balance_on = final_due + datetime.timedelta(days=60)
    Payment.objects.create(
        project=project,
        kind=PaymentKind.BALANCE,
        percentage=Decimal("20"),
        planned_on=balance_on,
        planned_amount=balance,
        # Never paid in the future: a balance due after today is still only planned.
        paid_on=balance_on if balance_paid and balance_on <= today else None,
        paid_amount=balance if balance_paid and balance_on <= today else None,
    )
    lines = [
        BudgetLine.objects.create(
            project=project, category=category, label=label, amount=_money(amount * share)
        )
        for category, label, share in (
            (BudgetCategory.STAFF, "Projectcoördinator en medewerkers", Decimal("0.60")),
            (BudgetCategory.OPERATING, "Werking en opleidingen", Decimal("0.25")),
            (BudgetCategory.INVESTMENT, "Laptops en materiaal", Decimal("0.15")),
        )
    ]
    interim_due = project.decided_on + datetime.timedelta(days=365)
    Report.objects.create(
        project=project,
        period=ReportPeriod.INTERIM,
        nature=ReportNature.CONTENT,
        due_on=interim_due,
        submitted_on=interim_due,
        approved_on=interim_due + datetime.timedelta(days=30),
        users_reached=(project.users_reached or 0) // 2 or None,
    )
    financial = Report.objects.create(
        project=project,
        period=ReportPeriod.INTERIM,
        nature=ReportNature.FINANCIAL,
        due_on=interim_due,
        submitted_on=interim_due + datetime.timedelta(days=10),
        approved_on=interim_due + datetime.timedelta(days=40),
    )
    for line in lines:
        CostLine.objects.create(
            report=financial, budget_line=line, amount=_money(line.amount * Decimal("0.4"))
        )
    for nature in (ReportNature.CONTENT, ReportNature.FINANCIAL):
        submitted = approved = None
        if final_state in ("submitted", "approved") and final_due <= today:
            submitted = final_due
        if final_state == "approved" and submitted:
            approved = final_due + datetime.timedelta(days=20)
        Report.objects.create(
            project=project,
            period=ReportPeriod.FINAL,
            nature=nature,
            due_on=final_due,
            submitted_on=submitted,
            approved_on=approved,
            users_reached=project.users_reached,
        )


def _pool(excluded) -> list[str]:
    """Flemish municipalities that did not merge in 2025, in REFNIS order."""
    successors = {successor for *_rest, successor in MERGERS_2025}
    return list(
        Municipality.objects.filter(region_id=FLEMISH)
        .exclude(code__in=successors | set(excluded))
        .order_by("code")
        .values_list("code", flat=True)
    )


def _chunks(codes, sizes):
    start = 0
    for size in sizes:
        yield codes[start : start + size]
        start += size


def _digibanken(programme, context, today):
    pre_track, _ = Track.objects.update_or_create(
        programme=programme,
        name="Voortraject",
        defaults={"kind": TrackKind.PRE_TRAJECTORY, "max_amount": EURO("15000"), "max_months": 4},
    )
    impl_track, _ = Track.objects.update_or_create(
        programme=programme,
        name="Implementatietraject",
        defaults={"kind": TrackKind.IMPLEMENTATION, "max_amount": EURO("500000"), "min_months": 24},
    )
    ext_track, _ = Track.objects.update_or_create(
        programme=programme,
        name="Verlenging 2025–2026",
        defaults={"kind": TrackKind.EXTENSION, "max_amount": EURO("500000"), "max_months": 19},
    )
    for start, end, amount in (
        (1, 1000, "350000"),
        (1001, 1500, "100000"),
        (1501, 1750, "30000"),
        (1751, None, "20000"),
    ):
        ResultTier.objects.update_or_create(
            track=ext_track, from_users=start, defaults={"to_users": end, "amount": EURO(amount)}
        )
    pre_call, _ = Call.objects.update_or_create(
        programme=programme,
        name="Strategische ontwikkeling",
        defaults={
            "track": pre_track,
            "is_demo": True,
            "demo_note": CALL_NOTE,
            "eligibility": "Lokale partnerschappen; voortraject van 4 maanden, begeleid door een externe partner.",
            "max_amount": EURO("15000"),
        },
    )
    impl_call, _ = Call.objects.update_or_create(
        programme=programme,
        name="Uitvoering strategie",
        defaults={
            "track": impl_track,
            "is_demo": True,
            "demo_note": CALL_NOTE,
            "eligibility": "Lokale partnerschappen met een strategie; minstens twee jaar, tot 500.000 euro.",
            "max_amount": EURO("500000"),
        },
    )
    ext_call, _ = Call.objects.update_or_create(
        programme=programme,
        name="Verlenging 2025–2026",
        defaults={
            "track": ext_track,
            "is_demo": True,
            "demo_note": "Demo: de data van deze oproep zijn verzonnen; de resultaatschijven zijn echt.",
            "eligibility": "Bestaande digibanken; resultaatsverbintenis op bereikte gebruikers, met extra aandacht voor werkzoekenden.",
            "max_amount": EURO("500000"),
        },
    )
    pre_rounds = {n: _round(pre_call, n, d) for n, d in PRE_ROUNDS.items()}
    impl_rounds = {
        n: _round(impl_call, n, d, admissible=21 if n == 5 else None)
        for n, d in IMPL_ROUNDS.items()
    }
    ext_round = _round(
        ext_call, 1, (D(2024, 9, 1), D(2024, 10, 31), D(2024, 11, 30), D(2024, 12, 15))
    )
    Milestone.objects.update_or_create(
        programme=programme,
        name="100 deelnemende gemeenten",
        defaults={
            "measure": MilestoneMeasure.MUNICIPALITIES_AGREEMENT,
            "target": 100,
            "due_on": D(2024, 12, 31),
            "is_demo": True,
            "demo_note": "Demo: de vervaldatum is verzonnen; het doel van 100 gemeenten is echt.",
            "evidence_note": "Bewijs: partnerschapsovereenkomsten tussen het lokale bestuur en WSE (mijlpaal voor de Europese Commissie).",
        },
    )
    if Project.objects.filter(programme=programme).exists():
        return

    digibanks = context.get("digibanks", {})
    known_codes = {c.strip("[]") for _r, _n, codes, _s in KNOWN for c in codes}
    pool = _pool(known_codes)
    # Rounds 2–4: 26 more projects reaching 102 municipalities (121 after round 4 in all);
    # round 5: 16 Flemish projects (80 municipalities) and 3 in Brussels (18), 2 rejected.
    generic_sizes = [4] * 24 + [3] * 2
    generic = list(_chunks(pool[:102], generic_sizes))
    round5 = list(_chunks(pool[102:182], [5] * 16))
    rejected = list(_chunks(pool[182:186], [2, 2]))
    brussels = list(
        Municipality.objects.filter(region_id=BRUSSELS)
        .exclude(code="21004")
        .order_by("code")
        .values_list("code", flat=True)
    )
    round5 += list(_chunks(brussels, [6, 6, 6]))

    specs = []  # (round, title, codes, digibank slug)
    specs += [k for k in KNOWN if k[0] == 1]
    for index, codes in enumerate(generic):
        rnd = 2 if index < 10 else 3 if index < 20 else 4
        specs.append((rnd, None, codes, None))
    specs += [k for k in KNOWN if k[0] == 4]
    specs += [(5, None, codes, None) for codes in round5]

    counter = {"pre": 0, "impl": 0}
    pre_left = dict(PRE_COUNTS)
    for number, (rnd_no, title, codes, slug) in enumerate(specs, start=1):
        places = _places(codes)
        first = places[0][1] or places[0][0]
        title = title or f"Digibank {first.name_nl}"
        applicant = _org(f"Lokaal bestuur {first.name_nl}", places[0][0].code)
        rnd = impl_rounds[rnd_no]
        predecessor = None
        if rnd_no > 1:
            pre_no = next(
                (n for n in (1, 2, 3) if pre_left[n] and PRE_ROUNDS[n][3] < rnd.closes_on), None
            )
            if pre_no:
                pre_left[pre_no] -= 1
                counter["pre"] += 1
                pre_round = pre_rounds[pre_no]
                start = pre_round.award_by + datetime.timedelta(days=15)
                predecessor = _create_project(
                    programme=programme,
                    rnd=pre_round,
                    track=pre_track,
                    reference=f"DB-VT-{counter['pre']:03d}",
                    title=f"Voortraject {title}",
                    applicant=applicant,
                    places=places,
                    requested=EURO("15000"),
                    approved=EURO("15000"),
                    status_path=["admissible", "approved", "running", "closed"][:3],
                    start=start,
                    end=start + datetime.timedelta(days=120),
                )
                services.change_status(
                    project=predecessor,
                    to=ProjectStatus.CLOSED,
                    on=start + datetime.timedelta(days=120),
                    by_name="WSE",
                )
                _finance(
                    predecessor,
                    today=today,
                    balance_paid=True,
                    final_due=start + datetime.timedelta(days=150),
                    final_state="approved",
                )
        counter["impl"] += 1
        amount = EURO(300000 + (number * 7919) % 200000).quantize(EURO("1000"))
        start = D(2022, 2, 1) if rnd_no == 1 else rnd.award_by + datetime.timedelta(days=17)
        brugge = slug is not None
        project = _create_project(
            programme=programme,
            rnd=rnd,
            track=impl_track,
            reference=f"DB-IT-{rnd_no}-{counter['impl']:03d}",
            title=title,
            applicant=applicant,
            places=places,
            requested=amount + EURO("20000"),
            approved=amount,
            status_path=["admissible", "approved", "running"],
            start=start,
            end=D(2024, 12, 31),
            digibanks=[digibanks[slug]] if slug in digibanks else [],
            predecessor=predecessor,
            users=600 + (number * 137) % 1500,
            agreements=True,
        )
        if brugge:
            # The Bruges-region digibanken went on under the 2025–2026 extension call.
            services.change_status(
                project=project, to=ProjectStatus.CLOSED, on=D(2024, 12, 31), by_name="WSE"
            )
            _finance(
                project,
                today=today,
                balance_paid=True,
                final_due=D(2025, 3, 31),
                final_state="approved",
            )
            users = 900 + 400 * len(places)
            ext_amount = ext_track.amount_for_users(users)
            extension = _create_project(
                programme=programme,
                rnd=ext_round,
                track=ext_track,
                reference=f"DB-VL-{counter['impl']:03d}",
                title=f"{title} (verlenging)",
                applicant=applicant,
                places=places,
                requested=EURO("500000"),
                approved=ext_amount,
                status_path=["admissible", "approved", "running"],
                start=D(2025, 1, 1),
                end=D(2026, 7, 31),
                digibanks=project.digibanks.all(),
                predecessor=project,
                users=users,
            )
            _finance(
                extension,
                today=today,
                balance_paid=False,
                final_due=D(2026, 10, 31),
                final_state="submitted" if number % 2 else "due",
            )
            continue
        services.amend(
            project=project,
            by=None,
            decided_on=max(D(2023, 2, 17), start),
            reference="Besluit Vlaamse Regering 17/02/2023; decreet, art. 96",
            new_end_date=D(2026, 7, 31),
        )
        state = ("approved", "submitted", "due")[number % 3]
        if state == "approved":
            project.refresh_from_db()
            services.change_status(
                project=project, to=ProjectStatus.CLOSED, on=D(2026, 11, 20), by_name="WSE"
            )
        _finance(
            project,
            today=today,
            balance_paid=state == "approved",
            final_due=D(2026, 10, 31),
            final_state=state,
        )
    # Round 5: 21 admissible files, of which 2 were not approved.
    for index, codes in enumerate(rejected, start=1):
        places = _places(codes)
        _create_project(
            programme=programme,
            rnd=impl_rounds[5],
            track=impl_track,
            reference=f"DB-IT-5-X{index:02d}",
            title=f"Digibank {places[0][0].name_nl}",
            applicant=_org(f"Lokaal bestuur {places[0][0].name_nl}", places[0][0].code),
            places=places,
            requested=EURO("450000"),
            approved=None,
            status_path=["admissible", "rejected"],
            start=None,
            end=None,
        )


def _eib_ocmw_2022(programme, today):
    call, _ = Call.objects.update_or_create(
        programme=programme,
        name="E-inclusion for Belgium – OCMW 2022",
        defaults={
            "is_demo": True,
            "demo_note": "Demo: de lancering in mei 2022 is echt; de andere data zijn verzonnen.",
            "eligibility": "OCMW's en samenwerkingsverbanden met een OCMW als aanvrager.",
        },
    )
    track, _ = Track.objects.update_or_create(
        programme=programme, name="Project", defaults={"kind": TrackKind.PROJECT}
    )
    rnd = _round(call, 1, (D(2022, 5, 2), D(2022, 6, 30), D(2022, 8, 31), D(2022, 9, 30)), 40)
    if Project.objects.filter(programme=programme).exists():
        return
    # 11 projects in Flanders (22 OCMW's: the Bruges-region Digiscan with 10), 21 in Wallonia
    # (40 OCMW's) and 8 in Brussels (11 OCMW's): 40 projects, 73 OCMW's.
    digiscan = [
        "31005",
        "31003",
        "31004",
        "31006",
        "31012",
        "31043",
        "31022",
        "31040",
        "31033",
        "31042",
    ]
    flemish = _pool(set(digiscan))[-12:]
    walloon = list(
        Municipality.objects.filter(region_id=WALLOON)
        .order_by("code")
        .values_list("code", flat=True)[:40]
    )
    brussels = list(
        Municipality.objects.filter(region_id=BRUSSELS)
        .order_by("code")
        .values_list("code", flat=True)[:11]
    )
    regions = [
        ("VL", [digiscan, *_chunks(flemish, [2, 2] + [1] * 8)]),
        ("WAL", list(_chunks(walloon, [2] * 19 + [1, 1]))),
        ("BXL", list(_chunks(brussels, [2, 2, 2] + [1] * 5))),
    ]
    number = 0
    for region, groups in regions:
        share = (EURO("2000000") / len(groups)).quantize(CENT)
        for index, codes in enumerate(groups):
            number += 1
            places = _places(codes)
            first = places[0][0]
            word = "OCMW" if region == "VL" else "CPAS"
            name = first.name_nl if region == "VL" else first.name_fr
            applicant = _org(f"{word} {name}", first.code, OrganisationKind.OCMW)
            amount = (
                share if index < len(groups) - 1 else EURO("2000000") - share * (len(groups) - 1)
            )
            title = "Digiscan regio Brugge" if codes is digiscan else f"E-inclusie {name}"
            project = _create_project(
                programme=programme,
                rnd=rnd,
                track=track,
                reference=f"EIB-OCMW22-{region}-{index + 1:02d}",
                title=title,
                applicant=applicant,
                places=places,
                requested=amount,
                approved=amount,
                status_path=["admissible", "approved", "running"],
                start=D(2022, 10, 1),
                end=D(2024, 12, 31),
            )
            for municipality, _former in places[1:]:
                partner_name = municipality.name_nl if region == "VL" else municipality.name_fr
                project.partner_links.create(
                    organisation=_org(
                        f"{word} {partner_name}", municipality.code, OrganisationKind.OCMW
                    ),
                    role="OCMW-partner",
                )
            state = ("approved", "submitted", "due")[number % 3]
            if state != "due":
                services.change_status(
                    project=project, to=ProjectStatus.CLOSED, on=D(2025, 4, 30), by_name="POD MI"
                )
            _finance(
                project,
                today=today,
                balance_paid=state != "due",
                final_due=D(2025, 3, 31),
                final_state=state if state != "due" else "due",
            )


UPCOMING_CALL_NOTE = (
    "Demo: deze oproep en haar rondes zijn verzonnen. De data worden bij het laden van de "
    "demo berekend vanaf de dag van vandaag, zodat er altijd een open en een komende ronde is."
)


def _open_and_upcoming_rounds(programme, today: datetime.date) -> None:
    """An invented call with one round open now and one to come, so that the calls tracker
    has something to show; loading again moves the dates along, it adds nothing."""
    call, _ = Call.objects.update_or_create(
        programme=programme,
        name="Lokale proeftuinen e-inclusie (demo)",
        defaults={
            "is_demo": True,
            "demo_note": UPCOMING_CALL_NOTE,
            "description": "Kleine proefprojecten die digitale hulp dichter bij de mensen "
            "brengen: spreekuren in buurthuizen, bibliotheken en wachtzalen.",
            "eligibility": "Lokale besturen, alleen of samen met digibanken en partners; "
            "tot 40.000 euro per project.",
            "max_amount": EURO("40000"),
        },
    )
    days = datetime.timedelta
    _round(call, 1, (today - days(21), today + days(24), today + days(54), today + days(84)))
    _round(call, 2, (today + days(60), today + days(120), today + days(150), today + days(180)))


@transaction.atomic
def load(out, context: dict) -> dict:
    """Create or update the programme demo data; running it twice changes nothing."""
    today = timezone.localdate()
    programmes = _programmes(_funders())
    _digibanken(programmes["digibanken"], context, today)
    _eib_ocmw_2022(programmes["eib-ocmw-2022"], today)
    # A programme without an end date, so the invented call does not outlive it.
    _open_and_upcoming_rounds(programmes["city-deal-e-inclusion-by-design"], today)
    out.write(
        f"Programmes: {Programme.objects.count()} programmes, {Project.objects.count()} projects."
    )
    return {"programmes": programmes}
