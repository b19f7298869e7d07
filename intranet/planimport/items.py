"""The items of one chunk, by the kind of section it becomes. Each builder returns what it made of
the chunk's blocks: items, body text (Markdown lines) and the list entries it could not place.

Items are kept in one neutral shape while they are reviewed (`new_item`), so a chunk can still be
moved to a section of another kind; applying.py turns them into the kind's own fields.
"""

import re
from dataclasses import dataclass, field

from .document import HEADING, ITEM, Block
from .recognisers.contacts import FoundContact, contact_in, service_in
from .recognisers.levels import level_lead, level_of
from .recognisers.months import month_heading, month_lead, months_named
from .recognisers.roles import RoleFinder
from .recognisers.steps import split_responsible, when_of

WEB_ADDRESS = re.compile(r"(https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:no|com|org|net|eu)(?:/\S*)?)", re.I)
MAX_TITLE = 300


@dataclass
class Built:
    items: list[dict] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def new_item(block: int, text: str, finder: RoleFinder, roles_from: str | None = None, **fields) -> dict:
    """An item in the neutral shape: its text (a title, a step, a name), where it came from, the roles
    named in `roles_from` (default: the text) and whatever else was found."""
    title, detail = _short(text)
    item = {"block": block, "text": title, "detail": detail, "roles": finder.find(roles_from or text), "months": []}
    item.update({"audience": "", "phone": "", "email": "", "url": "", "when": "", "service": ""})
    item.update(fields)
    return item


def responsible(text: str, finder: RoleFinder) -> list[str]:
    """Who a step or a duty is for: the roles it opens with ("Avdelingsleder kontakter foresatte" is the
    head of department's step, not the guardians'), else every role it names."""
    return finder.leading(text) or finder.find(text)


def _short(text: str) -> tuple[str, str]:
    """A title of at most MAX_TITLE characters (the first sentence if longer) and the rest as detail."""
    if len(text) <= MAX_TITLE:
        return text, ""
    cut = text.rfind(". ", 0, MAX_TITLE)
    cut = cut + 1 if cut > 20 else MAX_TITLE
    return text[:cut].strip(), text[cut:].strip()


def body_line(block: Block) -> str:
    if block.kind == ITEM:
        return f"{'1.' if block.numbered else '-'} {block.text}"
    if block.kind == HEADING:
        return f"**{block.text}**"
    return block.text


def build_text(blocks, finder) -> Built:
    return Built(body=[body_line(block) for _, block in blocks])


def build_wheel(blocks, finder) -> Built:
    built, months = Built(), []
    for index, block in blocks:
        if block.kind == HEADING:
            months = month_heading(block.text) or months
            continue
        lead, rest = month_lead(block.text)
        if not (lead or months):
            _aside(built, index, block)
            continue
        what, who = split_responsible(rest)
        built.items.append(
            new_item(index, what, finder, roles_from=who or None, months=lead or months, audience=level_of(rest))
        )
    return built


def build_routine(blocks, finder) -> Built:
    built = Built()
    listed = any(block.kind == ITEM for _, block in blocks)
    for index, block in blocks:
        if _sub_item(built, block, finder):
            continue
        if block.kind == ITEM or (not listed and block.kind != HEADING and finder.find(block.text)):
            what, who = split_responsible(block.text)
            step = new_item(index, what, finder, roles_from=who or block.text, when=when_of(block.text))
            step["roles"] = finder.find(who) if who else responsible(block.text, finder)
            built.items.append(step)
        else:
            built.body.append(body_line(block))
    return built


def build_measures(blocks, finder) -> Built:
    built, audience, last = Built(), "", None
    for index, block in blocks:
        if _sub_item(built, block, finder):
            continue
        level, rest = level_lead(block.text)
        if block.kind == HEADING:
            if level:
                audience = level
            else:
                built.body.append(body_line(block))
            continue
        months, what = month_lead(rest)
        if level or block.kind == ITEM or (months and audience):  # "Vg3 Mars: ...", "• ...", "Mars: ..." under Vg3
            audience = level or audience
            last = new_item(index, what, finder, audience=audience, months=months or months_named(what))
            built.items.append(last)
        elif last is not None and audience:  # a paragraph going on about the measure before it
            last["detail"] = f"{last['detail']}\n\n{block.text}".strip()
            last["months"] = sorted({*last["months"], *months_named(block.text)})
            last["roles"] += [key for key in finder.find(block.text) if key not in last["roles"]]
        else:
            built.body.append(body_line(block))
    return built


def build_contacts(blocks, finder) -> Built:
    built = Built()
    for index, block in blocks:
        found = (
            contact_in(block.text, is_role=lambda words: bool(finder.find(words))) if block.kind != HEADING else None
        )
        if found is None and block.kind == ITEM:  # an entry of a contact list, its number still to be filled in
            found = FoundContact(name=block.text, phone="", email="", service=service_in(block.text, []))
        if found is None:
            built.body.append(body_line(block))
            continue
        built.items.append(
            new_item(
                index,
                found.name,
                finder,
                roles_from=block.text,
                phone=found.phone,
                email=found.email,
                service=found.service,
                detail=block.text if block.text != found.name else "",
            )
        )
    return built


def build_signs(blocks, finder) -> Built:
    return _listed(blocks, finder, lambda index, block: new_item(index, block.text, finder))


def build_responsibilities(blocks, finder) -> Built:
    def make(index, block):
        item = new_item(index, block.text, finder)
        item["roles"] = responsible(block.text, finder)
        return item if item["roles"] else None

    built = Built()
    for index, block in blocks:
        item = make(index, block) if block.kind != HEADING else None
        if item:
            built.items.append(item)
        else:
            built.body.append(body_line(block))  # a duty without a role: the section's text
    return built


def build_resources(blocks, finder) -> Built:
    def make(index, block):
        address = WEB_ADDRESS.search(block.text)
        if not address:
            return None
        url = address.group(1).rstrip(").,")
        title = (block.text[: address.start()] + block.text[address.end() :]).strip(" ()-–:,")
        return new_item(index, title or url, finder, url=url if url.startswith("http") else f"https://{url}")

    return _listed(blocks, finder, make)


def _listed(blocks, finder, make) -> Built:
    """List entries become items where `make` manages; the rest (a guide without a web address) stays
    in the section's text, where it belongs."""
    built = Built()
    for index, block in blocks:
        item = make(index, block) if block.kind == ITEM else None
        if item:
            built.items.append(item)
        else:
            built.body.append(body_line(block))
    return built


def _sub_item(built: Built, block: Block, finder: RoleFinder) -> bool:
    """A second-level list item (the points of a meeting's agenda) belongs to the item before it."""
    if block.kind != ITEM or block.level < 2 or not built.items:
        return False
    last = built.items[-1]
    last["detail"] = f"{last['detail']}\n- {block.text}".strip()
    last["roles"] += [key for key in finder.find(block.text) if key not in last["roles"]]
    return True


def _aside(built: Built, index: int, block: Block) -> None:
    """A paragraph or heading goes to the body; a list entry that is no item is left unplaced."""
    if block.kind == ITEM:
        built.unplaced.append((index, block.text))
    else:
        built.body.append(body_line(block))


BUILDERS = {
    "text": build_text,
    "annual_wheel": build_wheel,
    "routine": build_routine,
    "measures": build_measures,
    "contacts": build_contacts,
    "signs": build_signs,
    "responsibilities": build_responsibilities,
    "resources": build_resources,
}
