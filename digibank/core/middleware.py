"""htmx support: one URL, two renderings (full page, or the partial htmx asked for)."""

from django.contrib import messages


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
