"""Writes and mail of the regional module: subscribing to the digest, and sending it.

Double opt-in: ``subscribe`` stores the address unconfirmed and mails a signed link that
expires after ``CONFIRM_DAYS``; only ``confirm`` makes it receive digests. Unsubscribing
deletes the address (we keep no list of former subscribers). ``send_digest`` claims one
``Delivery`` row per subscriber before sending, so the unique constraint on it stops a
second run (or a parallel one) from sending the same issue twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digibank.programmes.models import AWARDED, Project, Round
from digibank.regional.models import Delivery, Digest, Subscriber

log = logging.getLogger(__name__)

CONFIRM_DAYS = 3
CONFIRM_SALT = "digibank.regional.confirm"
UNSUBSCRIBE_SALT = "digibank.regional.unsubscribe"
# One confirmation mail per address per this many minutes: nobody can bomb an inbox.
RESEND_MINUTES = 10
UPCOMING_DAYS = 42


class DigestError(Exception):
    """A link that does not work (any more); the message is for the user."""


def _token(subscriber: Subscriber, salt: str) -> str:
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email.lower()}, salt=salt)


def confirm_token(subscriber: Subscriber) -> str:
    return _token(subscriber, CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return _token(subscriber, UNSUBSCRIBE_SALT)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def subscribe(*, email: str, language: str, province=None) -> Subscriber:
    """Ask for the digest. The same answer whether the address is new or known."""
    email = email.strip()
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email, language=language, province=province
                    )
            except IntegrityError:
                # The same address, subscribed at the same moment by a parallel request.
                return Subscriber.objects.get(email__iexact=email)
        elif subscriber.confirmed_at is None:
            subscriber.language, subscriber.province = language, province
            subscriber.save(update_fields=["language", "province"])
        recent = subscriber.confirmation_sent_at and (
            now - subscriber.confirmation_sent_at < datetime.timedelta(minutes=RESEND_MINUTES)
        )
        if subscriber.confirmed_at is not None or recent:
            # Confirmed addresses get no new mail: that would tell a stranger they exist.
            return subscriber
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
    _send_confirmation(subscriber)
    return subscriber


def _send_confirmation(subscriber: Subscriber) -> None:
    with translation.override(subscriber.language):
        link = absolute(reverse("regional:confirm", args=[confirm_token(subscriber)]))
        context = {"link": link, "days": CONFIRM_DAYS}
        message = EmailMultiAlternatives(
            subject=_("Confirm your subscription to Digi-weetjes"),
            body=render_to_string("regional/email/confirm.txt", context),
            to=[subscriber.email],
        )
        message.send()


def _load(token: str, salt: str, max_age=None) -> Subscriber | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise DigestError(_("This link has expired. Subscribe again to get a new link.")) from exc
    except signing.BadSignature as exc:
        raise DigestError(
            _("This link is not valid. Copy the whole link from the e-mail.")
        ) from exc
    return Subscriber.objects.filter(pk=data.get("id"), email__iexact=data.get("email")).first()


def check_confirm_token(token: str) -> Subscriber:
    subscriber = _load(token, CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))
    if subscriber is None:
        raise DigestError(_("This link is not valid any more. Subscribe again."))
    return subscriber


def confirm(*, token: str) -> Subscriber:
    subscriber = check_confirm_token(token)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def unsubscribe(*, token: str) -> bool:
    """Delete the subscriber. True when it existed; unsubscribing twice is fine."""
    subscriber = _load(token, UNSUBSCRIBE_SALT)
    if subscriber is None:
        return False
    subscriber.delete()
    return True


def purge_unconfirmed(now=None) -> int:
    """Addresses never confirmed are deleted once their link has expired."""
    limit = (now or timezone.now()) - datetime.timedelta(days=CONFIRM_DAYS)
    # By the last link sent: subscribing again sends a fresh link for the same row.
    deleted, _rows = (
        Subscriber.objects.filter(confirmed_at__isnull=True)
        .filter(
            Q(confirmation_sent_at__lt=limit)
            | Q(confirmation_sent_at__isnull=True, created_at__lt=limit)
        )
        .delete()
    )
    return deleted


# --- The digest ---------------------------------------------------------------------


def period_for(kind: str, today: datetime.date) -> tuple[str, datetime.date, datetime.date]:
    """The last complete week or month before ``today``, and its issue key."""
    if kind == "week":
        end = today - datetime.timedelta(days=today.isoweekday())
        start = end - datetime.timedelta(days=6)
        year, week, _day = start.isocalendar()
        return f"{year}-W{week:02d}", start, end
    if kind == "month":
        end = today.replace(day=1) - datetime.timedelta(days=1)
        return f"{end:%Y-%m}", end.replace(day=1), end
    raise ValueError(f"unknown period {kind!r}")


@dataclass
class DigestContent:
    opening: list  # rounds that open soon
    closing: list  # rounds whose deadline comes soon
    awarded: list  # projects awarded in the period

    def is_empty(self) -> bool:
        return not (self.opening or self.closing or self.awarded)


def content(digest: Digest, province=None) -> DigestContent:
    horizon = digest.period_end + datetime.timedelta(days=UPCOMING_DAYS)
    after = digest.period_end
    rounds = Round.objects.select_related("call__programme__funder").order_by(
        "closes_on", "opens_on", "pk"
    )
    awarded = (
        Project.objects.filter(
            status__in=AWARDED,
            decided_on__gte=digest.period_start,
            decided_on__lte=digest.period_end,
        )
        .select_related("programme", "applicant")
        .order_by("decided_on", "pk")
    )
    if province is not None:
        awarded = awarded.filter(places__municipality__province=province).distinct()
    return DigestContent(
        opening=list(rounds.filter(opens_on__gt=after, opens_on__lte=horizon)),
        closing=list(rounds.filter(closes_on__gt=after, closes_on__lte=horizon)),
        awarded=list(awarded),
    )


def digest_message(digest: Digest, subscriber: Subscriber, news: DigestContent):
    with translation.override(subscriber.language):
        unsubscribe_url = absolute(
            reverse("regional:unsubscribe", args=[unsubscribe_token(subscriber)])
        )
        context = {
            "digest": digest,
            "news": news,
            "unsubscribe_url": unsubscribe_url,
            "site_url": settings.SITE_URL,
            "register_url": absolute(reverse("regional:register")),
            "calendar_url": absolute(reverse("regional:calendar")),
        }
        message = EmailMultiAlternatives(
            subject=_("Digi-weetjes %(issue)s: calls and subsidies") % {"issue": digest.key},
            body=render_to_string("regional/email/digest.txt", context),
            to=[subscriber.email],
            headers={
                # RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe button.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": "Digi-weetjes <digi-weetjes.digibank>",
            },
        )
        message.attach_alternative(
            render_to_string("regional/email/digest.html", context), "text/html"
        )
    return message


@dataclass
class SendResult:
    digest: Digest
    sent: int = 0
    already: int = 0
    empty: int = 0
    failed: int = 0


def send_digest(*, kind: str = "week", today: datetime.date | None = None) -> SendResult:
    """Send this period's issue to every confirmed subscriber who did not get it yet."""
    today = today or timezone.localdate()
    key, start, end = period_for(kind, today)
    digest, _created = Digest.objects.get_or_create(
        key=key, defaults={"period_start": start, "period_end": end}
    )
    result = SendResult(digest)
    cache: dict = {}
    for subscriber in Subscriber.objects.confirmed().order_by("pk").iterator():
        province_id = subscriber.province_id
        if province_id not in cache:
            cache[province_id] = content(digest, subscriber.province)
        news = cache[province_id]
        if news.is_empty():
            result.empty += 1
            continue
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(digest=digest, subscriber=subscriber)
        except IntegrityError:
            result.already += 1
            continue
        try:
            digest_message(digest, subscriber, news).send()
        except Exception:  # any mail failure: release the claim, retry later
            log.exception("digest %s to subscriber %s failed", key, subscriber.pk)
            delivery.delete()
            result.failed += 1
            continue
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
        result.sent += 1
    return result
