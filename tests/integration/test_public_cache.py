"""The public pages' cache in front of Flask: parents get the page Flask would give them, from memory,
and never a page older than the data it shows."""

import gzip

from sqlalchemy import update

from intranet.auth.models import User
from intranet.contacts.models import ContactPerson
from intranet.extensions import db as _db
from intranet.public import freshness
from intranet.schools.models import School


def anonymous(client):
    """A reader with no cookies of their own."""
    return client.application.test_client()


def stamp(db):
    with db.engine.connect() as connection:
        return freshness.read(connection)


def test_a_parent_gets_the_same_page_from_memory_with_etag_304_and_gzip(
    app, client, world, published_plan, contacts, query_counter, monkeypatch
):
    cache = app.extensions["public_cache"]
    stamp_reads = []
    read_stamp = cache.stamps.read_stamp
    monkeypatch.setattr(cache.stamps, "read_stamp", lambda: stamp_reads.append(1) or read_stamp())
    path = f"/{world.school.slug}/"
    first = anonymous(client).get(path, headers={"Accept-Language": "en"})
    assert first.status_code == 200 and "Whom to contact at the school" in first.get_data(as_text=True)
    with query_counter() as counter:
        again = anonymous(client).get(path, headers={"Accept-Language": "en"})
    assert counter.statements == [] and len(stamp_reads) == 1  # read for the first page, not again within the second
    assert again.data == first.data
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Cache-Control", "Content-Type"):
        assert again.headers[header] == first.headers[header], header
    assert set(again.headers["Vary"].split(", ")) >= {"Cookie", "Accept-Language", "Accept-Encoding"}

    compressed = anonymous(client).get(path, headers={"Accept-Language": "en", "Accept-Encoding": "gzip, br"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert int(compressed.headers["Content-Length"]) == len(compressed.data) < len(first.data) / 2
    assert gzip.decompress(compressed.data) == first.data
    assert compressed.headers["ETag"] != again.headers["ETag"]  # one tag per representation

    for response in (again, compressed):
        encoding = response.headers.get("Content-Encoding", "identity")
        revalidated = anonymous(client).get(
            path,
            headers={"Accept-Language": "en", "Accept-Encoding": encoding, "If-None-Match": response.headers["ETag"]},
        )
        assert revalidated.status_code == 304 and revalidated.data == b""


def test_each_reader_gets_their_language_as_flask_would_choose_it(client, world, published_plan, contacts):
    path = f"/{world.school.slug}/"
    expected = {"nn": 'lang="nn"', "en": 'lang="en"', "nb": 'lang="nb"'}
    for _ in range(2):  # the first round renders, the second comes from memory
        for lang, marker in expected.items():
            page = anonymous(client).get(path, headers={"Accept-Language": f"{lang},en;q=0.1"})
            assert f"<html {marker}" in page.get_data(as_text=True), lang
    # Browsers often say plain "no": bokmål.
    assert '<html lang="nb"' in anonymous(client).get(path, headers={"Accept-Language": "no"}).get_data(as_text=True)

    # A reader who chose nynorsk with ?lang= keeps it on the next visit without it (the session's choice).
    reader = anonymous(client)
    assert '<html lang="nn"' in reader.get(path + "?lang=nn").get_data(as_text=True)
    for _ in range(2):
        page = reader.get(path, headers={"Accept-Language": "en"})
        assert '<html lang="nn"' in page.get_data(as_text=True)


def test_a_change_shows_at_once_through_the_worker_that_made_it(client, world, published_plan, contacts, login, db):
    path = f"/{world.school.slug}/"
    before = anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True)
    assert anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True) == before
    assert 'href="tel:+4799887766"' not in before

    login(world.users["school_admin"])
    client.post(
        f"/app/schools/{world.school.slug}/contacts/{world.contact_id}",
        data={"name": "Rita Rektor", "roles": ["rector"], "phone": "99 88 77 66", "public": "y"},
    )
    after = anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True)
    assert 'href="tel:+4799887766"' in after

    # A bulk update through the session (no flush) counts as a change too.
    db.session.execute(update(ContactPerson).where(ContactPerson.id == world.contact_id).values(name="Rita Ny"))
    db.session.commit()
    assert "Rita Ny" in anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True)


def test_a_change_made_through_another_worker_shows_within_a_second(
    app, client, world, published_plan, contacts, db, monkeypatch
):
    cache = app.extensions["public_cache"]
    now = [1000.0]
    monkeypatch.setattr(cache.stamps, "clock", lambda: now[0])
    path = f"/{world.school.slug}/"
    before = anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True)
    assert "Rita Annen" not in before
    # Another gunicorn worker's transaction: the change and a new stamp, committed outside this process's session.
    with db.engine.begin() as connection:
        connection.execute(update(ContactPerson).where(ContactPerson.id == world.contact_id).values(name="Rita Annen"))
        freshness.bump(connection)
    now[0] += 0.9
    assert anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True) == before
    now[0] += 0.2  # past PUBLIC_CACHE_STAMP_SECONDS since the stamp was read
    assert "Rita Annen" in anonymous(client).get(path, headers={"Accept-Language": "nb"}).get_data(as_text=True)


def test_a_rolled_back_change_does_not_count_as_one_committed_here(world, published_plan, contacts, db):
    committed = freshness.changes_committed_here()
    school = _db.session.get(School, world.school.id)
    school.name += " (ny)"
    _db.session.flush()
    _db.session.rollback()
    staff = _db.session.get(User, world.users["staff"].id)
    staff.name += " Quiet"  # a write no public page shows: its commit is not a change of the stamp
    _db.session.commit()
    assert freshness.changes_committed_here() == committed
    school = _db.session.get(School, world.school.id)
    school.name += " (ny)"
    _db.session.commit()
    assert freshness.changes_committed_here() == committed + 1


def test_busy_writes_that_no_public_page_shows_leave_the_stamp_alone(client, world, published_plan, cases, login, db):
    kept = stamp(db)
    assert kept is not None
    login(world.users["staff"])
    answer = f"/app/schools/{world.school.slug}/cases/{world.case_id}/runs/{world.run_id}/fields/age"
    assert client.post(answer, data={f"r{world.run_id}-age": "under_18"}).status_code in (200, 303)
    assert stamp(db) == kept
    school = _db.session.get(School, world.school.id)
    school.name += " (ny)"
    _db.session.commit()
    assert stamp(db) != kept


def test_a_signed_in_reader_never_gets_the_anonymous_page(client, world, published_plan, contacts, login):
    path = f"/{world.school.slug}/"
    for _ in range(2):
        assert "Sign out" not in anonymous(client).get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    login(world.users["staff"])
    assert "Sign out" in client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_the_number_of_pages_kept_is_bounded(app, client, world, published_plan, contacts, monkeypatch):
    cache = app.extensions["public_cache"]
    monkeypatch.setattr(cache.memory, "max_pages", 2)
    for lang in ("nb", "nn", "en"):
        anonymous(client).get(f"/{world.school.slug}/", headers={"Accept-Language": lang})
    assert len(cache.memory.pages) == 2
    assert [key[2] for key in cache.memory.pages] == ["nn", "en"]  # the least recently read went first


def test_the_bytes_kept_are_bounded(app, client, world, published_plan, contacts, monkeypatch):
    cache = app.extensions["public_cache"]
    for lang in ("nb", "nn"):
        anonymous(client).get(f"/{world.school.slug}/", headers={"Accept-Language": lang})
    limit = cache.memory.bytes * 11 // 10  # two pages (each language's about the same size), not three
    monkeypatch.setattr(cache.memory, "max_bytes", limit)
    anonymous(client).get(f"/{world.school.slug}/", headers={"Accept-Language": "en"})
    assert [key[2] for key in cache.memory.pages] == ["nn", "en"] and cache.memory.bytes <= limit
