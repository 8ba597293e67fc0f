"""The one scoping mechanism: every tenant-owned model's manager has ``for_user``.

A model that belongs to a digibank has a ``digibank`` foreign key, uses
``TenantQuerySet.as_manager()`` and names the action that lets a user see it in
``view_action``. Views fetch through ``for_user`` and then check the specific action with
``require``: out of scope gives 404 (we leak nothing), in scope but not allowed gives 403.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from digibank.accounts import permissions


class TenantQuerySet(models.QuerySet):
    def for_user(self, user, action: str | None = None):
        """Rows in the digibanken where ``user`` may do ``action`` (default: view)."""
        action = action or self.model.view_action
        scope = permissions.digibank_scope(user, action)
        if scope is permissions.ALL:
            return self.all()
        if not scope:
            return self.none()
        return self.filter(digibank_id__in=scope)

    def in_digibank(self, digibank):
        return self.filter(digibank=digibank)


def get_for_user_or_404(queryset, user, action: str | None = None, **lookup):
    """Fetch one object through the user's scope; 404 outside it, 403 for a missing right.

    ``queryset`` may be a model or a queryset of a tenant-owned model.
    """
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    view_action = queryset.model.view_action
    try:
        obj = queryset.for_user(user, view_action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action and action != view_action:
        require(user, action, obj.digibank_id)
    return obj


def require(user, action: str, digibank) -> None:
    """Raise PermissionDenied (403) unless the user may do ``action`` in ``digibank``."""
    if not permissions.can(user, action, digibank):
        raise PermissionDenied


def active_digibank(request, action: str):
    """The digibank the user works in now, if they may do ``action`` there; else 403.

    For lists and new records. A user without an active digibank (a funder or a platform
    administrator) has nothing to list or create here.
    """
    digibank = getattr(request, "digibank", None)
    if digibank is None:
        raise PermissionDenied
    require(request.user, action, digibank)
    return digibank
