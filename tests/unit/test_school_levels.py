"""Year levels by kind of school: an audience keeps the parts naming the school's own levels or none."""

import pytest

from intranet.schools.levels import audience_at, for_school_levels, levels_named
from intranet.schools.models import SchoolKind

PRIMARY, LOWER, UPPER, COMBINED = (
    SchoolKind.PRIMARY,
    SchoolKind.LOWER_SECONDARY,
    SchoolKind.UPPER_SECONDARY,
    SchoolKind.COMBINED,
)


def test_levels_are_read_as_the_template_and_imported_plans_write_them():
    assert levels_named("8. trinn, Vg1") == {8, 11}
    assert levels_named("8.–10. trinn") == {8, 9, 10}
    assert levels_named("VG 3 og 9. klasse") == {13, 9}
    assert levels_named("Alle foresatte før 17. mai") == set()


@pytest.mark.parametrize(
    "audience, kind, shown",
    [
        ("8. trinn, Vg1", LOWER, "8. trinn"),
        ("8. trinn, Vg1", UPPER, "Vg1"),
        ("8. trinn, Vg1", PRIMARY, None),
        ("8. trinn, Vg1", COMBINED, "8. trinn"),
        ("Vg3", LOWER, None),
        ("Vg3", UPPER, "Vg3"),
        ("5.–9. trinn", LOWER, "5.–9. trinn"),  # a range reaching into the school's levels stays as written
        ("Alle foresatte", PRIMARY, "Alle foresatte"),
        ("Foresatte på 9. trinn; Vg1", UPPER, "Vg1"),
        ("", LOWER, ""),
    ],
)
def test_an_audience_shows_what_concerns_the_school(audience, kind, shown):
    assert audience_at(audience, kind) == shown


def test_items_for_other_levels_leave_the_sections_and_the_rest_is_untouched():
    sections = [
        {"key": "purpose", "kind": "text", "data": {}},
        {
            "key": "wheel",
            "kind": "annual_wheel",
            "data": {
                "items": [
                    {"id": "a", "title": {"nb": "Foreldremøte"}, "audience": "8. trinn, Vg1"},
                    {"id": "b", "title": {"nb": "Russemøte"}, "audience": "Vg3"},
                    {"id": "c", "title": {"nb": "Skolestart"}, "audience": ""},
                ]
            },
        },
    ]
    shown = for_school_levels(sections, LOWER)
    assert shown[0] is sections[0]
    assert [(item["id"], item["audience"]) for item in shown[1]["data"]["items"]] == [("a", "8. trinn"), ("c", "")]
    assert len(sections[1]["data"]["items"]) == 3  # the plan itself keeps every item
    assert for_school_levels(sections, None) is sections
