"""Digi-weetjes: double opt-in, one-click unsubscribe, and never the same issue twice."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from digibank.regional import services
from digibank.regional.models import Delivery, Subscriber
from digibank.regional.tests import factories as rf

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 2)  # a Wednesday: last week is 23-29 November


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def news():
    prog = rf.programme("Digibanken")
    rnd = rf.call_round(
        prog, opens_on=datetime.date(2026, 12, 1), closes_on=datetime.date(2026, 12, 20)
    )
    rf.project(rnd, municipalities=["31004"], decided_on=datetime.date(2026, 11, 25))
    return rnd


def _subscribe(client, email="reader@example.org", **extra):
    return client.post(reverse("regional:subscribe"), {"email": email, "language": "nl", **extra})


def test_double_opt_in(client):
    response = _subscribe(client)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None
    assert len(mail.outbox) == 1
    confirm_path = _path(_link(mail.outbox[0]))
    # Opening the link asks first (mail scanners open links); the button confirms.
    assert client.get(confirm_path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    assert client.post(confirm_path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_confirmation_link_expires_and_bad_links_get_a_message(client):
    _subscribe(client)
    confirm_path = _path(_link(mail.outbox[0]))
    later = timezone.now() + datetime.timedelta(days=services.CONFIRM_DAYS + 1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(confirm_path)
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()  # Dutch: "expired"
    assert Subscriber.objects.get().confirmed_at is None
    response = client.get(reverse("regional:confirm", args=["nonsense"]))
    assert response.status_code == 400


def test_subscribing_again_does_not_tell_or_flood(client):
    _subscribe(client)
    _subscribe(client, email="READER@example.org")
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1  # a second mail only after RESEND_MINUTES
    response = _subscribe(client, email="not an address")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_digest_goes_once_to_confirmed_subscribers_with_one_click_unsubscribe(client, news):
    confirmed = Subscriber.objects.create(email="a@example.org", confirmed_at=timezone.now())
    Subscriber.objects.create(email="b@example.org")  # never confirmed
    result = services.send_digest(kind="week", today=TODAY)
    assert (result.digest.key, result.sent) == ("2026-W48", 1)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    message = mail.outbox[0]
    assert "Digibanken" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url in message.body
    # Run again (cron twice, or in parallel): nothing more is sent.
    again = services.send_digest(kind="week", today=TODAY)
    assert (again.sent, again.already) == (0, 1)
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().sent_at is not None
    # RFC 8058: the mail program POSTs without a CSRF token; the address is deleted.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(
        _path(unsubscribe_url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=confirmed.pk).exists()
    # The link still answers kindly afterwards.
    assert client.post(_path(unsubscribe_url)).status_code == 200


def test_failed_mail_is_retried_next_run(news):
    Subscriber.objects.create(email="a@example.org", confirmed_at=timezone.now())
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("server down")
    ):
        assert services.send_digest(kind="week", today=TODAY).failed == 1
    assert not Delivery.objects.exists()
    assert services.send_digest(kind="week", today=TODAY).sent == 1


def test_nothing_to_tell_sends_nothing_and_command_reports(capsys):
    Subscriber.objects.create(email="a@example.org", confirmed_at=timezone.now())
    old = Subscriber.objects.create(email="old@example.org")
    Subscriber.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    call_command("send_digest", "--period", "month", "--date", "2026-12-02")
    out = capsys.readouterr().out
    assert "2026-11" in out and "sent 0" in out and "deleted: 1" in out
    assert mail.outbox == []


def test_tokens_are_bound_to_the_address():
    subscriber = Subscriber.objects.create(email="a@example.org")
    token = services.unsubscribe_token(subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(email="other@example.org")
    assert services.unsubscribe(token=token) is False
    assert Subscriber.objects.exists()
    with pytest.raises(services.DigestError):
        services.unsubscribe(token=signing.dumps({"id": subscriber.pk}, salt="wrong"))


def test_period_keys():
    assert services.period_for("week", datetime.date(2026, 1, 5))[0] == "2026-W01"
    assert services.period_for("month", datetime.date(2026, 1, 5))[1:] == (
        datetime.date(2025, 12, 1),
        datetime.date(2025, 12, 31),
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_senders_send_each_issue_once(news):
    import threading

    from django.db import connection

    for i in range(6):
        Subscriber.objects.create(email=f"r{i}@example.org", confirmed_at=timezone.now())
    barrier = threading.Barrier(3)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(services.send_digest(kind="week", today=TODAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.sent for r in results) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"r{i}@example.org" for i in range(6))
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 6


def test_an_old_unconfirmed_address_that_asked_again_keeps_its_fresh_link():
    old = timezone.now() - datetime.timedelta(days=services.CONFIRM_DAYS + 5)
    subscriber = services.subscribe(email="ann@example.org", language="nl")
    Subscriber.objects.filter(pk=subscriber.pk).update(created_at=old)
    stale = services.subscribe(email="bob@example.org", language="nl")
    Subscriber.objects.filter(pk=stale.pk).update(created_at=old, confirmation_sent_at=old)
    assert services.purge_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ann@example.org"]
