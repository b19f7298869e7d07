"""Publishing makes numbered, immutable revisions; any two can be compared."""

import pytest
from sqlalchemy import select

from intranet.plans.models import Plan, PlanRevision, PlanSection
from intranet.snapshots import SnapshotChanged


def url(world, rest):
    return f"/app/schools/{world.school.slug}/plan{rest}"


def revisions(db, world):
    db.session.expire_all()
    return db.session.scalars(
        select(PlanRevision).join(Plan).where(Plan.school_id == world.school.id).order_by(PlanRevision.number)
    ).all()


def edit_purpose(client, db, world, body):
    purpose = db.session.scalar(select(PlanSection).where(PlanSection.key == "purpose"))
    db.session.refresh(purpose)
    return client.post(
        url(world, f"/sections/{purpose.id}"),
        data={"title": "Formål", "body": body, "public": "y", "version": str(purpose.version), "action": "save"},
    )


def test_publish_makes_revision_two_with_who_when_and_note(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    edit_purpose(client, db, world, "Ny tekst om formålet.")
    response = client.post(url(world, "/publish"), data={"note": "Nytt formål"})
    assert response.status_code == 302
    second = revisions(db, world)[-1]
    assert (second.number, second.note, second.published_by_id) == (2, "Nytt formål", world.users["school_admin"].id)
    assert second.published_at is not None
    assert revisions(db, world)[0].sections[0]["body"]["nb"] == "Skolen skal forebygge rus."


def test_saving_alone_does_not_change_what_readers_see(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    edit_purpose(client, db, world, "Utkast som ikke er publisert.")
    public = client.get(f"/{world.school.slug}/plan").get_data(as_text=True)
    assert "Utkast som ikke er publisert." not in public and "Skolen skal forebygge rus." in public


def test_publishing_with_no_changes_is_refused(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    response = client.post(url(world, "/publish?lang=en"), data={"note": "Igjen"})
    assert response.status_code == 400
    assert "Nothing has changed since revision 1." in response.get_data(as_text=True)
    assert len(revisions(db, world)) == 1


def test_publishing_needs_a_note(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    edit_purpose(client, db, world, "Endret.")
    response = client.post(url(world, "/publish?lang=en"), data={"note": ""})
    assert response.status_code == 400
    assert "Say in a few words what changed." in response.get_data(as_text=True)
    assert len(revisions(db, world)) == 1


def test_hidden_sections_are_not_published(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    measures = db.session.scalar(select(PlanSection).where(PlanSection.key == "measures"))
    client.post(url(world, f"/sections/{measures.id}/visibility"), data={"hidden": "1"})
    client.post(url(world, "/publish"), data={"note": "Skjult tiltak"})
    assert [s["key"] for s in revisions(db, world)[-1].sections] == ["purpose", "routine_intoxicated"]


def test_revisions_cannot_be_changed(db, published_plan):
    revision = db.session.scalar(select(PlanRevision))
    revision.note = "rewritten history"
    with pytest.raises(SnapshotChanged, match="immutable"):
        db.session.flush()
    db.session.rollback()


def test_history_lists_revisions_and_compare_shows_a_readable_diff(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    edit_purpose(client, db, world, "Skolen skal forebygge rus.\n\nVi har samtaler med alle klasser.")
    client.post(url(world, "/publish"), data={"note": "Samtaler"})
    history = client.get(url(world, "/history?lang=en")).get_data(as_text=True)
    assert "Samtaler" in history and "First" in history
    diff = client.get(url(world, "/compare?from=1&to=2&lang=en"))
    assert diff.status_code == 200
    page = diff.get_data(as_text=True)
    assert "<ins>" in page and "Vi har samtaler med alle klasser." in page
    assert "added:" in page  # said in words for screen readers, not only by colour
    assert page.count("<ins>") == 1 and "<del>" not in page


def test_compare_with_an_unknown_revision_is_404(client, world, published_plan, login):
    login(world.users["school_admin"])
    assert client.get(url(world, "/compare?from=1&to=9")).status_code == 404
    assert client.get(url(world, "/compare?from=x")).status_code == 404


def test_staff_read_the_published_plan_with_contents_and_routines(client, world, published_plan, login):
    login(world.users["staff"])
    page = client.get(url(world, "/read?lang=nb")).get_data(as_text=True)
    assert 'href="#routine_intoxicated"' in page  # quick jump to the routines
    assert "Sørg for trygghet." in page  # internal routine text is there for staff
    assert 'id="toc-heading"' in page
