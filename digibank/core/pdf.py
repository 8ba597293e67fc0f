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


def render_pdfs(documents) -> bytes:
    """One PDF of several documents, each ``(template, context, language)`` in its own
    language (e.g. every reminder letter of the day, each in its reader's language)."""
    import weasyprint

    rendered = []
    for template_name, context, language in documents:
        with translation.override(language or translation.get_language()):
            html = render_to_string(template_name, context)
        rendered.append(weasyprint.HTML(string=html, base_url=None).render())
    pages = [page for document in rendered for page in document.pages]
    return rendered[0].copy(pages).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
