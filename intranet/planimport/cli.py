"""`flask import-plan <school> <file>`: the import from the command line. It prints the proposal (and
what could not be placed); the draft is written only after a yes (or with --yes), never published."""

from pathlib import Path

import click

from ..contacts.roles import school_catalogue
from ..errors import OperationError
from ..extensions import db
from ..schools.models import School
from .applying import write_draft
from .messages import refusal_message
from .operations import read_checked, targets_for
from .proposal import build_proposal, counts
from .readers import ImportRefused
from .recognisers.roles import RoleFinder


@click.command("import-plan")
@click.argument("school_slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--language", default=None, help="The document's language (nb, nn, en); the school's default if not given."
)
@click.option("--dry-run", is_flag=True, help="Only show the proposal; write nothing.")
@click.option("--yes", is_flag=True, help="Write the draft without asking.")
def import_plan(school_slug: str, path: Path, language: str | None, dry_run: bool, yes: bool) -> None:
    """Import a school's plan document (.docx, .odt, .pdf, .txt, .md) as a draft of its plan."""
    school = db.session.scalar(db.select(School).where(School.slug == school_slug))
    if school is None:
        raise click.ClickException(f"No school has the slug {school_slug!r}.")
    language = language or school.default_language
    try:
        document = read_checked(path.name, path.read_bytes(), language)
    except ImportRefused as refused:
        raise click.ClickException(str(refusal_message(refused))) from None
    catalogue = school_catalogue(school)
    proposal = build_proposal(document, targets_for(school), RoleFinder(catalogue), language)
    _show(proposal, catalogue, language)
    if dry_run or not (yes or click.confirm("Write this as a draft of the school's plan?")):
        click.echo("Nothing was written.")
        return
    try:
        write_draft(school, None, proposal)
    except OperationError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo("The draft is written. Review it in the plan editor, then publish.")


def _show(proposal: dict, catalogue, language: str) -> None:
    for section in proposal["sections"]:
        click.echo(f"[{section['target']} · {section['kind']}] {section['title']}")
        for item in section["items"]:
            details = [catalogue.names_of(item["roles"], language)] if item["roles"] else []
            details += [str(m) for m in item["months"]] + [item["audience"], item["phone"], item["when"]]
            click.echo(
                f"    - {item['text'][:90]}" + (f"  ({'; '.join(d for d in details if d)})" if any(details) else "")
            )
    for entry in proposal["unplaced"]:
        click.echo(f"NOT PLACED: {entry['text']}")
    click.echo(", ".join(f"{count} {name}" for name, count in sorted(counts(proposal).items())))
