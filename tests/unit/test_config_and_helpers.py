"""Small pure functions: database URLs, safe redirects, password rules, token hashing."""

import pytest

from intranet import create_app
from intranet.auth.models import hash_token
from intranet.auth.passwords import hash_password, password_problem, verify_password
from intranet.auth.views import safe_next
from intranet.config import database_url_from_env


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db/x", "postgresql+psycopg://u:p@db/x"),
        ("postgresql://u@db:5432/x", "postgresql+psycopg://u@db:5432/x"),
        ("postgresql+psycopg://u@db/x", "postgresql+psycopg://u@db/x"),
        ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
    ],
)
def test_database_url_is_normalised_to_psycopg(given, expected):
    assert database_url_from_env(given) == expected


def test_no_database_url_means_sqlite_in_the_instance_folder():
    assert database_url_from_env(None).endswith("/instance/intranet.db")
    assert database_url_from_env(None).startswith("sqlite:///")


@pytest.fixture(scope="module")
def request_context():
    app = create_app({"TESTING": True, "SERVER_NAME": "intranet.test"})
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/app/schools/x/people", "/app/schools/x/people"),
        ("/app/?lang=nn", "/app/?lang=nn"),
        (None, "/app/"),
        ("", "/app/"),
        ("https://evil.example/", "/app/"),
        ("//evil.example", "/app/"),
        ("/\\evil.example", "/app/"),
        ("javascript:alert(1)", "/app/"),
        ("app/", "/app/"),
    ],
)
def test_only_paths_on_this_site_are_followed_after_login(request_context, target, expected):
    assert safe_next(target) == expected


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("kort", False),
        ("aaaaaaaaaaaaaaa", False),
        ("passord123", False),
        ("Kari Nordvik 2026", False),
        ("kari.nordvik-1234", False),
        ("correct horse battery staple", True),
        ("Blåbær på brødskiva", True),
    ],
)
def test_password_rules(request_context, password, ok):
    problem = password_problem(password, email="kari.nordvik@example.no", name="Kari Nordvik")
    assert (problem is None) == ok, problem


def test_passwords_are_hashed_with_argon2_and_verify():
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse battery staple")
    assert not verify_password(hashed, "wrong")
    assert not verify_password(None, "anything")
    assert not verify_password("not a hash", "anything")


def test_token_hash_is_sha256_hex_and_not_the_token():
    digest = hash_token("abc")
    assert len(digest) == 64 and digest != "abc"
    assert digest == hash_token("abc") != hash_token("abd")


def test_markdown_headings_sit_below_the_section_title_and_scripts_never_survive():
    from intranet.plans.markdown import render_markdown

    html = str(render_markdown("# Mål\n\n## Delmål\n\n### Detalj\n\n<script>x</script> [a](javascript:alert(1))"))
    assert "<h3>Mål</h3>" in html and "<h3>Delmål</h3>" in html and "<h4>Detalj</h4>" in html
    assert "<h1>" not in html and "<h2>" not in html
    assert "<script>" not in html and 'href="javascript' not in html


def test_coming_up_lists_this_and_next_months_public_activities_across_the_new_year():
    from datetime import date

    from intranet.public.views import coming_up

    sections = [
        {
            "kind": "annual_wheel",
            "data": {
                "items": [
                    {"title": {"nb": "Juleavslutning"}, "months": [12]},
                    {"title": {"nb": "Foreldremøte"}, "months": [1, 9]},
                    {"title": {"nb": "Russetid"}, "months": [5]},
                ]
            },
        },
        {"kind": "text", "data": {}},
    ]
    found = coming_up(sections, date(2026, 12, 5))
    assert [(month, item["title"]["nb"]) for month, item in found] == [(12, "Juleavslutning"), (1, "Foreldremøte")]
