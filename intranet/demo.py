"""Demo data: a fictional municipality with three schools and a few people.

Every name here is invented. The password is shared by all demo accounts and listed in the README.
"""

from .auth.models import Membership, Role, User
from .auth.passwords import hash_password
from .contacts.models import ContactPerson, ContactRole, ExternalService
from .contacts.operations import normalised_phone
from .db import utcnow
from .extensions import db
from .formsadmin.operations import copy_template, install_default_forms, publish
from .plans.operations import create_plan, publish_plan
from .plans.template_operations import install_default_template
from .schools.models import Organisation, School, SchoolKind
from .schoolyear.demo import load_demo_school_year

DEMO_PASSWORD = "demo-rusplan-2026"  # noqa: S105 - published in the README for the demo

DEMO_SCHOOLS = [
    # name, slug, kind, languages, default language
    ("Fjordvik ungdomsskole", "fjordvik-us", SchoolKind.LOWER_SECONDARY, "nb,nn,en,uk,ar,pl,so,ti,lt,fa,ru,se", "nb"),
    ("Lyngheia videregående skole", "lyngheia-vgs", SchoolKind.UPPER_SECONDARY, "nb,nn,en,uk,ar,so,ti", "nb"),
    ("Bekkely barneskule", "bekkely", SchoolKind.PRIMARY, "nn,nb,en", "nn"),
]

DEMO_PEOPLE = [
    # email, name, role, school slug (None: the municipality), preferred language
    ("kommune@example.no", "Kari Nordvik", Role.ORG_ADMIN, None, None),
    ("rektor.fjordvik@example.no", "Per Strand", Role.SCHOOL_ADMIN, "fjordvik-us", None),
    ("larer.fjordvik@example.no", "Ingrid Bakke", Role.STAFF, "fjordvik-us", None),
    ("helse.fjordvik@example.no", "Amir Haddad", Role.STAFF, "fjordvik-us", "en"),
    ("rektor.lyngheia@example.no", "Siri Holm", Role.SCHOOL_ADMIN, "lyngheia-vgs", None),
    ("radgiver.lyngheia@example.no", "Jonas Lie", Role.STAFF, "lyngheia-vgs", None),
    ("rektor.bekkely@example.no", "Marit Vik", Role.SCHOOL_ADMIN, "bekkely", "nn"),
]


def demo_is_loaded() -> bool:
    return db.session.scalar(db.select(Organisation.id).where(Organisation.slug == "fjordvik")) is not None


def load_demo() -> Organisation:
    """Create the demo municipality, schools and people. Call only on a database without them."""
    organisation = Organisation(name="Fjordvik kommune", slug="fjordvik")
    db.session.add(organisation)
    schools = {}
    for name, slug, kind, languages, default in DEMO_SCHOOLS:
        schools[slug] = School(
            organisation=organisation, name=name, slug=slug, kind=kind, languages=languages, default_language=default
        )
        db.session.add(schools[slug])
    password_hash = hash_password(DEMO_PASSWORD)
    granted_by: dict[str | None, User] = {}  # the municipality appoints the rectors, each rector their staff
    for email, name, role, slug, language in DEMO_PEOPLE:
        user = User(email=email, name=name, password_hash=password_hash, language=language)
        if role == Role.ORG_ADMIN:
            membership = Membership(role=role, organisation=organisation)
        else:
            giver = granted_by.get(slug) if role == Role.STAFF else granted_by.get(None)
            membership = Membership(role=role, school=schools[slug], granted_by=giver, granted_at=utcnow())
        user.memberships.append(membership)
        db.session.add(user)
        granted_by.setdefault(slug, user)
    db.session.flush()
    _demo_plans(organisation, schools)
    _demo_contacts(organisation, schools)
    _demo_forms(organisation, schools)
    load_demo_school_year(organisation, schools)
    return organisation


def _demo_forms(organisation: Organisation, schools: dict) -> None:
    """The shipped checklists as the municipality's templates; Fjordvik has adopted all of them."""
    versions = {version.form.key: version for version in install_default_forms(organisation)}
    rector = db.session.scalar(db.select(User).where(User.email == "rektor.fjordvik@example.no"))
    for version in versions.values():
        form = copy_template(schools["fjordvik-us"], version, user=rector)
        publish(form, note="Tatt i bruk fra kommunens mal", user=rector)


DEMO_SERVICES = [
    # name, when to contact, phone
    (
        {"nb": "Politiet", "nn": "Politiet", "en": "Police"},
        {
            "nb": "Ikke akutt: tips, råd og bekymring",
            "nn": "Ikkje akutt: tips, råd og uro",
            "en": "Not urgent: tips, advice and concerns",
        },
        "02800",
    ),
    (
        {"nb": "Legevakt", "nn": "Legevakt", "en": "Out-of-hours medical service"},
        {
            "nb": "Når det haster, men ikke er livstruende",
            "nn": "Når det hastar, men ikkje er livstrugande",
            "en": "Urgent, but not life-threatening",
        },
        "116117",
    ),
    (
        {
            "nb": "Alarmtelefonen for barn og unge",
            "nn": "Alarmtelefonen for barn og unge",
            "en": "Alarm telephone for children and young people",
        },
        {"nb": "Gratis, hele døgnet", "nn": "Gratis, heile døgeret", "en": "Free, day and night"},
        "116 111",
    ),
    (
        {"nb": "Barnevernet i Fjordvik", "nn": "Barnevernet i Fjordvik", "en": "Fjordvik child welfare service"},
        {"nb": "Dagtid på hverdager", "nn": "Dagtid på kvardagar", "en": "Weekdays, daytime"},
        "55 12 34 56",
    ),
]

DEMO_CONTACTS = [
    # name, title (nb), roles, phone, email, public
    ("Per Strand", "Rektor", ["rector"], "91 23 45 67", "rektor.fjordvik@example.no", True),
    ("Lise Berg", "Sosialrådgiver", ["social_counsellor", "kjentmann"], "92 34 56 78", "lise.berg@example.no", True),
    ("Amir Haddad", "Helsesykepleier", ["school_nurse"], "93 45 67 89", "helse.fjordvik@example.no", True),
    ("Ingrid Bakke", "Kontaktlærer 9B", ["contact_teacher"], None, "larer.fjordvik@example.no", False),
    ("Tor Nilsen", "Politikontakt, Fjordvik lensmannskontor", ["police_contact"], "02800", None, False),
]


def _demo_contacts(organisation: Organisation, schools: dict) -> None:
    for position, (name, note, phone) in enumerate(DEMO_SERVICES):
        db.session.add(
            ExternalService(
                organisation_id=organisation.id,
                name=name,
                note=note,
                phone=normalised_phone(phone),
                position=position,
                public=True,
            )
        )
    for position, (name, title, roles, phone, email, public) in enumerate(DEMO_CONTACTS):
        contact = ContactPerson(
            school_id=schools["fjordvik-us"].id,
            name=name,
            title={"nb": title},
            phone=normalised_phone(phone),
            email=email,
            public=public,
            position=position,
        )
        contact.role_links = [ContactRole(role_key=key) for key in roles]
        db.session.add(contact)
    db.session.flush()


def _demo_plans(organisation: Organisation, schools: dict) -> None:
    """The shipped template, and a published plan at Fjordvik with one adapted section."""
    install_default_template(organisation)
    rector = db.session.scalar(db.select(User).where(User.email == "rektor.fjordvik@example.no"))
    plan = create_plan(schools["fjordvik-us"], rector)
    purpose = next(section for section in plan.sections if section.key == "purpose")
    purpose.body = {
        **purpose.body,
        "nb": purpose.body.get("nb", "") + "\n\nVed Fjordvik ungdomsskole har alle "
        "klasser en samtale om rus i løpet av høsten, og foresatte inviteres til et temamøte i oktober.",
    }
    db.session.flush()
    publish_plan(plan, rector, "Første versjon av planen for Fjordvik ungdomsskole")
