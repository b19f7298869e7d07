"""Command-line tasks: `flask seed-demo`, `flask create-admin`, `flask translate ...`."""

import subprocess
import sys

import click
from flask import Flask, current_app

from .auth.models import Membership, Role, User
from .auth.operations import normalise_email, set_password, user_by_email
from .cases.operations import expired_cases, purge
from .config import PROJECT_ROOT
from .demo import DEMO_PASSWORD, DEMO_PEOPLE, demo_is_loaded, load_demo
from .errors import OperationError
from .extensions import db
from .formsadmin.operations import install_default_forms
from .i18n import PUBLIC_MESSAGE_SOURCES
from .planimport.cli import import_plan
from .plans.template_operations import install_default_template
from .reminders.operations import send_reminders as send_due_reminders
from .schools.models import Organisation


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(translate)
    app.cli.add_command(install_template)
    app.cli.add_command(purge_cases)
    app.cli.add_command(send_reminders)
    app.cli.add_command(import_plan)


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds an organisation.")
def seed_demo(if_empty: bool) -> None:
    """Load the demo municipality, its three schools and demo accounts."""
    if demo_is_loaded() or (if_empty and db.session.scalar(db.select(Organisation.id).limit(1))):
        click.echo("The database already has data; demo data not loaded.")
        return
    load_demo()
    db.session.commit()
    click.echo(f"Demo data loaded. Every demo account has the password {DEMO_PASSWORD!r}:")
    for email, name, role, slug, _lang in DEMO_PEOPLE:
        click.echo(f"  {email:32} {role.value:13} {slug or 'Fjordvik kommune'}  ({name})")


@click.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--organisation", "org_name", required=True, help="Name of the municipality or county.")
@click.option("--slug", "org_slug", required=True, help="Short identifier of the organisation.")
@click.password_option()
def create_admin(email: str, name: str, org_name: str, org_slug: str, password: str) -> None:
    """Create (or reuse) an organisation and an org admin account for it."""
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.slug == org_slug))
    if organisation is None:
        organisation = Organisation(name=org_name, slug=org_slug)
        db.session.add(organisation)
    user = user_by_email(email)
    if user is None:
        user = User(email=normalise_email(email), name=name)
        db.session.add(user)
    try:
        set_password(user, password)
    except OperationError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from None
    db.session.flush()
    if not any(m.organisation_id == organisation.id for m in user.memberships):
        user.memberships.append(Membership(role=Role.ORG_ADMIN, organisation=organisation))
    db.session.commit()
    click.echo(f"{user.email} is now an administrator of {organisation.name}.")


@click.command("install-template")
@click.argument("organisation_slug")
def install_template(organisation_slug: str) -> None:
    """Install the shipped plan template, checklists and forms for an organisation, or bring them up to date."""
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.slug == organisation_slug))
    if organisation is None:
        raise click.ClickException(f"No organisation with the slug {organisation_slug!r}.")
    version = install_default_template(organisation)
    forms = install_default_forms(organisation)
    db.session.commit()
    if version is None:
        click.echo(f"The template of {organisation.name} already has the shipped text.")
    else:
        click.echo(f"Published version {version.number} of the plan template of {organisation.name}.")
    for form in forms:
        click.echo(f"Published version {form.number} of the checklist or form {form.form.key!r}.")
    if not forms:
        click.echo("The checklists and forms already have the shipped text (or unpublished changes of their own).")


@click.group()
def translate() -> None:
    """Extract, update and compile the gettext catalogs in translations/."""


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=PROJECT_ROOT)


EXTRACT = ("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output", "--omit-header")


@translate.command()
def update() -> None:
    """Extract every message from intranet/, forms/ and templates into messages.pot (the nb, nn and en
    catalogs), and the public pages' messages into public.pot (the public-only catalogs), and merge."""
    _pybabel(*EXTRACT, "-o", "translations/messages.pot", "intranet", "forms")
    _pybabel(*EXTRACT, "-o", "translations/public.pot", *PUBLIC_MESSAGE_SOURCES)
    staff = current_app.config["LANGUAGES"]
    for lang in current_app.config["PUBLIC_LANGUAGES"]:
        template = "messages.pot" if lang in staff else "public.pot"
        # The catalogs keep their headers: without Language and Plural-Forms, compile skips them.
        _pybabel(
            "update",
            "-i",
            f"translations/{template}",
            "-d",
            "translations",
            "-l",
            lang,
            "--no-fuzzy-matching",
            "-w",
            "100",
            "--ignore-obsolete",
        )


@translate.command()
def compile() -> None:  # noqa: A001 - the subcommand's name on the command line
    """Compile the catalogs into .mo files (done by the set-up script)."""
    _pybabel("compile", "-d", "translations", "--statistics")


@click.command("purge-cases")
@click.option("--dry-run", is_flag=True, help="Only list what would be deleted.")
def purge_cases(dry_run: bool) -> None:
    """Delete closed cases older than their school's retention period, with everything in them (for cron).

    Only cases filed in the archive, unless the school chose to delete unfiled ones too."""
    cases = expired_cases()
    verb = "would delete" if dry_run else "deleting"
    for case in cases:
        click.echo(f"{verb} {case.school.slug} case {case.reference} (closed {case.closed_at:%Y-%m-%d})")
    if not dry_run:
        purge(cases)
        db.session.commit()
    click.echo(f"{len(cases)} expired case(s){' found' if dry_run else ' deleted'}.")
    waiting = expired_cases(waiting=True)
    if waiting:
        click.echo(f"{len(waiting)} expired case(s) kept until filed in the archive.")


@click.command("send-reminders")
def send_reminders() -> None:
    """Mail the reminders that are due, each once (for cron: every few minutes, on one machine or many)."""
    outcome = send_due_reminders()
    click.echo(f"{outcome.found} reminder(s) due; {outcome.reminders} mailed in {outcome.mails} mail(s).")
    if outcome.error:
        raise click.ClickException(f"The mail server failed ({outcome.error}); the rest goes at the next run.")
