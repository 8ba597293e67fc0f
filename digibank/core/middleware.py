"""htmx support (one URL, two renderings: the full page, or the partial htmx asked for),
and a guard against NUL characters in request data."""

from django.contrib import messages
from django.core.exceptions import BadRequest


class HtmxMiddleware:
    """Sets ``request.htmx`` and forwards Django messages to htmx requests.

    A partial swapped in by htmx has no message area, so messages travel in an
    ``HX-Trigger`` header that base.js turns into the page's live message region.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.htmx = request.headers.get("HX-Request") == "true" and not request.headers.get(
            "HX-Boosted"
        )
        response = self.get_response(request)
        if request.htmx and 200 <= response.status_code < 300 and "HX-Trigger" not in response:
            pending = [str(m) for m in messages.get_messages(request)]
            if pending:
                import json

                response["HX-Trigger"] = json.dumps({"digibank:messages": pending})
        if request.htmx and response.status_code == 302:
            # htmx follows redirects silently; a login redirect must load the whole page.
            location = response["Location"]
            response.status_code = 204
            response["HX-Redirect"] = location
        return response


class RejectNulMiddleware:
    """A NUL character in a query or a form is never meant (PostgreSQL cannot even store
    or compare it): answer 400 with the usual "something went wrong" page, not a 500.
    Forms refuse it already; this also covers the views that read a parameter directly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        data = [request.GET]
        if request.method == "POST":  # the CSRF check has parsed the form already
            data.append(request.POST)
        for params in data:
            for key, values in params.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL character in the request")
        return self.get_response(request)
