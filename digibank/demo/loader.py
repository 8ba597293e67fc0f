"""Runs every module's demo data in order. A module adds its ``load`` here, by dotted path.

Order matters: later steps use what earlier ones made (the ``context`` dict).
"""

from django.utils.module_loading import import_string

from digibank.demo import foundation

STEPS = [
    foundation.load,
    "digibank.devices.demo.load",
    "digibank.loans.demo.load",
    "digibank.trainings.demo.load",
    "digibank.assessments.demo.load",
    "digibank.helpdesk.demo.load",
    "digibank.programmes.demo.load",
    "digibank.knowledge.demo.load",
    "digibank.referrals.demo.load",
    "digibank.regional.demo.load",
]


def load_all(out) -> dict:
    context: dict = {}
    for step in STEPS:
        if isinstance(step, str):
            step = import_string(step)
        result = step(out, context)
        context.update(result or {})
    return context


def print_logins(out, logins) -> None:
    out.write("")
    out.write(f"Demo logins (password for all: {foundation.DEMO_PASSWORD}):")
    for email, role, digibank in logins:
        out.write(f"  {email:42} {role:32} {digibank}")
