from django import template

from digibank.knowledge import text

register = template.Library()


@register.filter
def guide_text(value):
    """Render a guide's text safely (see knowledge/text.py)."""
    return text.render(value)
