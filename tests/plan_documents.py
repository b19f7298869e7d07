"""Plan documents the plan-import tests make themselves, in our own words, shaped like the plans schools
have: an annual wheel month by month, routines with who is responsible, measures per year level, a contact
list. Written as .docx (python-docx), .odt (odfpy), PDF (WeasyPrint) and Markdown."""

import io
from html import escape

# (kind, text): "title", "heading", "paragraph", "bullet", "number"
PLAN = [
    ("title", "Rusforebyggende plan for Eikeli skole"),
    (
        "paragraph",
        "Planen viser hvordan skolen jobber for at elevene skal ta gode valg, og hva de ansatte gjør når de "
        "blir bekymret.",
    ),
    ("heading", "Formål"),
    ("paragraph", "Skolen skal ha et trygt miljø der ingen går alene med bekymringene sine."),
    ("heading", "Årshjul"),
    ("bullet", "Datoene kommer i eget skriv"),
    ("heading", "August"),
    ("bullet", "Foreldremøte for 8. trinn om rus og gruppepress. Ansvar: kontaktlærer"),
    ("heading", "September"),
    ("bullet", "Temadag om alkohol for Vg1. Ansvar: helsesykepleier og rådgiver"),
    ("heading", "Mars"),
    ("bullet", "Evaluering av planen sammen med elevrådet. Ansvar: rektor"),
    ("heading", "Rutiner ved mistanke"),
    ("number", "Kontaktlærer tar en samtale med eleven samme dag."),
    ("number", "Avdelingsleder kontakter foresatte innen 3 dager."),
    ("number", "Miljøterapeut følger opp eleven de neste ukene."),
    ("heading", "Tiltak per trinn"),
    ("paragraph", "8. trinn: Samtaler om vennskap og gruppepress i klassens time."),
    ("paragraph", "9. trinn: Besøk fra politiet om rusmidler og lovverk."),
    ("heading", "Kontakter"),
    ("bullet", "Kari Nordmann, helsesykepleier, 912 34 567"),
    ("bullet", "Ola Hansen, rådgiver, ola.hansen@eikeli.example.no"),
    ("bullet", "Politiet: 02800"),
    ("bullet", "Legevakt: 116 117"),
    ("heading", "Gammelt vedlegg"),
    ("bullet", "Se permen på personalrommet"),
]

ENGLISH = [
    ("title", "Our drug prevention plan"),
    (
        "paragraph",
        "This is what the school does when staff are worried about a student, and who is responsible for it.",
    ),
    ("heading", "When drug use is suspected"),
    ("number", "The contact teacher talks with the student the same day and writes down what was said."),
    ("number", "The head of department calls the parents when the student is under 18."),
]


def docx_bytes(parts=PLAN) -> bytes:
    import docx

    document = docx.Document()
    styles = {"title": "Title", "heading": "Heading 1", "bullet": "List Bullet", "number": "List Number"}
    for kind, text in parts:
        document.add_paragraph(text, style=styles.get(kind))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(parts=PLAN) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    current_list = None
    for kind, text in parts:
        if kind in ("bullet", "number"):
            if current_list is None:
                current_list = List()
                document.text.addElement(current_list)
            item = ListItem()
            item.addElement(P(text=text))
            current_list.addElement(item)
            continue
        current_list = None
        if kind in ("title", "heading"):
            document.text.addElement(H(outlinelevel=1 if kind == "title" else 2, text=text))
        else:
            document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def markdown_text(parts=PLAN) -> str:
    marks = {"title": "# ", "heading": "## ", "bullet": "- ", "number": "1. ", "paragraph": ""}
    return "\n\n".join(marks[kind] + text for kind, text in parts) + "\n"


def pdf_bytes(parts=PLAN) -> bytes:
    from weasyprint import HTML

    tags = {"title": "h1", "heading": "h2", "paragraph": "p", "bullet": "p", "number": "p"}
    prefix = {"bullet": "• ", "number": ""}
    body = []
    numbers = 0
    for kind, text in parts:
        numbers = numbers + 1 if kind == "number" else 0
        lead = f"{numbers}. " if kind == "number" else prefix.get(kind, "")
        body.append(f"<{tags[kind]}>{escape(lead + text)}</{tags[kind]}>")
    return HTML(string=f"<html lang='nb'><body>{''.join(body)}</body></html>").write_pdf()


def scanned_pdf_bytes() -> bytes:
    """A PDF with a drawing and no text layer, like a scanned page."""
    from weasyprint import HTML

    page = "<html><body><div style='width:10cm;height:10cm;background:#333'></div></body></html>"
    return HTML(string=page).write_pdf()


def protected_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="hemmelig", owner_password="hemmelig2", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
