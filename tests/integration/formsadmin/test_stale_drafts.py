"""The form's title and its publishing check the draft version the page was opened on (`_version`)."""

from intranet.formsadmin.models import FormDocument


def url(world, form_id, rest):
    return f"/app/schools/{world.school.slug}/forms/{form_id}{rest}"


def reload(db, form_id) -> FormDocument:
    db.session.expire_all()
    return db.session.get(FormDocument, form_id)


def test_texts_saved_from_a_stale_page_are_refused_and_change_nothing(client, world, login, db, school_form):
    login(world.users["school_admin"])
    texts = url(world, school_form.id, "/texts?lang=en")
    assert client.post(texts, data={"version": "1", "title_nb": "Først"}).status_code == 303
    stale = client.post(texts, data={"version": "1", "title_nb": "Sist"})
    assert stale.status_code == 409
    assert "changed this form while you were working on it" in stale.get_data(as_text=True)
    form = reload(db, school_form.id)
    assert form.draft["title"] == {"nb": "Først"} and form.draft_version == 2


def test_publishing_from_a_stale_page_is_refused(client, world, login, db, school_form):
    login(world.users["school_admin"])
    client.post(url(world, school_form.id, "/texts"), data={"version": "1", "title_nb": "Ny tittel"})
    publish = url(world, school_form.id, "/publish?lang=en")
    assert client.post(publish, data={"version": "1", "note": "Gammel side"}).status_code == 409
    assert client.post(publish, data={"version": "x", "note": "Ødelagt side"}).status_code == 409
    assert [v.number for v in reload(db, school_form.id).versions] == [1]
    assert client.post(publish, data={"version": "2", "note": "Ny tittel"}).status_code == 303
