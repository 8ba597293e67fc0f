"""Runs every module's demo data in order. A module adds its ``load`` here."""

from digibank.demo import foundation
from digibank.helpdesk import demo as helpdesk_demo
from digibank.knowledge import demo as knowledge_demo
from digibank.referrals import demo as referrals_demo

STEPS = [foundation.load]
STEPS.append(helpdesk_demo.load)
STEPS.append(knowledge_demo.load)
STEPS.append(referrals_demo.load)


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
