"""Translation tracking on whole sections (intranet/plans/translations.py): whatever the order of edits in
whichever language, a reader gets a translation only if it was saved (or confirmed) after the last change
of its source text; otherwise the current source text."""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from intranet.plans.models import SectionContent
from intranet.plans.translations import for_reader, item_states, language_counts, record_edit

LANGS = ("nb", "nn", "en")
SOURCE = "nb"


class Section:
    """Just what `record_edit` touches of a PlanSection."""

    def __init__(self):
        self.kind, self.key, self.public = "annual_wheel", "wheel", True
        self.title = {"nb": "Årshjul", "nn": "Årshjul nn", "en": "Wheel"}
        self.body = {}
        self.data = {"items": [{"id": "a", "title": {"nb": "Møte", "nn": "Møte nn", "en": "Meeting"}, "months": [9]}]}

    content = SectionContent.content  # the snapshot a PlanSection makes of itself

    def save(self, lang, field, text, confirm=False):
        before = copy.deepcopy(self.content())
        if field == "title":
            self.title = {**self.title, lang: text}
        else:
            item = self.data["items"][0]
            self.data = {**self.data, "items": [{**item, "title": {**item["title"], lang: text}}]}
        record_edit(self, before, lang, SOURCE, confirm=confirm)


edits = st.lists(
    st.tuples(
        st.sampled_from(LANGS), st.sampled_from(["title", "item"]), st.sampled_from(["a", "b", "c", ""]), st.booleans()
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(edits)
def test_readers_never_get_a_translation_older_than_its_source(steps):
    section = Section()
    sources = {"title": lambda: section.title, "item": lambda: section.data["items"][0]["title"]}
    # For each field and language: the source text its translation was made from (texts from before tracking:
    # the source as it was then); current exactly when the source says that again.
    made_from = {(field, lang): sources[field]()[SOURCE] for field in sources for lang in LANGS}
    for lang, field, word, confirm in steps:
        text = f"{field}-{lang}-{word}" if word else ""
        changed = (sources[field]().get(lang) or "") != text
        section.save(lang, field, text, confirm=confirm)
        if lang != SOURCE and changed:
            made_from[(field, lang)] = sources[field]()[SOURCE]
        if lang != SOURCE and confirm:  # the box vouches for every text of the section in that language
            made_from.update({(name, lang): sources[name]()[SOURCE] for name in sources})
    current = {
        key: " ".join(text.split()) == " ".join(sources[key[0]]()[SOURCE].split()) for key, text in made_from.items()
    }
    for lang in LANGS:
        readable = for_reader([section.content()], lang, SOURCE)[0]
        shown = {"title": readable["title"], "item": readable["data"]["items"][0]["title"]}
        stored = {"title": section.title, "item": section.data["items"][0]["title"]}
        for field in ("title", "item"):
            own = (stored[field].get(lang) or "").strip()
            if current[(field, lang)] and own:
                assert shown[field] == {lang: stored[field][lang]}
            elif (stored[field].get(SOURCE) or "").strip():
                assert shown[field] == {SOURCE: stored[field][SOURCE]}
            else:  # no source text: nothing, or another language's current translation
                [(used, text)] = shown[field].items()
                assert not text or (current[(field, used)] and stored[field][used] == text)


def test_an_item_rewritten_in_the_source_is_outdated_in_every_other_language():
    section = Section()
    section.save("nb", "item", "Foreldremøte om rus")
    assert item_states(section.content(), "en", SOURCE) == {None: "translated", "a": "outdated"}
    counts = language_counts(section.content(), LANGS, SOURCE)
    assert counts["en"]["outdated"] == counts["nn"]["outdated"] == 1
    assert counts["en"]["translated"] == 1 and "nb" not in counts
