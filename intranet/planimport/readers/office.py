"""Word (.docx, python-docx) and OpenDocument (.odt, odfpy) files: their own headings and lists."""

import io
import re
import zipfile

from ..document import HEADING, ITEM, PARAGRAPH, Document
from .errors import ImportRefused

HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)


def read_docx(data: bytes) -> Document:
    """Paragraphs by their style (Title, Heading n, List ...) and tables row by row, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportRefused("unreadable") from error
    document = Document()
    for part in word.iter_inner_content():
        if isinstance(part, Paragraph):
            _docx_paragraph(document, part)
        elif isinstance(part, Table):
            for row in part.rows:
                cells = _unique(cell.text.strip() for cell in row.cells)
                document.add(PARAGRAPH, " — ".join(cell for cell in cells if cell))
    return document


def _docx_paragraph(document: Document, paragraph) -> None:
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = HEADING_STYLE.match(style)
    if style == "Title" or heading:
        document.add(HEADING, paragraph.text, level=int(heading.group(1)) if heading else 1)
    elif style.startswith("List") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        document.add(ITEM, paragraph.text, numbered="Number" in style, level=2 if style.endswith((" 2", " 3")) else 0)
    else:
        document.add(PARAGRAPH, paragraph.text)


def _unique(cells):
    """A merged cell repeats in every column it spans: keep it once."""
    seen: list[str] = []
    for cell in cells:
        if not seen or seen[-1] != cell:
            seen.append(cell)
    return seen


def read_odt(data: bytes) -> Document:
    """text:h as headings (with their outline level), list items, paragraphs, in document order."""
    from odf import teletype
    from odf.opendocument import load

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            manifest = package.read("META-INF/manifest.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError) as error:
        raise ImportRefused("unreadable") from error
    if "encryption-data" in manifest:
        raise ImportRefused("protected")
    try:
        odt = load(io.BytesIO(data))
    except Exception as error:  # odfpy raises many kinds of errors on a broken file
        raise ImportRefused("unreadable") from error
    document = Document()
    _odt_walk(odt.text, document, teletype, depth=0)
    return document


def _odt_walk(element, document: Document, teletype, depth: int) -> None:
    """Headings, paragraphs and list items (`depth`: how many lists deep) under `element`, in order."""
    for child in element.childNodes:
        name = getattr(child, "qname", (None, None))[1]
        if name == "h":
            level = child.getAttribute("outlinelevel")
            document.add(HEADING, teletype.extractText(child), level=int(level) if level else 1)
        elif name == "p" and depth:
            document.add(ITEM, teletype.extractText(child), level=2 if depth > 1 else 0)
        elif name == "p":
            document.add(PARAGRAPH, teletype.extractText(child))
        elif name in ("list", "list-item"):
            _odt_walk(child, document, teletype, depth=depth + (name == "list"))
        elif name in ("section", "table", "table-row", "table-cell", "table-header-rows"):
            _odt_walk(child, document, teletype, depth=depth)
