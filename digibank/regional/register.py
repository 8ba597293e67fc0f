"""The public register of awarded subsidies: who got how much, for what, and where.

One row per awarded project (approved, running, extended or closed). The columns are
documented in ``docs/register-schema.md``; change both together. Municipalities are the
current ones; a name the funder used before the 2025 mergers is shown beside its
successor, so a project is never counted twice.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from digibank.programmes.models import AWARDED, Project, ProjectMunicipality

# (column, description) in the CSV's order; docs/register-schema.md lists the same.
SCHEMA = (
    ("funder", _("The government department or agency that pays.")),
    ("funder_enterprise_number", _("The funder's enterprise number (KBO/BCE), if known.")),
    ("programme", _("The subsidy programme.")),
    ("call_round", _("The call and its round in which the project applied.")),
    ("project_reference", _("The funder's file number; unique within the programme.")),
    ("decision_date", _("Date of the award decision, YYYY-MM-DD.")),
    ("decision_reference", _("Reference of the award decision, if published.")),
    ("beneficiary", _("The organisation that received the subsidy (the applicant).")),
    (
        "beneficiary_enterprise_number",
        _("The beneficiary's enterprise number (KBO/BCE), ten digits."),
    ),
    ("purpose", _("Title and purpose of the project.")),
    ("amount_awarded_eur", _("Amount awarded in euro, with a dot before the cents.")),
    ("status", _("approved, running, extended or closed.")),
    (
        "municipality_codes",
        _("REFNIS codes of the municipalities served (since 2025), separated by |."),
    ),
    (
        "municipalities",
        _("Their names, separated by |; a name used before the 2025 mergers in brackets."),
    ),
    ("provinces", _("The provinces (or Brussels) of those municipalities, separated by |.")),
    ("demo_data", _("true when details of the row were invented for a demonstration.")),
)
COLUMNS = tuple(name for name, _description in SCHEMA)


def awarded_projects(programme=None, province=None):
    """Awarded projects with everything a row needs, in a fixed number of queries."""
    projects = (
        Project.objects.filter(status__in=AWARDED)
        .select_related("programme__funder", "applicant", "round__call")
        .prefetch_related(
            Prefetch(
                "places",
                queryset=ProjectMunicipality.objects.select_related(
                    "municipality__province", "former"
                ).order_by("municipality__name_nl", "former__name_nl"),
            )
        )
        .order_by("-decided_on", "programme__name", "reference", "pk")
    )
    if programme is not None:
        projects = projects.filter(programme=programme)
    if province is not None:
        projects = projects.filter(places__municipality__province=province).distinct()
    return projects


def place_names(project) -> list[str]:
    """ "Tongeren-Borgloon (formerly Borgloon)": the successor, and the name the funder used."""
    names: dict[str, list[str]] = {}
    for place in project.places.all():
        formers = names.setdefault(place.municipality.name, [])
        if place.former_id:
            formers.append(place.former.name)
    return [
        f"{name} (" + str(_("formerly %(names)s") % {"names": ", ".join(formers)}) + ")"
        if formers
        else name
        for name, formers in names.items()
    ]


def _text(value: str) -> str:
    """Text that a spreadsheet will not run as a formula (OWASP "CSV injection")."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def row(project) -> dict:
    places = list(project.places.all())
    codes = list(dict.fromkeys(p.municipality_id for p in places))
    provinces = list(dict.fromkeys(p.municipality.province.short_name for p in places))
    funder = project.programme.funder
    return {
        "funder": _text(funder.name),
        "funder_enterprise_number": funder.enterprise_number,
        "programme": _text(project.programme.name),
        "call_round": _text(str(project.round)),
        "project_reference": _text(project.reference),
        "decision_date": project.decided_on.isoformat() if project.decided_on else "",
        "decision_reference": _text(project.decision_reference),
        "beneficiary": _text(project.applicant.name),
        "beneficiary_enterprise_number": project.applicant.enterprise_number,
        "purpose": _text(project.title + (f": {project.purpose}" if project.purpose else "")),
        "amount_awarded_eur": (
            f"{project.amount_approved:.2f}" if project.amount_approved is not None else ""
        ),
        "status": project.status,
        "municipality_codes": "|".join(codes),
        "municipalities": _text("|".join(place_names(project))),
        "provinces": "|".join(provinces),
        "demo_data": "true" if project.is_demo else "false",
    }


def write_csv(projects, out) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for project in projects.iterator(chunk_size=500):
        writer.writerow(row(project))


def as_csv(projects) -> str:
    buffer = io.StringIO()
    write_csv(projects, buffer)
    return buffer.getvalue()
