"""PDF files (pdfminer.six): the text layer, then read as plain text (headings guessed, lines joined)."""

import io

from ..document import Document
from .errors import ImportRefused
from .text import read_text


def read_pdf(data: bytes) -> Document:
    """The PDF's text as blocks; refused when it is protected by a password or has no text (a scan)."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        text = extract_text(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ImportRefused("protected") from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise ImportRefused("unreadable") from error
    document = read_text(text.replace("\f", "\n\n"))
    if not document.blocks:
        raise ImportRefused("scan")
    return document
