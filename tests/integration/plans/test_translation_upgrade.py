"""Upgrading (migration a19e00000001): a school that rewrote a template text in bokmål before tracking existed
has the template's English beside it; after the upgrade that English reads as outdated, in the editor and for
readers of the revision already published. Translations the school wrote itself still count as translated."""

import importlib.util
from pathlib import Path

from intranet.auth.models import User
from intranet.plans import operations as ops
from intranet.plans.models import PlanRevision
from intranet.plans.translations import language_counts

from .translation_steps import section

MIGRATION = Path(__file__).parents[3] / "migrations" / "versions" / "20261205_translation_sources.py"


def migration():
    spec = importlib.util.spec_from_file_location("translation_sources", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_template_translations_beside_a_rewritten_source_become_outdated_on_upgrade(client, world, published_plan, db):
    measures = section(db, world.school, "measures")
    item = measures.data["items"][0]
    rewritten = {**item, "title": {**item["title"], "nb": "Foreldremøte om rus i oktober"}}
    measures.data = {"items": [rewritten]}  # written before tracking: no records
    db.session.commit()
    purpose = section(db, world.school, "purpose")
    purpose.body = {**purpose.body, "nb": "Vår egen tekst.", "en": "Our own text."}  # the school's own English
    db.session.flush()
    ops.publish_plan(db.session.merge(published_plan), db.session.get(User, world.users["school_admin"].id), "Før")
    db.session.commit()
    before = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert "Parents&#39; meeting" in before  # the stale template English, as users saw it

    assert migration().stamp_all(db.session.connection()) == 5  # the three sections, revisions 1 and 2
    db.session.commit()

    measures = section(db, world.school, "measures")
    assert language_counts(measures.content(), ["nb", "nn", "en"], "nb")["en"]["outdated"] == 1
    purpose = section(db, world.school, "purpose")
    assert language_counts(purpose.content(), ["nb", "nn", "en"], "nb")["en"] == {"translated": 2}
    latest = db.session.scalar(db.select(PlanRevision).order_by(PlanRevision.number.desc()).limit(1))
    assert latest.number == 2 and latest.sections[2]["data"]["items"][0]["sources"]["title"]["en"].startswith("nb:")
    after = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert '<span lang="nb" dir="ltr">Foreldremøte om rus i oktober</span>' in after
    assert "Parents&#39; meeting" not in after
    assert "Our own text." in after
    assert migration().stamp_all(db.session.connection()) == 0  # running it again changes nothing


def test_records_alone_do_not_make_a_section_look_adapted_by_the_school(client, world, published_plan, db, login):
    """A school section whose text is the template's still follows template updates, whether it was stamped
    by the upgrade or saved unchanged; a translation the school wrote is an adaptation."""
    from intranet.plans.upgrade import edited_by_school

    migration().stamp_all(db.session.connection())
    db.session.commit()
    login(world.users["school_admin"])
    purpose = section(db, world.school, "purpose")
    data = {"title": purpose.title["en"], "body": purpose.body["en"], "version": str(purpose.version)}
    assert (
        client.post(
            f"/app/schools/{world.school.slug}/plan/sections/{purpose.id}?content=en",
            data={**data, "public": "y", "action": "save", "confirm_translation": "y"},
        ).status_code
        == 302
    )
    plan = ops.school_plan(world.school)
    db.session.expire_all()
    assert not any(edited_by_school(s, plan.template_version) for s in plan.sections)
    overview = client.get(f"/app/schools/{world.school.slug}/plan/?lang=en").get_data(as_text=True)
    assert ">adapted<" not in overview
    purpose = section(db, world.school, "purpose")
    data = {"title": "Our purpose", "body": purpose.body["en"], "version": str(purpose.version)}
    client.post(
        f"/app/schools/{world.school.slug}/plan/sections/{purpose.id}?content=en",
        data={**data, "public": "y", "action": "save"},
    )
    assert edited_by_school(section(db, world.school, "purpose"), plan.template_version)
