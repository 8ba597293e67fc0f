"""Two staff members pick up the same inbox referral at the same moment: one gets it."""

import threading

import pytest
from django.db import connection

from digibank.referrals import services
from digibank.referrals.models import Referral
from digibank.referrals.tests.factories import FromPartnerFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_pick_up_wins(world):
    referral = FromPartnerFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    barrier = threading.Barrier(2)
    results = []

    def pick(user):
        try:
            barrier.wait()
            services.answer(referral=referral, by=user, accept=True)
            results.append("ok")
        except services.ReferralError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=pick, args=(u,)) for u in (world.staff_a, world.coordinator_a)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert Referral.objects.get(pk=referral.pk).status == "accepted"


def test_reminders_run_twice_at_once_send_once(world, settings, mailoutbox):
    import datetime

    from django.utils import timezone

    settings.REFERRAL_REMINDER_DAYS = 1
    referral = FromPartnerFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    world.digibank_a.email = "info@noord.example.org"
    world.digibank_a.save()
    Referral.objects.filter(pk=referral.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            services.send_reminders()
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(mailoutbox) == 1
