"""When the database cannot be reached, people get a short 503 page in their language, never a raw 500."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from intranet.cases.models import Answer
from intranet.extensions import db as _db

from ..conftest import login_as, make_app
from ..pg import free_port

UNAVAILABLE = {
    "en": ("Temporarily unavailable", "The service is briefly unavailable, try again in a moment."),
    "nb": ("Midlertidig utilgjengelig", "Tjenesten er utilgjengelig en kort stund. Prøv igjen om et øyeblikk."),
    "nn": ("Mellombels utilgjengeleg", "Tenesta er utilgjengeleg ei kort stund. Prøv igjen om eit augeblikk."),
}


@pytest.fixture(params=["postgresql", "sqlite"])
def unreachable_app(request, tmp_path):
    """An app whose database refuses every connection: nothing listens on the port, or the file cannot be opened."""
    if request.param == "postgresql":
        url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/postgres"
    else:
        url = f"sqlite:///{tmp_path / 'no-such-folder' / 'intranet.db'}"
    application = make_app(url, tmp_path)
    yield application
    with application.app_context():
        _db.engine.dispose()


def assert_unavailable_page(response, lang):
    title, text = UNAVAILABLE[lang]
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert title in page and text in page and "<html" in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_parent_gets_503_in_their_language_while_the_database_is_unreachable(unreachable_app, lang, caplog):
    response = unreachable_app.test_client().get(f"/testvik-us/?lang={lang}")
    assert_unavailable_page(response, lang)
    assert "Database unavailable during GET /testvik-us/" in caplog.text


def test_a_signed_in_tick_gets_503_not_a_login_redirect_while_the_database_is_unreachable(unreachable_app):
    client = unreachable_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["lang"] = "1:token", "en"
    response = client.post(
        "/app/schools/testvik-us/cases/1/runs/1/fields/age", data={"r1-age": "adult"}, headers={"HX-Request": "true"}
    )
    assert_unavailable_page(response, "en")


# pysqlite starts no transaction before a SAVEPOINT, so SQLite takes the SAVEPOINT as the transaction
# and its RELEASE commits it: the new answer row of `_insert_answer` (begin_nested) is committed at
# once, whatever happens to the rest of the request. Strict: this fails once intranet/db.py fixes it.


def fail_commit_with(monkeypatch, app, error):
    """The database goes away (or refuses) at the very end of the request, when its change is committed."""
    real_commit = _db.session.commit

    def commit():
        _db.session.rollback()
        monkeypatch.setattr(_db.session, "commit", real_commit)  # only this request's commit fails
        raise error

    monkeypatch.setattr(_db.session, "commit", commit)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production: the error page answers


def tick(client, world):
    return client.post(
        f"/app/schools/{world.school.slug}/cases/{world.case_id}/runs/{world.run_id}/fields/age?lang=en",
        data={f"r{world.run_id}-age": "adult"},
        headers={"HX-Request": "true"},
    )


def test_a_tick_whose_commit_loses_the_database_gets_503_and_saves_nothing(app, client, world, cases, db, monkeypatch):
    login_as(client, world.users["staff"])
    lost = OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))
    fail_commit_with(monkeypatch, app, lost)
    assert_unavailable_page(tick(client, world), "en")
    db.session.expire_all()
    assert db.session.scalars(select(Answer).where(Answer.run_id == world.run_id)).all() == []
    assert tick(client, world).status_code == 200, "the next request works again"


def test_a_database_error_that_is_not_an_outage_stays_a_500(app, client, world, cases, db, monkeypatch):
    from intranet.cases import operations

    def broken(*args, **kwargs):
        raise IntegrityError("INSERT INTO case_answer", {}, Exception("duplicate key value"))

    monkeypatch.setattr(operations, "answer_field", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    login_as(client, world.users["staff"])
    response = tick(client, world)
    assert response.status_code == 500 and "Retry-After" not in response.headers
    assert "Something went wrong" in response.get_data(as_text=True)
