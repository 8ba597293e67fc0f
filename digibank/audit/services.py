"""Recording accesses to personal data. Called explicitly by the services and views that
show or change it, so that a reader of the code sees where logging happens."""

from collections.abc import Iterable

from digibank.audit.models import AuditAction, AuditEvent


def record(
    *,
    actor,
    action: str,
    target,
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEvent:
    """Log that ``actor`` did ``action`` on ``target`` (a model with digibank and
    ``audit_label``). ``actor`` may be None for the system (retention command)."""
    event = _event(actor=actor, action=action, target=target, note=note)
    event.fields = sorted(fields)
    event.save()
    return event


def record_many(*, actor, action: str, targets: Iterable, note: str = "") -> int:
    """Log ``action`` on each of ``targets`` (e.g. everyone on a printed list or in an
    export), once per target, in bulk: a list of thousands costs a few queries, not one
    per row. Returns the number of events written."""
    events, seen = [], set()
    for target in targets:
        key = (target._meta.label_lower, target.pk)
        if key not in seen:
            seen.add(key)
            events.append(_event(actor=actor, action=action, target=target, note=note))
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)


def _event(*, actor, action: str, target, note: str) -> AuditEvent:
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    return AuditEvent(
        digibank_id=target.digibank_id,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", None) or "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=target.audit_label,
        note=note[:200],
    )
