"""Year levels: upper secondary "Vg1"-"Vg3" (also "VG 2", "vg3") and lower grades "8. trinn",
"8.–10. trinn", "9. klasse"; written back in one form: "Vg1", "8. trinn", "8.–10. trinn"."""

import re

VG = re.compile(r"(?<!\w)vg\s*([1-3])(?!\w)", re.IGNORECASE)
GRADE = re.compile(
    r"(?<!\w)(10|[1-9])\.?\s*(?:(?:-|–|til|og)\s*(10|[1-9])\.?\s*)?(?:års)?(?:trinn|klasse|klassetrinn)\w*",
    re.IGNORECASE,
)
LEAD = re.compile(rf"^\s*(?:{VG.pattern}|{GRADE.pattern})\s*[:.–-]?\s*(.*)$", re.IGNORECASE)


def level_of(text: str) -> str:
    """The first year level named in `text`, written the one way ("" when none)."""
    vg, grade = VG.search(text), GRADE.search(text)
    if vg and (not grade or vg.start() < grade.start()):
        return f"Vg{vg.group(1)}"
    if grade:
        first, last = grade.group(1), grade.group(2)
        return f"{first}.–{last}. trinn" if last else f"{first}. trinn"
    return ""


def level_lead(text: str) -> tuple[str, str]:
    """A line starting with a year level ("Vg 1 Blue Cross teaching ..."): the level and the rest; ("", text) if not."""
    match = LEAD.match(text)
    if not match:
        return "", text
    return level_of(text[: match.start(4)]), match.group(4).strip()
