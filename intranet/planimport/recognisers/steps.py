"""A routine step's parts: who is responsible ("Ansvar: rektor") and when ("innen 3 dager", "straks")."""

import re

# "Ansvar: rektor", "Responsible: ...", or a sentence of its own: ". Ansvar elevtjenesten".
RESPONSIBLE = re.compile(
    r"(?:\b(?i:ansvar(?:lig)?|responsible)\s*:|(?:^|[.;]\s+)(?:Ansvar(?:lig)?|Responsible)\s)\s*(.+)$"
)
WHEN = re.compile(
    r"\b(straks|umiddelbart|med en gang|samme dag|same dag|første skoledag\w*|første dag\w*|"
    r"innen \d+\s*(?:timer|dager|dagar|uker|veker|hours|days|weeks)|within \d+\s*(?:hours|days|weeks)|"
    r"at once|immediately)\b",
    re.IGNORECASE,
)


def split_responsible(text: str) -> tuple[str, str]:
    """("what is done", "who answers for it") from "Foreldremøte. Ansvar: avdelingsleder"; ("text", "") if none."""
    match = RESPONSIBLE.search(text)
    if not match or match.start() == 0:
        return text.strip(), ""
    return text[: match.start()].strip(" .,;:–-"), match.group(1).strip()


def when_of(text: str) -> str:
    """The time a step names ("innen 3 dager"), as written; "" when it names none."""
    match = WHEN.search(text)
    return match.group(1) if match else ""
