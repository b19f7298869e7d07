"""Steps shared by the translation-tracking tests: a plan with every kind of translated item, and saving a
section through the editor the way a browser does (one language, every item row)."""

import subprocess

from sqlalchemy import select

from intranet.plans.kinds import kind_for
from intranet.plans.kinds.fields import FixedDate, Line, Months, PublicFlag, Roles
from intranet.plans.models import Plan, PlanSection

WHEEL = {
    "key": "wheel",
    "kind": "annual_wheel",
    "public": True,
    "title": {"nb": "Årshjul", "nn": "Årshjul", "en": "Annual wheel"},
    "body": {},
    "data": {
        "items": [
            {
                "id": "w1",
                "title": {
                    "nb": "Informasjon til foreldre før julebord",
                    "nn": "Informasjon til foreldre før julebord (nn)",
                    "en": "Information to parents before Christmas parties",
                },
                "description": {},
                "months": list(range(1, 13)),  # always "coming up" on the school page
                "audience": "8.–10. trinn",
                "roles": ["rector"],
                "public": True,
            }
        ]
    },
}
DUTIES = {
    "key": "duties",
    "kind": "responsibilities",
    "public": True,
    "title": {"nb": "Hvem gjør hva", "nn": "Kven gjer kva", "en": "Who does what"},
    "body": {},
    "data": {
        "items": [
            {
                "id": "d1",
                "roles": ["rector"],
                "duties": {"nb": "Leder arbeidet.", "nn": "Leier arbeidet.", "en": "Leads the work."},
            }
        ]
    },
}


def add_sections(plan, db):
    """Add the wheel and the duties to a plan made from the small template (tests/integration/conftest.py)."""
    for offset, content in enumerate((WHEEL, DUTIES), start=len(plan.sections)):
        plan.sections.append(PlanSection(position=offset, source_key=None, **content))
    db.session.flush()


def section(db, school, key) -> PlanSection:
    db.session.expire_all()
    return db.session.scalar(select(PlanSection).join(Plan).where(Plan.school_id == school.id, PlanSection.key == key))


def form_data(stored: PlanSection, lang: str, changes: dict) -> dict:
    """The editor's submitted form for `stored` in `lang`, with `changes` ({field or (item index, field): text})."""
    data = {
        "title": changes.get("title", stored.title.get(lang, "")),
        "body": changes.get("body", stored.body.get(lang, "")),
        "version": str(stored.version),
        "action": "save",
    }
    if stored.public:
        data["public"] = "y"
    data.update(
        (name, value) for name, value in changes.items() if name not in ("title", "body") and isinstance(name, str)
    )
    for index, item in enumerate(stored.data.get("items", [])):
        data[f"items-{index}-id"] = item["id"]
        for spec in kind_for(stored.kind).item_fields:
            name, value = f"items-{index}-{spec.name}", item.get(spec.name)
            if (index, spec.name) in changes:
                data[name] = changes[(index, spec.name)]
            elif isinstance(spec, Line):
                data[name] = (value or {}).get(lang, "")
            elif isinstance(spec, (Months, Roles)):
                data[name] = [str(v) for v in value or []]
            elif isinstance(spec, PublicFlag):
                if value is not False:
                    data[name] = "y"
            elif isinstance(spec, FixedDate):
                data[name] = value or ""
            else:
                data[name] = value or ""
    return data


def save(client, school, stored: PlanSection, lang: str, changes: dict, base="plan") -> None:
    url = f"/app/schools/{school.slug}/plan/sections/{stored.id}?content={lang}"
    response = client.post(url, data=form_data(stored, lang, changes))
    assert response.status_code == 302, response.get_data(as_text=True)


def pdf_text(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())
