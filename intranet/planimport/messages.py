"""What the user is told when a file is refused, one message per reason (see readers/errors.py)."""

from flask_babel import gettext as _

from ..i18n import language_name
from .readers import ImportRefused


def refusal_message(refused: ImportRefused) -> str:
    reason, details = refused.reason, refused.details
    if reason == "size":
        return _("The file is too large: at most %(limit)d MB can be imported.", limit=details["limit"])
    if reason == "scan":
        return _(
            "No text found: this PDF is a scan (pictures of pages). Import the Word or text version of the "
            "plan, or a PDF made from it."
        )
    if reason == "protected":
        return _("The file is protected by a password. Save a copy without the password and import that.")
    if reason == "format":
        return _(
            "This kind of file cannot be imported. Use a Word file (.docx), an OpenDocument file (.odt), a PDF, "
            "or text (.txt, .md)."
        )
    if reason == "empty":
        return _("The file is empty: there is no text in it to import.")
    if reason == "language":
        return _(
            "The document seems to be written in %(found)s, not in %(chosen)s. Choose the language it is written in.",
            found=language_name(details["found"]),
            chosen=language_name(details["chosen"]),
        )
    return _("The file could not be read. It may be damaged; save it again and import the new copy.")
