"""The kinds of plan section the product ships. Importing this module registers them, in the order offered."""

from datetime import date

from flask_babel import lazy_gettext as _l

from .fields import Choice, FixedDate, Line, LongText, Months, Phone, Plain, PublicFlag, Roles, WebAddress
from .registry import SectionKind, register_kind

LEVELS = (
    ("class", _l("Class and student level")),
    ("school", _l("School level")),
    ("home", _l("Home and guardians")),
    ("municipality", _l("Municipality and partners")),
)
SIGN_AREAS = (
    ("school", _l("School work and attendance")),
    ("behaviour", _l("Behaviour and mood")),
    ("body", _l("Body and health")),
    ("social", _l("Friends and leisure")),
)


@register_kind
class Text(SectionKind):
    """Only the section's body: it holds no items."""

    name = "text"
    label = _l("Text")
    description = _l("Free text with headings, lists and links.")
    template = "plans/kinds/text.html"


@register_kind
class Measures(SectionKind):
    name = "measures"
    label = _l("Preventive measures")
    description = _l("Measures with level, year group, months and who is responsible.")
    item_label = _l("measure")
    item_fields = (
        Line("title", _l("Measure"), required=True, max_length=300),
        LongText("description", _l("Description")),
        Choice("level", _l("Level"), choices=LEVELS),
        Plain("audience", _l("Year group or audience"), max_length=100),
        Months("months", _l("Months")),
        Roles("roles", _l("Responsible")),
    )
    template = "plans/kinds/measures.html"


@register_kind
class Signs(SectionKind):
    name = "signs"
    label = _l("Signs to notice")
    description = _l("Signs and changes that can give reason to worry.")
    item_label = _l("sign")
    item_fields = (
        Line("text", _l("Sign"), required=True, max_length=300),
        Choice("area", _l("Area"), choices=SIGN_AREAS),
    )
    template = "plans/kinds/signs.html"


@register_kind
class Routine(SectionKind):
    name = "routine"
    label = _l("Routine")
    description = _l("What to do in a situation, step by step, and who is responsible.")
    item_label = _l("step")
    item_fields = (  # the situation before the action, as readers see it
        Line("when", _l("When"), max_length=200),
        LongText("step", _l("What to do"), required=True),
        Roles("roles", _l("Responsible")),
    )
    template = "plans/kinds/routine.html"


@register_kind
class Responsibilities(SectionKind):
    name = "responsibilities"
    label = _l("Who does what")
    description = _l("The duties of each role.")
    item_label = _l("role")
    item_fields = (
        Roles("roles", _l("Role"), required=True),
        LongText("duties", _l("Duties"), required=True),
    )
    template = "plans/kinds/responsibilities.html"


@register_kind
class AnnualWheel(SectionKind):
    """Activities through the school year; shown like measures, with a fixed date where one is set."""

    name = "annual_wheel"
    label = _l("Annual wheel")
    description = _l("Prevention activities through the school year.")
    item_label = _l("activity")
    item_fields = (
        Line("title", _l("Activity"), required=True, max_length=300),
        LongText("description", _l("Description")),
        Months("months", _l("Months"), required=True),
        FixedDate("date", _l("Date, if it is fixed")),
        Plain("audience", _l("Year group or audience"), max_length=100),
        Roles("roles", _l("Responsible")),
        PublicFlag("public", _l("Public: shown to parents and in the public calendar")),
    )
    template = "plans/kinds/measures.html"

    def item_from_form(self, values: dict, stored: dict, lang: str) -> dict:
        item = super().item_from_form(values, stored, lang)
        if item["date"]:  # a fixed date decides the month
            item["months"] = [date.fromisoformat(item["date"]).month]
        return item


@register_kind
class Contacts(SectionKind):
    name = "contacts"
    label = _l("Contacts")
    description = _l("Whom to contact: roles at the school and services outside it.")
    item_label = _l("contact")
    item_fields = (
        Line("name", _l("Who"), required=True, max_length=200),
        Roles("roles", _l("Role at the school")),
        Phone("phone", _l("Phone"), max_length=30),
        Line("note", _l("When to call"), max_length=300),
    )
    template = "plans/kinds/contacts.html"
    editor_note = _l(
        "Readers see the school's contact persons and services from its contact list, each person once with "
        "all their roles: nothing here needs their numbers. A row adds when to call a role, or a number the "
        "contact list does not have."
    )


@register_kind
class Resources(SectionKind):
    name = "resources"
    label = _l("Resources")
    description = _l("Links to guidance, teaching material and services.")
    item_label = _l("link")
    item_fields = (
        Line("title", _l("Title"), required=True, max_length=300),
        WebAddress("url", _l("Web address"), required=True, max_length=500),
        Line("description", _l("What it is"), max_length=500),
    )
    template = "plans/kinds/resources.html"
