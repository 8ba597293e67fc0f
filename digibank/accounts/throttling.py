"""Login throttling (django-axes) counts failures per e-mail address and client address.

Logging in matches the address without regard to case, so the throttle must too: else
``Ana@…`` and ``ana@…`` would each get their own five tries.
"""


def login_username(request, credentials) -> str | None:
    """The username axes counts failures for: trimmed and lower-cased like the login."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    if not username:
        return username
    return username.strip().lower()
