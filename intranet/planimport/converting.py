"""Reviewed items in their neutral shape (items.new_item) turned into the fields of a section kind.

Each kind's fields are those of plans/kinds/catalogue.py; texts are stored per language ({lang: text}).
An item a kind cannot hold (an activity without a month, a duty without a role, a link without an
address) comes back as None, and the caller keeps its text in the section's body instead.
"""

from ..plans.template_operations import new_item_id


def item_for_kind(kind: str, item: dict, lang: str) -> dict | None:
    make = CONVERTERS.get(kind)
    return make(item, lambda text: {lang: text or ""}) if make else None


def as_body_line(item: dict) -> str:
    return f"- {item['text']}" + (
        f" ({item['detail']})" if item.get("detail") and item["detail"] != item["text"] else ""
    )


def _routine(item, text):
    step = item["text"] + (f"\n\n{item['detail']}" if item["detail"] else "")
    return {"id": new_item_id(), "step": text(step), "when": text(item["when"][:200]), "roles": item["roles"]}


def _measure(item, text):
    return {
        "id": new_item_id(),
        "title": text(item["text"]),
        "description": text(item["detail"]),
        "level": "",
        "audience": item["audience"][:100],
        "months": sorted(item["months"]),
        "roles": item["roles"],
    }


def _activity(item, text):
    if not item["months"]:
        return None
    return {
        "id": new_item_id(),
        "title": text(item["text"]),
        "description": text(item["detail"]),
        "months": sorted(item["months"]),
        "date": "",
        "audience": item["audience"][:100],
        "roles": item["roles"],
        "public": True,
    }


def _sign(item, text):
    return {"id": new_item_id(), "text": text(item["text"]), "area": ""}


def _duty(item, text):
    if not item["roles"]:
        return None
    duties = item["text"] + (f"\n\n{item['detail']}" if item["detail"] else "")
    return {"id": new_item_id(), "roles": item["roles"], "duties": text(duties)}


def _contact(item, text):
    note = item["email"] or ("" if item["detail"] == item["text"] else item["detail"])
    return {
        "id": new_item_id(),
        "name": text(item["text"][:200]),
        "roles": item["roles"],
        "phone": item["phone"][:30],
        "note": text(note[:300]),
    }


def _resource(item, text):
    if not item["url"]:
        return None
    return {"id": new_item_id(), "title": text(item["text"]), "url": item["url"][:500], "description": text("")}


CONVERTERS = {
    "routine": _routine,
    "measures": _measure,
    "annual_wheel": _activity,
    "signs": _sign,
    "responsibilities": _duty,
    "contacts": _contact,
    "resources": _resource,
}
