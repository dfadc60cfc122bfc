"""The document engine: HTML in, an accessible PDF out, for every part of caseflow that prints.

A letter to a client is the main thing the municipality sends, and a PDF that a screen reader
cannot read is one the client cannot read. WeasyPrint writes PDF/UA-1: a tagged PDF (structure
tree, headings, lists and tables as such), the document's language and title in it, and every
font embedded (subsetted), so it looks and reads the same everywhere and for years.
Pages call `render_pdf` with a complete HTML document; its stylesheet sets the page (`@page`).
"""

from pathlib import Path

import weasyprint

# PDF/UA-1 (ISO 14289-1): tagged, with language and title; WeasyPrint embeds every font it uses.
PDF_VARIANT = "pdf/ua-1"


class PdfError(RuntimeError):
    """The document could not be written as PDF: a programming or installation error."""


def render_pdf(html: str, *, base_url: Path | str | None = None) -> bytes:
    """The PDF of `html`, a whole document with `<html lang>` and a `<title>` (PDF/UA needs both).

    `base_url` is where relative addresses (a logo, a stylesheet) are looked up; only files,
    never the network, are read.
    """
    if "<title>" not in html or " lang=" not in html:
        raise PdfError("a PDF/UA document needs a title and a language")
    document = weasyprint.HTML(
        string=html,
        base_url=str(base_url) if base_url is not None else None,
        # A letter never fetches anything from the network: logos and styles are our files.
        url_fetcher=weasyprint.URLFetcher(allowed_protocols={"file", "data"}),
    )
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    if not isinstance(pdf, bytes):
        raise PdfError("the document engine returned no PDF")
    return pdf
