from django import template

from digibank.assessments.models import Band

register = template.Library()


@register.filter
def band_label(code) -> str:
    return str(Band(code).label) if code in Band.values else "–"


@register.filter
def in_language(texts) -> str:
    from digibank.assessments.models import in_language as pick

    return pick(texts)
