"""Every page the permission matrix opens, as a person who may read it, is valid HTML by the Nu Html
Checker (npm `vnu-jar`, on Debian's Java): one run of the checker over all of them.

`hx-*` attributes are left out of the count: they are renamed `data-hx-*` across the code base at once.
"""

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..conftest import login_as
from .test_permission_matrix import MATRIX

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
READERS = ("school_admin", "org_admin", "staff", "anonymous")
LANGUAGES = ("nb", "nn", "en")


def _pages(client, world) -> dict[str, str]:
    """{name: html} of every GET page of the matrix, as the first reader who gets it."""
    pages = {}
    for endpoint, (method, path_of, expected) in sorted(MATRIX.items()):
        if method != "GET":
            continue
        reader = next((role for role in READERS if expected.get(role) == 200), None)
        if reader is None:
            continue
        fresh = client.application.test_client()
        if reader != "anonymous":
            login_as(fresh, world.users[reader])
        path = path_of(world)
        for lang in LANGUAGES:
            response = fresh.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
            if response.status_code == 200 and response.mimetype == "text/html":
                pages[f"{endpoint}.{lang}.html"] = response.get_data(as_text=True)
    return pages


MISSING = None if VNU.exists() and shutil.which("java") else "the Nu Html Checker (npm vnu-jar) or Java is missing"


@pytest.mark.skipif(bool(MISSING) and os.environ.get("CI") != "true", reason=str(MISSING))  # never skipped in CI
def test_every_page_is_valid_html(
    client, world, published_plan, contacts, school_form, cases, school_year, db, tmp_path
):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the markup does not depend on the database: checked once, on SQLite")
    pages = _pages(client, world)
    assert len(pages) > 100
    for name, html in pages.items():
        (tmp_path / name).write_text(html)
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = [m for m in json.loads(done.stderr or "{}").get("messages", [])]
    found = sorted({(Path(m.get("url", "")).name.rsplit(".", 2)[0], m["message"]) for m in messages})
    assert not found, "\n".join(f"{page}: {message}" for page, message in found)


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.levels.append(int(tag[1]))


def heading_skips(html: str) -> list[tuple[int, int]]:
    """(from, to) wherever a heading goes more than one level deeper than the one before it."""
    parser = _Headings()
    parser.feed(html)
    levels = [1, *parser.levels] if parser.levels and parser.levels[0] != 1 else parser.levels
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def test_no_page_skips_a_heading_level(client, world, published_plan, contacts, school_form, cases, school_year, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the markup does not depend on the database: checked once, on SQLite")
    skips = {name: heading_skips(html) for name, html in _pages(client, world).items()}
    assert not {name: found for name, found in skips.items() if found}
