"""Plain text and Markdown: Markdown's `#` headings and list markers where they are written, and for
text copied out of a PDF or a word processor, headings guessed from short lines and wrapped lines joined.

A line is a heading when it is short, has no closing punctuation other than a colon, starts with a
capital and the text after it does not simply go on (a next line starting in lower case continues it).
A line starting in lower case continues the paragraph or list item before it, even across blank lines:
text taken out of a PDF often has a blank line after every printed line.
"""

import re

from ..document import HEADING, ITEM, PARAGRAPH, Block, Document

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Bullets as typed or as a PDF gives them back ("o " for a second-level bullet).
BULLET = re.compile(r"^\s*(?:[•\-\*–·▪○●◦■□➢►✓\uf0b7\uf0a7]|o(?=\s+[A-ZÆØÅ]))\s*(.+)$")
SUB_BULLETS = "o○◦▪"  # what a second-level list item starts with
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
# "1." / "2)" / "a)", but not a year level or a date written the Norwegian way ("8. trinn", "1. mai").
NUMBERED = re.compile(
    r"^\s*(?:\d{1,2}|[a-zA-Z])[.)]\s+(?!(?:trinn|klasse|årstrinn|steg|jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)\w*)(.+)$",
    re.IGNORECASE,
)
SENTENCE_END = (".", "!", "?", ";", ",")
MAX_HEADING_CHARACTERS = 80
MAX_HEADING_WORDS = 10


def read_text(text: str) -> Document:
    """The blocks of a text file (Markdown or plain)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    document = Document()
    previous_blank = True
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        _read_line(document, stripped, lines, number, previous_blank)
        previous_blank = False
    return document


def _read_line(document: Document, line: str, lines: list[str], number: int, previous_blank: bool) -> None:
    heading = MARKDOWN_HEADING.match(line)
    if heading:
        document.add(HEADING, heading.group(2), level=len(heading.group(1)))
        return
    if PAGE_NUMBER.match(line):  # a page number left by a PDF: no content
        return
    bullet, numbered = BULLET.match(line), NUMBERED.match(line)
    if bullet or numbered:
        raw = lines[number]
        indent = len(raw) - len(raw.lstrip())
        sub = indent >= 2 or (bullet is not None and line[0] in SUB_BULLETS)
        document.add(ITEM, (bullet or numbered).group(1), numbered=bool(numbered and not bullet), level=2 if sub else 0)
        return
    last = document.blocks[-1] if document.blocks else None
    if last is not None and last.kind != HEADING and _continues(line, last, previous_blank):
        last.text = f"{last.text} {' '.join(line.split())}"
        return
    indented = lines[number][:1].isspace()  # text taken out of a PDF often sets headings off this way
    if looks_like_heading(line, _next_line(lines, number), previous_blank or indented):
        document.add(HEADING, line.rstrip(":").strip() if line.endswith(":") and len(line) > 1 else line)
        return
    document.add(PARAGRAPH, line)


def _continues(line: str, before: Block, previous_blank: bool) -> bool:
    """Whether `line` goes on with the text before it rather than starting something new: a list item
    only with a line in lower case, a paragraph also with a line right under one not yet finished."""
    if line[0].islower() or line[0] in "(,;":
        return True
    return before.kind == PARAGRAPH and not previous_blank and not before.text.endswith((*SENTENCE_END, ":"))


def _next_line(lines: list[str], number: int) -> str:
    return next((line.strip() for line in lines[number + 1 :] if line.strip()), "")


def looks_like_heading(line: str, next_line: str, previous_blank: bool) -> bool:
    """A short line without closing punctuation, starting with a capital or a digit, that the next
    line does not simply go on from."""
    if len(line) > MAX_HEADING_CHARACTERS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if not (line[0].isupper() or line[0].isdigit()) or line.endswith((".", "!", ";", ",")):  # "Hvordan?" may head
        return False
    if next_line and (next_line[0].islower() or next_line[0] in "(,;"):
        return False
    return previous_blank or line.endswith(":")
