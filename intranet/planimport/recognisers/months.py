"""Month names in bokmål, nynorsk and English, and a line that starts with one ("Mars: ...")."""

import re

NAMES = {
    1: ("januar", "january", "jan"),
    2: ("februar", "february", "feb"),
    3: ("mars", "march", "mar"),
    4: ("april", "apr"),
    5: ("mai", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nov"),
    12: ("desember", "december", "des", "dec"),
}
BY_NAME = {name: number for number, names in NAMES.items() for name in names}
FULL_NAMES = "|".join(sorted((n for n in BY_NAME if len(n) > 3), key=len, reverse=True))
_MONTH = rf"(?:{FULL_NAMES}|{'|'.join(n for n in BY_NAME if len(n) == 3)})\.?"
# "August", "August:", "Sept./okt.", "September – oktober:"; nothing else on the line.
MONTH_HEADING = re.compile(rf"^\s*({_MONTH}(?:\s*(?:/|-|–|og|and|to|til)\s*{_MONTH})*)\s*:?\s*$", re.IGNORECASE)
# "Mars: Russemøte ...", "September/oktober: ..."
MONTH_LEAD = re.compile(rf"^\s*({_MONTH}(?:\s*(?:/|-|–|og|and)\s*{_MONTH})*)\s*[:–-]\s*(.+)$", re.IGNORECASE)
ANY_MONTH = re.compile(rf"(?<!\w)({FULL_NAMES})(?!\w)", re.IGNORECASE)


def months_in(words: str) -> list[int]:
    """The month numbers named in a short phrase such as "September/oktober", in order."""
    found: list[int] = []
    for word in re.findall(r"[a-zæøå]+", words.lower()):
        number = BY_NAME.get(word)
        if number and number not in found:
            found.append(number)
    return found


def month_heading(text: str) -> list[int]:
    """The months a line that holds only month names names (a heading of the annual wheel); else []."""
    match = MONTH_HEADING.match(text)
    return months_in(match.group(1)) if match else []


def month_lead(text: str) -> tuple[list[int], str]:
    """A line starting "Month: activity": its months and the rest; ([], text) when it does not."""
    match = MONTH_LEAD.match(text)
    if not match:
        return [], text
    return months_in(match.group(1)), match.group(2).strip()


def months_named(text: str) -> list[int]:
    """Every full month name in a longer text, in order (abbreviations are too ambiguous there)."""
    return months_in(" ".join(ANY_MONTH.findall(text)))
