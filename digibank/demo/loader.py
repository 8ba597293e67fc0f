"""Runs every module's demo data in order. A module adds its ``load`` here."""

from digibank.assessments import demo as assessments_demo
from digibank.demo import foundation
from digibank.trainings import demo as trainings_demo

STEPS = [foundation.load, assessments_demo.load, trainings_demo.load]


def load_all(out) -> dict:
    context: dict = {}
    for step in STEPS:
        result = step(out, context)
        context.update(result or {})
    return context


def print_logins(out, logins) -> None:
    out.write("")
    out.write(f"Demo logins (password for all: {foundation.DEMO_PASSWORD}):")
    for email, role, digibank in logins:
        out.write(f"  {email:42} {role:32} {digibank}")
