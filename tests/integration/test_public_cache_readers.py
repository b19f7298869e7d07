"""Who the public pages' cache answers from memory, and in which language: the language Flask would
choose (one rule, i18n.choose_language), for an anonymous reader whatever their session's language
choice; a signed-in reader, or a session holding anything but a language choice, goes to Flask."""

import re

from intranet.i18n import choose_language

from .test_public_cache import anonymous


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def from_memory(query_counter, reader, path, **headers):
    """The reader's page, and whether it came from memory (no SQL: Flask makes none without it)."""
    with query_counter() as counter:
        page = reader.get(path, headers=headers)
    return page, counter.statements == []


def session_cookie(app, reader) -> str:
    return reader.get_cookie(app.config["SESSION_COOKIE_NAME"], domain="intranet.test").value


def test_a_reader_who_chose_a_language_gets_it_from_memory(app, client, world, published_plan, contacts, query_counter):
    path = f"/{world.school.slug}/"
    reader = anonymous(client)
    assert html_lang(reader.get(path + "?lang=nn")) == "nn"
    first = reader.get(path, headers={"Accept-Language": "en"})  # the session's choice beats the browser
    assert first.status_code == 200 and html_lang(first) == "nn"
    for _ in range(2):
        page, cached = from_memory(query_counter, reader, path, **{"Accept-Language": "en"})
        assert cached and page.data == first.data and "Set-Cookie" not in page.headers
    # The copy is the one every reader of nynorsk gets, whether they chose it or their browser asks for it.
    page, cached = from_memory(query_counter, anonymous(client), path, **{"Accept-Language": "nn"})
    assert cached and page.data == first.data
    # Choosing again is a choice made by Flask; the new choice is then served from memory too.
    assert html_lang(reader.get(path + "?lang=en")) == "en"
    reader.get(path)
    page, cached = from_memory(query_counter, reader, path, **{"Accept-Language": "nn"})
    assert cached and html_lang(page) == "en"


def test_a_choice_the_school_does_not_offer_falls_to_the_browser_then_the_school_default(
    client, create_school, query_counter
):
    school = create_school(slug="bekkely", languages="nn,nb", default_language="nn")
    path = f"/{school.slug}/"
    reader = anonymous(client)
    reader.get("/?lang=en")  # chosen on the front door, which offers English
    for accept, expected in (("nb", "nb"), ("de", "nn"), ("", "nn")):
        reader.get(path, headers={"Accept-Language": accept})
        page, cached = from_memory(query_counter, reader, path, **{"Accept-Language": accept})
        assert cached and html_lang(page) == expected, accept


def test_accept_language_picks_the_copy_without_a_choice(client, world, published_plan, contacts, query_counter):
    path = f"/{world.school.slug}/plan"
    for accept, expected in (("nn-NO,nn;q=0.9", "nn"), ("en-GB,en;q=0.9", "en"), ("no", "nb"), ("sv,en;q=0.5", "en")):
        anonymous(client).get(path, headers={"Accept-Language": accept})
        page, cached = from_memory(query_counter, anonymous(client), path, **{"Accept-Language": accept})
        assert cached and html_lang(page) == expected, accept


def test_the_school_default_decides_when_nothing_else_does(client, create_school, query_counter):
    school = create_school(slug="bekkely", languages="nb,nn,en", default_language="nn")
    path = f"/{school.slug}/"
    anonymous(client).get(path, headers={"Accept-Language": "de"})
    for headers in ({"Accept-Language": "de"}, {}):
        page, cached = from_memory(query_counter, anonymous(client), path, **headers)
        assert cached and html_lang(page) == "nn"


def test_a_signed_in_reader_is_never_served_from_memory(client, world, published_plan, contacts, login, query_counter):
    path = f"/{world.school.slug}/"
    for _ in range(2):
        anonymous(client).get(path, headers={"Accept-Language": "en"})
    login(world.users["staff"])
    client.get(path + "?lang=en")  # a signed-in reader's language choice as well
    for _ in range(2):
        page, cached = from_memory(query_counter, client, path, **{"Accept-Language": "en"})
        assert not cached and "Sign out" in page.get_data(as_text=True) and html_lang(page) == "en"


def test_a_session_holding_anything_but_a_language_choice_goes_to_flask(
    app, client, world, published_plan, contacts, query_counter
):
    path = f"/{world.school.slug}/"
    for _ in range(2):
        anonymous(client).get(path, headers={"Accept-Language": "nn"})
    reader = anonymous(client)
    with reader.session_transaction() as session:
        session["lang"] = "nn"
        session["_flashes"] = [("info", "A message for this reader only")]
    page, cached = from_memory(query_counter, reader, path, **{"Accept-Language": "nn"})
    assert not cached and "A message for this reader only" in page.get_data(as_text=True)

    remembered = anonymous(client)
    remembered.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"), "1|x", domain="intranet.test")
    assert not from_memory(query_counter, remembered, path, **{"Accept-Language": "nn"})[1]


def test_a_session_cookie_flask_cannot_read_is_an_empty_session_as_in_flask(
    app, client, world, published_plan, contacts, query_counter
):
    path = f"/{world.school.slug}/"
    chooser = anonymous(client)
    chooser.get(path + "?lang=nn")
    forged = session_cookie(app, chooser)[:-2] + "xx"  # a signature that does not match
    anonymous(client).get(path, headers={"Accept-Language": "en"})
    reader = anonymous(client)
    reader.set_cookie(app.config["SESSION_COOKIE_NAME"], forged, domain="intranet.test")
    page, cached = from_memory(query_counter, reader, path, **{"Accept-Language": "en"})
    assert cached and html_lang(page) == "en"  # no choice of nynorsk: Flask would not read it either


def test_the_copy_does_not_depend_on_the_host_named(client, world, published_plan, contacts, query_counter):
    """Absolute links come from PUBLIC_BASE_URL: readers reaching a served host by any name share one copy."""
    path = f"/{world.school.slug}/"
    first = anonymous(client).get(path, headers={"Accept-Language": "nb"})
    with query_counter() as counter:
        again = anonymous(client).get(path, base_url="https://www.intranet.test", headers={"Accept-Language": "nb"})
    assert counter.statements == [] and again.data == first.data


def test_one_rule_chooses_the_language_for_flask_and_the_cache():
    offered = ("nb", "nn")
    asked = {"offered": offered, "preferred": None, "school_default": "nn", "site_default": "nb"}
    assert choose_language(explicit="nb", chosen="nn", accept_language="nn", **asked) == "nb"
    assert choose_language(explicit=None, chosen="nn", accept_language="nb", **asked) == "nn"
    assert choose_language(explicit="en", chosen="en", accept_language="nb-NO", **asked) == "nb"
    assert choose_language(explicit=None, chosen=None, accept_language="de", **asked) == "nn"
    assert choose_language(explicit=None, chosen=None, accept_language="", **{**asked, "preferred": "nb"}) == "nb"
