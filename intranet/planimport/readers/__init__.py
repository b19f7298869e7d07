"""Reading a file into a `Document`: the format from the file's name, checked against its first bytes."""

from ..document import Document
from .errors import ImportRefused
from .office import read_docx, read_odt
from .pdf import read_pdf
from .text import read_text

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file is an OLE container, not a zip
PDF_MAGIC = b"%PDF-"
FORMATS = {"docx": "docx", "odt": "odt", "pdf": "pdf", "txt": "text", "text": "text", "md": "markdown"}
FORMATS["markdown"] = "markdown"

__all__ = ["ImportRefused", "read_document", "FORMATS"]


def file_format(filename: str, data: bytes) -> str:
    """The format a file is read as; ImportRefused when it is none of the known ones."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    found = FORMATS.get(extension)
    if found in ("docx", "odt") and data.startswith(OLE_MAGIC):
        raise ImportRefused("protected")
    expected = {"docx": ZIP_MAGIC, "odt": ZIP_MAGIC, "pdf": PDF_MAGIC}.get(found)
    if found is None or (expected and not data.startswith(expected)):
        raise ImportRefused("format")
    return found


def read_document(filename: str, data: bytes, max_bytes: int) -> Document:
    """The blocks of an uploaded file. Refused: too large, empty, an unknown format, protected, a scan."""
    if len(data) > max_bytes:
        raise ImportRefused("size", limit=max_bytes // (1024 * 1024))
    if not data.strip():
        raise ImportRefused("empty")
    kind = file_format(filename, data)
    if kind == "docx":
        document = read_docx(data)
    elif kind == "odt":
        document = read_odt(data)
    elif kind == "pdf":
        document = read_pdf(data)
    else:
        document = read_text(_decoded(data))
    if not document.blocks:
        raise ImportRefused("empty")
    return document


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\x00" in data:
            raise ImportRefused("format") from None
        return data.decode("cp1252", errors="replace")  # older Norwegian Windows text files
