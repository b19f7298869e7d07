"""The public annual wheel names the days without school in the reader's language when its catalog has the
words (nb, nn, en), else in the school's language, saying so (`lang`): a Ukrainian reader was shown the
English "Christmas break" as if it were Ukrainian."""

import pytest

from .test_wheel import wheel_plan  # noqa: F401 - a fixture


@pytest.fixture
def offered_in_ukrainian(world, db, school_year):
    world.school.languages = "nb,nn,en,uk"
    db.session.merge(world.school)
    db.session.commit()


@pytest.mark.usefixtures("wheel_plan", "offered_in_ukrainian")
def test_a_break_is_named_in_the_schools_language_on_a_page_whose_catalog_lacks_it(client, world):
    ukrainian = client.get(f"/{world.school.slug}/wheel?lang=uk").get_data(as_text=True)
    assert '<span lang="nb" dir="ltr">Juleferie</span>' in ukrainian
    assert "Christmas break" not in ukrainian
    english = client.get(f"/{world.school.slug}/wheel?lang=en").get_data(as_text=True)
    assert "Christmas break" in english and 'lang="nb" dir="ltr">Christmas' not in english
    bokmaal = client.get(f"/{world.school.slug}/wheel?lang=nb").get_data(as_text=True)
    assert "Juleferie" in bokmaal and '<span lang="nb" dir="ltr">Juleferie' not in bokmaal
