"""Every anonymous URL (front door, school page, plan, wheel, calendar feed, plan PDF, poster) is made
once per change and language and then answered from the cache in front of Flask; PDFs are rendered
once, shared between workers, and never more than one at a time."""

import threading
from datetime import datetime, timedelta

import pytest

from intranet.extensions import db as _db
from intranet.public import cache as cache_module
from intranet.public import documents
from intranet.schools.models import School

from ..conftest import make_app
from .test_public_cache import anonymous

URLS = {
    "front door": "/",
    "school page": "/testvik-us/",
    "plan": "/testvik-us/plan",
    "wheel": "/testvik-us/wheel",
    "calendar feed": "/testvik-us/calendar.ics",
    "plan pdf": "/testvik-us/plan.pdf",
    "poster": "/testvik-us/poster.pdf",
}
PDFS = {name: path for name, path in URLS.items() if path.endswith(".pdf")}
NB = {"Accept-Language": "nb"}


@pytest.fixture
def renders(monkeypatch):
    """Every PDF WeasyPrint renders, counted."""
    made = []
    render = documents.render_pdf

    def counted(html):
        made.append(html)
        return render(html)

    monkeypatch.setattr(documents, "render_pdf", counted)
    return made


def rename_school(world, name):
    school = _db.session.get(School, world.school.id)
    school.name = name
    _db.session.commit()


@pytest.mark.parametrize("path", URLS.values(), ids=URLS.keys())
def test_the_second_reader_is_answered_from_memory_without_sql_and_a_known_copy_gets_304(
    client, world, published_plan, contacts, query_counter, path
):
    first = anonymous(client).get(path, headers=NB)
    assert first.status_code == 200 and first.headers.get("ETag")
    with query_counter() as counter:
        again = anonymous(client).get(path, headers=NB)
        revalidated = anonymous(client).get(path, headers={**NB, "If-None-Match": again.headers["ETag"]})
    assert counter.statements == []
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert revalidated.status_code == 304 and revalidated.data == b""


@pytest.mark.parametrize("path", URLS.values(), ids=URLS.keys())
def test_a_change_to_the_school_shows_on_the_next_request(client, world, published_plan, contacts, renders, path):
    first = anonymous(client).get(path, headers=NB)
    assert anonymous(client).get(path, headers=NB).headers["ETag"] == first.headers["ETag"]
    rendered = len(renders)
    rename_school(world, "Testvik nye ungdomsskole")
    after = anonymous(client).get(path, headers=NB)
    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]
    if path.endswith(".pdf"):
        assert len(renders) == rendered + 1  # rendered again for the new data
    else:
        assert "Testvik nye ungdomsskole" in after.get_data(as_text=True)


@pytest.mark.parametrize("path", URLS.values(), ids=URLS.keys())
def test_each_language_gets_its_own_copy(client, world, published_plan, contacts, path):
    copies = {}
    for _ in range(2):  # rendered, then from memory
        for lang in ("nb", "en"):
            response = anonymous(client).get(path, headers={"Accept-Language": lang})
            assert response.status_code == 200
            copies.setdefault(lang, set()).add(response.headers["ETag"])
    assert len(copies["nb"]) == len(copies["en"]) == 1
    if not path.endswith(".ics"):  # the feed's text is the plan's, the same in both when not translated
        assert copies["nb"] != copies["en"]
    if not path.endswith((".pdf", ".ics")):
        english = anonymous(client).get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert '<html lang="en"' in english


@pytest.mark.parametrize("path", PDFS.values(), ids=PDFS.keys())
def test_a_pdf_is_rendered_once_per_change_and_language(client, world, published_plan, contacts, renders, path):
    for _ in range(3):
        assert anonymous(client).get(path, headers=NB).status_code == 200
    assert len(renders) == 1
    anonymous(client).get(path, headers={"Accept-Language": "en"})
    assert len(renders) == 2


def test_two_readers_asking_for_the_same_pdf_at_once_share_one_render(
    client, world, published_plan, contacts, monkeypatch
):
    started, release, made = threading.Event(), threading.Event(), []
    render = documents.render_pdf

    def slow(html):
        made.append(html)
        started.set()
        release.wait(10)
        return render(html)

    monkeypatch.setattr(documents, "render_pdf", slow)
    answers = []

    def read():
        answers.append(anonymous(client).get(URLS["plan pdf"], headers=NB))

    readers = [threading.Thread(target=read) for _ in range(2)]
    readers[0].start()
    assert started.wait(10)
    readers[1].start()
    release.set()
    for reader in readers:
        reader.join(20)
    assert len(made) == 1
    assert [a.status_code for a in answers] == [200, 200] and answers[0].data == answers[1].data


def test_while_another_worker_renders_a_pdf_a_second_render_is_refused_with_retry_after(
    app, client, world, published_plan, contacts, renders
):
    gate = app.extensions["public_cache"].gate
    with gate.slots["pdf"].taken():  # as another worker holding the host's render slot would
        for path in (URLS["poster"], URLS["plan pdf"] + "?lang=en"):
            refused = anonymous(client).get(path, headers={"Accept-Language": "en"})
            assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
            assert "Temporarily unavailable" in refused.get_data(as_text=True)
        staff = anonymous(client).get(URLS["school page"], headers=NB)  # other pages still answer
        assert staff.status_code == 200
    assert renders == []
    assert anonymous(client).get(URLS["poster"], headers=NB).status_code == 200


def test_a_search_is_not_kept_but_bounded(app, client, world):
    assert "Andreby" in anonymous(client).get("/?q=andre", headers=NB).get_data(as_text=True)
    gate = app.extensions["public_cache"].gate
    with gate.slots["page"].taken(), gate.slots["page"].taken():
        assert anonymous(client).get("/?q=andre", headers=NB).status_code == 503


def test_workers_share_a_rendered_pdf_through_the_cache_folder(
    app, client, world, published_plan, contacts, renders, database_url, tmp_path
):
    other_worker = make_app(database_url, tmp_path, PUBLIC_CACHE_DIR=app.config["PUBLIC_CACHE_DIR"])
    first = anonymous(client).get(URLS["plan pdf"], headers=NB)
    shared = other_worker.test_client().get(URLS["plan pdf"], headers=NB)
    assert len(renders) == 1
    assert shared.status_code == 200 and shared.data == first.data and shared.headers["ETag"] == first.headers["ETag"]
    other_worker.extensions["public_cache"].close()


@pytest.mark.parametrize("path", [URLS["school page"], URLS["calendar feed"]], ids=["school page", "calendar feed"])
def test_a_page_made_yesterday_is_made_again_today(
    client, world, published_plan, contacts, query_counter, monkeypatch, path
):
    anonymous(client).get(path, headers=NB)

    class Tomorrow(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(days=1)

    monkeypatch.setattr(cache_module, "datetime", Tomorrow)
    with query_counter() as counter:
        assert anonymous(client).get(path, headers=NB).status_code == 200
    assert counter.statements  # made by Flask again ("coming up" and the feed follow the day)
    with query_counter() as counter:
        anonymous(client).get(path, headers=NB)
    assert counter.statements == []
