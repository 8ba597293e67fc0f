import itertools

from django import template

from digibank.accounts import permissions
from digibank.core import stats

register = template.Library()

# Ids only need to be unique within one page; a process-wide counter also keeps
# them unique across includes and loops.
_ids = itertools.count(1)


@register.simple_tag
def unique_id(prefix: str = "id") -> str:
    """{% unique_id "table" as tid %}: an id for aria-labelledby that no other element has."""
    return f"{prefix}-{next(_ids)}"


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (filters survive paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def suppress(count):
    """Counts below five show as "<5" in anonymous figures."""
    return stats.suppress(count)


@register.simple_tag(takes_context=True)
def can(context, action: str, digibank=None) -> bool:
    """{% can "person.export" person.digibank as may_export %}"""
    request = context["request"]
    return permissions.can(request.user, action, digibank or getattr(request, "digibank", None))


@register.filter
def get(mapping, key):
    """{{ counts|get:code }}: a value from a dict, or 0."""
    try:
        return mapping.get(key, 0)
    except AttributeError:
        return 0
