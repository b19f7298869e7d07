"""The proposal: what the import would write, section by section, before anybody has confirmed it.

A proposal is plain JSON (kept in store.py while it is reviewed): the document's language, its
sections, each with the template section it is matched to (`target`: a section key of the plan, or
"own" for a section of the school's own) and its kind, title, body and items, and the list entries
that could not be placed anywhere, with their text.
"""

import re
from collections import Counter

from .chunks import Chunk, chunks_of
from .document import HEADING, ITEM, Document
from .items import BUILDERS, WEB_ADDRESS, new_item
from .recognisers.contacts import SERVICE_BY_KEY, contact_in, services_in
from .recognisers.levels import level_lead
from .recognisers.months import month_heading, month_lead
from .recognisers.roles import RoleFinder
from .recognisers.sections import section_for

OWN = "own"
ROUTINE_WORDS = re.compile(r"\b(rutine\w*|ved|når|dersom|fremgangsmåte|framgangsmåte|prosedyre\w*|when|if)\b", re.I)


def build_proposal(document: Document, targets: list[dict], finder: RoleFinder, language: str) -> dict:
    """Propose where each part of `document` goes. `targets`: the plan's sections as
    {"key", "kind", "titles"}, in the plan's order."""
    sections, unplaced = [], []
    for chunk in chunks_of(document.blocks):
        if not chunk.blocks:
            unplaced.append(_unplaced(len(unplaced), chunk.heading_index, chunk.heading))
            continue
        target, kind = _place(chunk, targets)
        built = BUILDERS[kind](chunk.blocks, finder)
        if kind == "responsibilities" and finder.find(chunk.heading):  # "Lærerens rolle": the teacher's duties
            for item in built.items:
                item["roles"] = finder.find(chunk.heading)
        title = chunk.heading or _opening_words(chunk)
        blocks = [index for index, _ in chunk.blocks]
        section = _section(
            len(sections) + 1, chunk.heading, chunk.heading_index, target, kind, title, blocks, built.items
        )
        section["body"] = "\n\n".join(built.body)
        sections.append(section)
        unplaced += [_unplaced(len(unplaced) + n, index, text) for n, (index, text) in enumerate(built.unplaced)]
    services = services_in_text(sections, document, finder, language)
    if services:
        target = next((t["key"] for t in targets if t["kind"] == "contacts"), OWN)
        title = CONTACTS_TITLE.get(language, CONTACTS_TITLE["nb"])
        sections.append(_section(len(sections) + 1, "", services[0]["block"], target, "contacts", title, [], services))
    return {"language": language, "sections": sections, "unplaced": unplaced}


CONTACTS_TITLE = {"nb": "Kontakter", "nn": "Kontaktar", "en": "Contacts"}


def services_in_text(sections: list[dict], document: Document, finder: RoleFinder, language: str) -> list[dict]:
    """The known services the running text gives a number for ("ring politiet på 02800"), as contact
    items, besides those a contact list already has."""
    listed = {(i["service"], i["phone"]) for s in sections if s["kind"] == "contacts" for i in s["items"]}
    found = []
    for section in sections:
        if section["kind"] != "text":
            continue
        for index in section["blocks"]:
            for key, phone in services_in(document.blocks[index].text):
                if (key, phone) not in listed:
                    listed.add((key, phone))
                    name = SERVICE_BY_KEY[key].name.get(language, SERVICE_BY_KEY[key].name["nb"])
                    found.append(
                        new_item(index, name, finder, phone=phone, service=key, detail=document.blocks[index].text)
                    )
    return found


def _section(number: int, heading: str, block, target: str, kind: str, title: str, blocks: list, items: list) -> dict:
    """A proposed section; its items get ids the review form names them by."""
    return {
        "id": f"s{number}",
        "heading": heading,
        "block": block,
        "target": target,
        "kind": kind,
        "title": title,
        "body": "",
        "blocks": blocks,
        "items": [{"id": f"s{number}-i{n}", **item} for n, item in enumerate(items, start=1)],
    }


def _unplaced(number: int, block: int | None, text: str) -> dict:
    return {"id": f"u{number + 1}", "block": block, "text": text}


def _opening_words(chunk: Chunk) -> str:
    words = chunk.blocks[0][1].text.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


def _place(chunk: Chunk, targets: list[dict]) -> tuple[str, str]:
    """(target, kind) of a chunk: what its content clearly is first (an annual wheel, a contact list,
    measures per year level), else the section its heading means, else a guess from its shape."""
    titles = {target["key"]: target["titles"] for target in targets}
    kinds = {target["key"]: target["kind"] for target in targets}
    matched = section_for(chunk.heading, titles) if chunk.heading else None
    kind = _kind_by_content(chunk) or (kinds[matched] if matched else _kind_by_shape(chunk))
    if matched and kinds[matched] == kind:
        return matched, kind
    same_kind = [target["key"] for target in targets if target["kind"] == kind]
    if kind in ("annual_wheel", "contacts") and same_kind:
        return same_kind[0], kind
    return OWN, kind


def _kind_by_content(chunk: Chunk) -> str | None:
    texts = [block.text for _, block in chunk.blocks]
    if sum(1 for text in texts if month_heading(text) or month_lead(text)[0]) >= 2:
        return "annual_wheel"
    contents = [block.text for _, block in chunk.blocks if block.kind != HEADING]
    contacts = sum(1 for text in contents if contact_in(text))
    if contacts >= 2 and contacts * 2 >= len(contents):
        return "contacts"
    if sum(1 for text in texts if level_lead(text)[0]) >= 2:
        return "measures"
    return None


def _kind_by_shape(chunk: Chunk) -> str:
    items = [block.text for _, block in chunk.blocks if block.kind == ITEM]
    if items and sum(1 for text in items if WEB_ADDRESS.search(text)) * 2 >= len(items):
        return "resources"
    if items and ROUTINE_WORDS.search(chunk.heading):
        return "routine"
    return "text"


def counts(proposal: dict) -> Counter:
    """How many sections, routine steps, activities, measures, contacts and services the proposal holds."""
    found = Counter(sections=len(proposal["sections"]), unplaced=len(proposal["unplaced"]))
    names = {"routine": "routine steps", "annual_wheel": "activities", "measures": "measures"}
    for section in proposal["sections"]:
        for item in section["items"]:
            if section["kind"] == "contacts":
                found["services" if item["service"] else "contacts"] += 1
            else:
                found[names.get(section["kind"], section["kind"] + " items")] += 1
    return found
