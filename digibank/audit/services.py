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
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    actor_label = getattr(actor, "email", None) or "system"
    return AuditEvent.objects.create(
        digibank_id=target.digibank_id,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=target.audit_label,
        fields=sorted(fields),
        note=note[:200],
    )
