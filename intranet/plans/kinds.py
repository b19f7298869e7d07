"""Section kinds of a plan, and the structured items each kind holds.

A section always has a title and a Markdown body per language. Kinds other than `text` also hold
a list of items whose fields are described here, so a rector edits a measure's months or a
routine step's responsible role in a form field, not in free text, and the public page can show
them as tables. Every kind is data: the editor, the renderer and the validation read this registry.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

# Field types of an item.
I18N = "i18n"  # one line of text per language
I18N_LONG = "i18n_long"  # Markdown per language
TEXT = "text"  # the same in every language (e.g. "Vg1", "8. trinn")
ROLES = "roles"  # function role keys
MONTHS = "months"  # month numbers 1-12
URL = "url"
PHONE = "phone"
CHOICE = "choice"
DATE = "date"  # an ISO date, or empty
BOOL = "bool"  # missing means yes: items written before the field existed stay as they were


@dataclass(frozen=True)
class ItemField:
    name: str
    type: str
    label: object
    required: bool = False
    choices: tuple = ()  # (value, label) for CHOICE
    max_length: int = 2000


@dataclass(frozen=True)
class SectionKind:
    name: str
    label: object
    description: object
    item_fields: tuple[ItemField, ...] = field(default_factory=tuple)
    item_label: object = None

    @property
    def has_items(self) -> bool:
        return bool(self.item_fields)


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

KINDS: dict[str, SectionKind] = {
    kind.name: kind
    for kind in (
        SectionKind("text", _l("Text"), _l("Free text with headings, lists and links.")),
        SectionKind(
            "measures",
            _l("Preventive measures"),
            _l("Measures with level, year group, months and who is responsible."),
            (
                ItemField("title", I18N, _l("Measure"), required=True, max_length=300),
                ItemField("description", I18N_LONG, _l("Description")),
                ItemField("level", CHOICE, _l("Level"), choices=LEVELS),
                ItemField("audience", TEXT, _l("Year group or audience"), max_length=100),
                ItemField("months", MONTHS, _l("Months")),
                ItemField("roles", ROLES, _l("Responsible")),
            ),
            _l("measure"),
        ),
        SectionKind(
            "signs",
            _l("Signs to notice"),
            _l("Signs and changes that can give reason to worry."),
            (
                ItemField("text", I18N, _l("Sign"), required=True, max_length=300),
                ItemField("area", CHOICE, _l("Area"), choices=SIGN_AREAS),
            ),
            _l("sign"),
        ),
        SectionKind(
            "routine",
            _l("Routine"),
            _l("What to do in a situation, step by step, and who is responsible."),
            (
                ItemField("step", I18N_LONG, _l("What to do"), required=True),
                ItemField("when", I18N, _l("When"), max_length=200),
                ItemField("roles", ROLES, _l("Responsible")),
            ),
            _l("step"),
        ),
        SectionKind(
            "responsibilities",
            _l("Who does what"),
            _l("The duties of each role."),
            (
                ItemField("roles", ROLES, _l("Role"), required=True),
                ItemField("duties", I18N_LONG, _l("Duties"), required=True),
            ),
            _l("role"),
        ),
        SectionKind(
            "annual_wheel",
            _l("Annual wheel"),
            _l("Prevention activities through the school year."),
            (
                ItemField("title", I18N, _l("Activity"), required=True, max_length=300),
                ItemField("description", I18N_LONG, _l("Description")),
                ItemField("months", MONTHS, _l("Months"), required=True),
                ItemField("date", DATE, _l("Date, if it is fixed")),
                ItemField("audience", TEXT, _l("Year group or audience"), max_length=100),
                ItemField("roles", ROLES, _l("Responsible")),
                ItemField("public", BOOL, _l("Public: shown to parents and in the public calendar")),
            ),
            _l("activity"),
        ),
        SectionKind(
            "contacts",
            _l("Contacts"),
            _l("Whom to contact: roles at the school and services outside it."),
            (
                ItemField("name", I18N, _l("Who"), required=True, max_length=200),
                ItemField("roles", ROLES, _l("Role at the school")),
                ItemField("phone", PHONE, _l("Phone"), max_length=30),
                ItemField("note", I18N, _l("When to call"), max_length=300),
            ),
            _l("contact"),
        ),
        SectionKind(
            "resources",
            _l("Resources"),
            _l("Links to guidance, teaching material and services."),
            (
                ItemField("title", I18N, _l("Title"), required=True, max_length=300),
                ItemField("url", URL, _l("Web address"), required=True, max_length=500),
                ItemField("description", I18N, _l("What it is"), max_length=500),
            ),
            _l("link"),
        ),
    )
}
