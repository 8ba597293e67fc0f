"""Checks for images in guides: a real picture of a common type, not too large."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
DEFAULT_MAX_BYTES = 3 * 1024 * 1024


def max_image_bytes() -> int:
    return getattr(settings, "KNOWLEDGE_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES)


def validate_guide_image(file) -> None:
    """A screenshot or photo: JPEG, PNG, WebP or GIF, at most a few megabytes.

    The size is checked before Pillow reads the file, so a huge upload costs nothing.
    """
    limit = max_image_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This picture is too large (%(size)s MB). Use a picture of at most %(max)s MB."),
            code="too_large",
            params={
                "size": f"{file.size / 1024 / 1024:.1f}",
                "max": f"{limit / 1024 / 1024:.0f}",
            },
        )
    from PIL import Image, UnidentifiedImageError

    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This file is not a picture we can read. Use a JPEG, PNG, WebP or GIF file."),
            code="not_an_image",
        ) from exc
    finally:
        file.seek(position)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Pictures of type %(kind)s are not accepted. Use a JPEG, PNG, WebP or GIF file."),
            code="bad_type",
            params={"kind": kind or "?"},
        )
