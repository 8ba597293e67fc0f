"""Menu texts of this module (used by core/navigation.py), kept in this app's catalogue."""

from django.utils.translation import gettext_lazy as _

DIGISCAN = _("Digiscan")
DIGISCAN_DESCRIPTION = _("Map digital skills with a person, and what to do next.")
SCREENINGS = _("Staff screenings")
SCREENINGS_DESCRIPTION = _("Anonymous figures of the digital skills of your staff.")
