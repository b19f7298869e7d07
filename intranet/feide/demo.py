"""`flask feide-demo`: the demo municipality signs in with Feide and passwords, its schools carry the
organisation numbers the local provider (scripts/feide_provider.mjs) uses, employees become staff."""

import click

from ..extensions import db
from ..schools.models import Organisation, School
from . import modes
from .models import SchoolOrgNumber, SignInMode

DEMO_NUMBERS = {"fjordvik-us": "999111001", "lyngheia-vgs": "999111002"}


def use_local_feide() -> None:
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.slug == "fjordvik"))
    if organisation is None:
        raise click.ClickException("Load the demo data first (flask seed-demo).")
    setting = modes.setting_for(organisation.id)
    setting.mode, setting.auto_staff = SignInMode.BOTH, True
    db.session.add(setting)
    for slug, number in DEMO_NUMBERS.items():
        school = db.session.scalar(db.select(School).where(School.slug == slug))
        if school is not None and db.session.get(SchoolOrgNumber, school.id) is None:
            db.session.add(SchoolOrgNumber(school_id=school.id, number=number))
    db.session.flush()


@click.command("feide-demo")
def feide_demo_command() -> None:
    """Let the demo municipality sign in with the local Feide (scripts/dev --feide)."""
    use_local_feide()
    db.session.commit()
    click.echo("Fjordvik kommune: Feide and passwords; employees at its schools become staff.")
