"""Which of the template's sections a heading means: the section's own titles and a small table of
words that mean the same ("Rutiner ved mistanke" → the suspicion routine). Longer matches win."""

import re

# Template section key → phrases (lower case) that mean it, in bokmål, nynorsk and English.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "purpose": (
        "formål",
        "føremål",
        "mål",
        "målsetning",
        "målsetjing",
        "hovedmål",
        "delmål",
        "intensjon",
        "intensjoner",
        "bakgrunn",
        "innledning",
        "innleiing",
        "purpose",
        "goals",
        "aims",
    ),
    "measures_class": (
        "klasse/elev-nivå",
        "elevnivå",
        "klassenivå",
        "i klassen",
        "for den enkelte elev",
        "tiltak på klasse",
        "classroom",
    ),
    "measures_school": (
        "skolenivå",
        "skulenivå",
        "hele skolen",
        "heile skulen",
        "overordnede tiltak",
        "forebyggende tiltak",
        "førebyggjande tiltak",
        "tiltak",
        "årskull",
        "forebygging",
        "førebygging",
        "measures",
        "prevention",
    ),
    "signs": (
        "tegn",
        "teikn",
        "symptomer",
        "tegn og symptomer",
        "når bør",
        "signs",
        "bli bekymret",
        "være bekymret",
        "uro",
    ),
    "confidentiality": (
        "taushetsplikt",
        "teieplikt",
        "opplysningsplikt",
        "avvergingsplikt",
        "aktivitetsplikt",
        "confidentiality",
        "duty to",
    ),
    "routine_suspicion": (
        "ved mistanke",
        "mistanke om rus",
        "mistanke om rusbruk",
        "ved bekymring",
        "suspicion",
        "suspected",
    ),
    "routine_suspicion_persists": (
        "vedvarer",
        "mistanken vedvarer",
        "opprettholdes",
        "mistanken opprettholdes",
        "fortsatt mistanke",
        "persists",
    ),
    "routine_confirmed": ("bekreftet", "stadfesta", "avdekket", "brudd", "ved brudd", "confirmed"),
    "routine_intoxicated": (
        "ruset",
        "ruspåvirket",
        "påvirket",
        "beruset",
        "akutt",
        "akuttsituasjon",
        "ruspåverka",
        "intoxicated",
    ),
    "routine_follow_up": (
        "oppfølging",
        "oppfølging etter",
        "etter en hendelse",
        "tilbake på skolen",
        "follow-up",
        "follow up",
    ),
    "routine_suspected_sale": ("salg", "sal av", "omsetning", "mistanke om salg", "sale", "selling"),
    "routine_wondering": (
        "undringssamtale",
        "undring",
        "bekymringssamtale",
        "samtale med eleven",
        "concern conversation",
    ),
    "responsibilities": (
        "ansvarsfordeling",
        "hvem gjør hva",
        "kven gjer kva",
        "ansvar",
        "roller",
        "rolle",
        "lærerens rolle",
        "foreldre / foresatte",
        "who does what",
        "responsibilities",
    ),
    "annual_wheel": ("årshjul", "årsplan", "aktivitetsplan", "gjennom året", "annual wheel", "through the year"),
    "contacts": (
        "kontakter",
        "kontaktinformasjon",
        "kontaktpersoner",
        "telefonliste",
        "telefonnummer",
        "hjelpeinstanser",
        "samarbeidspartnere",
        "samarbeidspartnarar",
        "contacts",
        "who to call",
    ),
    "resources": (
        "ressurser",
        "ressursar",
        "lenker",
        "lenkjer",
        "nyttige lenker",
        "materiell",
        "støttemateriell",
        "resources",
        "links",
    ),
}


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w/\- ]+", " ", text.lower()).split())


def section_for(heading: str, titles: dict[str, list[str]]) -> str | None:
    """The key of the section `heading` means, among `titles` (key → the section's titles in each
    language: the keys the plan has); None when none does."""
    wanted = normalised(heading)
    if not wanted:
        return None
    best, best_score = None, 0
    for key, own_titles in titles.items():
        phrases = [normalised(title) for title in own_titles if title] + list(SYNONYMS.get(key, ()))
        if wanted in (normalised(title) for title in own_titles if title):
            return key
        score = sum(len(phrase) for phrase in phrases if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", wanted))
        if score > best_score:
            best, best_score = key, score
    return best
