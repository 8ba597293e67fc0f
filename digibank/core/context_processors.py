import functools

from django.conf import settings

from digibank.core import navigation
from digibank.geo.reference import ATTRIBUTION, LICENCE_URL


@functools.cache
def _municipality_names() -> tuple[str, ...]:
    from digibank.geo.models import Municipality

    names = set()
    for nl, fr in Municipality.objects.values_list("name_nl", "name_fr"):
        names.update((nl, fr))
    return tuple(sorted(names))


def shell(request):
    """What the base layout needs: menu, active digibank, other memberships."""
    user = getattr(request, "user", None)
    context = {
        "reference_attribution": ATTRIBUTION,
        "reference_licence_url": LICENCE_URL,
        "site_environment": settings.ENVIRONMENT,
        # A callable: only evaluated by the pages that include the datalist.
        "municipality_names": _municipality_names,
    }
    if user is not None and user.is_authenticated:
        digibank = getattr(request, "digibank", None)
        role = getattr(request, "role", None)
        context.update(
            menu=navigation.visible_items(user, digibank, role),
            active_digibank=digibank,
            active_role=role,
            memberships=getattr(request, "memberships", []),
        )
    return context
