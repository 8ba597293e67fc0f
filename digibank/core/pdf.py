"""PDF documents (receipts, agreements, certificates, labels) from Django templates."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """Render a template to PDF, in ``language`` if given (a person's own language)."""
    import weasyprint  # imported late: it loads system libraries

    with translation.override(language or translation.get_language()):
        html = render_to_string(template_name, context)
    return weasyprint.HTML(string=html, base_url=None).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
