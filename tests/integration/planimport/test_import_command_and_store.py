"""`flask import-plan` on the command line, and the short life of a proposal kept for review."""

import io
from datetime import timedelta

from sqlalchemy import func, select

from intranet.db import utcnow
from intranet.planimport.models import PlanImport
from intranet.plans.models import Plan, PlanRevision, PlanSection

from ...plan_documents import docx_bytes, markdown_text, scanned_pdf_bytes


def plan_sections(db, world) -> dict[str, PlanSection]:
    db.session.expire_all()
    plan = db.session.scalar(select(Plan).where(Plan.school_id == world.school.id))
    return {section.key: section for section in plan.sections}


def test_the_command_shows_the_proposal_and_writes_only_when_told(app, world, published_plan, db, tmp_path):
    document = tmp_path / "plan.docx"
    document.write_bytes(docx_bytes())
    runner = app.test_cli_runner()
    before = {key: section.content() for key, section in plan_sections(db, world).items()}

    shown = runner.invoke(args=["import-plan", world.school.slug, str(document), "--dry-run"])
    assert shown.exit_code == 0, shown.output
    assert "[purpose · text] Formål" in shown.output
    assert "NOT PLACED: Datoene kommer i eget skriv" in shown.output
    assert "3 activities" in shown.output and "Nothing was written." in shown.output
    assert {key: section.content() for key, section in plan_sections(db, world).items()} == before

    declined = runner.invoke(args=["import-plan", world.school.slug, str(document)], input="n\n")
    assert "Nothing was written." in declined.output
    assert {key: section.content() for key, section in plan_sections(db, world).items()} == before

    written = runner.invoke(args=["import-plan", world.school.slug, str(document), "--yes"])
    assert written.exit_code == 0, written.output
    wheel = next(s for s in plan_sections(db, world).values() if s.kind == "annual_wheel")
    assert [a["months"] for a in wheel.data["items"]] == [[8], [9], [3]]
    assert db.session.scalar(select(func.count()).select_from(PlanRevision)) == 1  # never published


def test_the_command_refuses_a_scan_and_an_unknown_school(app, world, published_plan, db, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf_bytes())
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["import-plan", world.school.slug, str(scan)])
    assert refused.exit_code != 0 and "denne PDF-en er skannet" in refused.output  # in the default language, bokmål
    unknown = runner.invoke(args=["import-plan", "no-such-school", str(scan)])
    assert unknown.exit_code != 0 and "No school has the slug" in unknown.output


def test_an_expired_proposal_is_not_found_and_is_cleared_away(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    url = f"/app/schools/{world.school.slug}/plan/import/"
    client.post(url, data={"document": (io.BytesIO(markdown_text().encode()), "a.md"), "language": "nb"})
    old = db.session.scalar(select(PlanImport))
    old.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(url + old.token).status_code == 404
    client.post(url, data={"document": (io.BytesIO(markdown_text().encode()), "b.md"), "language": "nb"})
    db.session.expire_all()
    assert [row.filename for row in db.session.scalars(select(PlanImport))] == ["b.md"]
