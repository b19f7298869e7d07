"""Every section kind is one registered class that the editor, the item parsing, the diff and the readers'
templates all ask; a kind that is not registered, or registered half-done, is refused by name."""

from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from intranet import create_app
from intranet.contacts.roles import shipped_catalogue
from intranet.plans.diff import section_lines
from intranet.plans.editing import items_from_form, section_form
from intranet.plans.forms import section_form_class
from intranet.plans.kinds import KINDS, SectionKind, UnknownSectionKind, kind_for, register_kind
from intranet.plans.kinds import fields as types

ROLES = shipped_catalogue()
WORD = "Eksempeltekst"


def sample_value(spec):
    """A stored value of `spec`'s type that the editor accepts; a new field type needs one here."""
    samples = {
        types.Line: {"nb": WORD},
        types.LongText: {"nb": WORD},
        types.Plain: "Vg1",
        types.Phone: "02800",
        types.WebAddress: "https://example.no/veileder",
        types.Choice: spec.choices[0][0] if isinstance(spec, types.Choice) and spec.choices else "",
        types.Months: [9],
        types.FixedDate: "",
        types.PublicFlag: False,
        types.Roles: [next(iter(ROLES.names))],
    }
    assert type(spec) in samples, f"no sample for the item field type {type(spec).__name__}: add one"
    return samples[type(spec)]


def posted(form) -> MultiDict:
    """What a browser posts for `form` as it is filled."""
    data = MultiDict()
    for field in form:
        fields = [sub for entry in field for sub in entry] if field.type == "FieldList" else [field]
        for sub in fields:
            if sub.type == "BooleanField":
                data.setlist(sub.name, ["y"] if sub.data else [])
            elif sub.type == "CheckboxListField":
                data.setlist(sub.name, list(sub.data or []))
            else:
                data.add(sub.name, "" if sub.data is None else str(sub.data))
    return data


def section_of(kind: SectionKind, items: list[dict]):
    data = {"items": items} if kind.has_items else {}
    return SimpleNamespace(
        kind=kind.name, title={"nb": "Tittel"}, body={"nb": "Brødtekst"}, public=True, version=1, data=data
    )


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "SERVER_NAME": "intranet.test", "WTF_CSRF_ENABLED": False})


@pytest.fixture
def request_context(app):
    with app.test_request_context("/?lang=nb"):
        yield


@pytest.mark.parametrize("name", list(KINDS))
def test_every_registered_kind_implements_the_whole_interface(name, app, request_context):
    kind = kind_for(name)
    item = {"id": "item-1", **{spec.name: sample_value(spec) for spec in kind.item_fields}}
    section = section_of(kind, [item] if kind.has_items else [])

    # the editor: its form holds the kind's item fields, filled from the stored item and posted back
    form = section_form(section, "nb", "nb", ROLES)
    assert ("items" in form) == kind.has_items
    assert set(section_form_class(name, False)()._fields) >= {"title", "body", "public", "version"}
    submitted = section_form(section, "nb", "nb", ROLES, formdata=posted(form))
    assert submitted.validate(), submitted.errors

    # item parsing: what the editor posts is stored as it was
    if kind.has_items:
        assert list(submitted["items"][0].form._fields) == ["id", *(spec.name for spec in kind.item_fields)]
        assert items_from_form(submitted, section, "nb") == [item]

    # the diff: one line per item, in the item's own words
    lines = section_lines({**vars(section), "key": "k"}, "nb", "nb", ROLES)
    item_lines = [line for line in lines if line.startswith("• ")]
    assert len(item_lines) == len(section.data.get("items", []))
    assert all(WORD in line for line in item_lines)

    # rendering: the kind's own macro file shows its items to readers
    assert callable(app.jinja_env.get_template(kind.template).module.items)
    page = app.jinja_env.from_string(
        '{% from "plans/_sections.html" import plan_sections %}{{ plan_sections(s, "nb", "nb", roles) }}'
    )
    html = page.render(s=[{**vars(section), "key": "k"}], roles=ROLES)
    assert "Brødtekst" in html
    assert (WORD in html) == kind.has_items


def test_a_kind_missing_from_the_registry_is_refused_with_a_clear_error(app, request_context):
    with pytest.raises(UnknownSectionKind, match=r"Unknown section kind 'poem'.*registered kinds: text, measures"):
        kind_for("poem")
    section = SimpleNamespace(kind="poem", title={}, body={}, public=True, version=1, data={"items": [{"id": "x"}]})
    with pytest.raises(UnknownSectionKind, match="poem"):  # the editor
        section_form(section, "nb", "nb", ROLES)
    with pytest.raises(UnknownSectionKind, match="poem"):  # the diff, rather than dropping the items' text
        section_lines({**vars(section), "key": "k"}, "nb", "nb", ROLES)
    page = app.jinja_env.from_string(
        '{% from "plans/_sections.html" import plan_sections %}{{ plan_sections(s, "nb", "nb", roles) }}'
    )
    with pytest.raises(UnknownSectionKind, match="poem"):  # the readers' pages, rather than hiding the items
        page.render(s=[{**vars(section), "key": "k"}])


def test_an_incomplete_or_repeated_kind_is_refused_at_registration():
    class Poem(SectionKind):
        name = "poem"
        label = description = "Poem"
        item_fields = (types.Line("verse", "Verse"),)

    with pytest.raises(TypeError, match="Poem is incomplete: set template, item_label"):
        register_kind(Poem)

    class Routine(SectionKind):
        name = "routine"
        label = description = item_label = "Routine"
        template = "plans/kinds/routine.html"

    with pytest.raises(ValueError, match="'routine' is registered twice"):
        register_kind(Routine)
    assert "poem" not in KINDS and type(KINDS["routine"]).__module__ == "intranet.plans.kinds.catalogue"
