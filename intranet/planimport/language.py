"""Which language a document is written in: bokmål, nynorsk or English, from their common words.

Honest and simple: count words that are frequent in one of the three and rare in the others (bokmål
"ikke", "jeg", "hva"; nynorsk "ikkje", "eg", "kva"; English "the", "and"). Too few such words: unknown.
"""

import re

MARKERS = {
    "nb": {
        "ikke",
        "gjør",
        "kommer",
        "noe",
        "mye",
        "hun",
        "hvorfor",
        "jeg",
        "hva",
        "hvem",
        "hvordan",
        "hvis",
        "dere",
        "deres",
        "også",
        "eller",
        "skal",
        "skolen",
        "elevene",
        "fra",
        "mellom",
        "være",
        "blir",
        "gjennom",
        "noen",
        "andre",
        "ansatte",
        "foresatte",
        "mistanke",
        "ved",
        "hvor",
        "etter",
        "sammen",
        "lærer",
        "kontaktlærer",
        "helsesykepleier",
        "hjem",
        "bekymring",
        "tiltak",
        "oppfølging",
        "gjøre",
        "denne",
        "dette",
        "kan",
        "ble",
        "har",
    },
    "nn": {
        "ikkje",
        "gjer",
        "kjem",
        "noko",
        "mykje",
        "ho",
        "kvifor",
        "eg",
        "kva",
        "kven",
        "korleis",
        "dersom",
        "dykk",
        "dykkar",
        "òg",
        "eller",
        "skal",
        "skulen",
        "elevane",
        "frå",
        "mellom",
        "vere",
        "blir",
        "gjennom",
        "nokon",
        "andre",
        "tilsette",
        "føresette",
        "mistanke",
        "ved",
        "kvar",
        "etter",
        "saman",
        "lærar",
        "kontaktlærar",
        "helsesjukepleiar",
        "heim",
        "uro",
        "tiltak",
        "oppfølging",
        "gjere",
        "denne",
        "dette",
        "kan",
        "vart",
        "har",
        "ein",
        "eit",
    },
    "en": {
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "with",
        "for",
        "when",
        "who",
        "what",
        "not",
        "school",
        "students",
        "staff",
        "parents",
        "teacher",
        "suspicion",
        "should",
        "will",
        "this",
        "that",
        "from",
    },
}
# Words of one language only: they decide between bokmål and nynorsk, which share most words.
ONLY = {
    lang: words - set().union(*(other for key, other in MARKERS.items() if key != lang))
    for lang, words in MARKERS.items()
}
WORD = re.compile(r"[a-zæøåàòé]+")
MIN_EVIDENCE = 3


def detect_language(text: str) -> str | None:
    """'nb', 'nn' or 'en', or None when the text has too few telling words to say."""
    counts = dict.fromkeys(ONLY, 0)
    for word in WORD.findall(text.lower()):
        for lang, words in ONLY.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=counts.get)
    if counts[best] < MIN_EVIDENCE:
        return None
    runner_up = max(count for lang, count in counts.items() if lang != best)
    return best if counts[best] > runner_up else None
