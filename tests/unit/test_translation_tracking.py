"""The rule that says whether a translation still translates its source (intranet/translation_tracking.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from intranet.translation_tracking import (
    EMPTY,
    MISSING,
    OUTDATED,
    SOURCE,
    TRANSLATED,
    after_edit,
    confirmed,
    fingerprint,
    pick,
    status,
)

langs = st.sampled_from(["nb", "nn", "en", "se", "uk", "ar"])
texts_st = st.text(min_size=1, max_size=40).filter(lambda t: t.strip())


def test_text_written_before_tracking_counts_as_translated():
    texts = {"nb": "Foreldremøte", "en": "Parents' meeting"}
    assert status(texts, {}, "en", "nb") == TRANSLATED
    assert pick(texts, {}, "en", "nb") == ("Parents' meeting", None)


def test_changing_the_source_makes_untracked_translations_outdated():
    before = {"nb": "Foreldremøte", "en": "Parents' meeting"}
    after = {**before, "nb": "Foreldremøte i oktober"}
    records = after_edit(before, after, {}, "nb", "nb")
    assert status(after, records, "en", "nb") == OUTDATED
    assert pick(after, records, "en", "nb") == ("Foreldremøte i oktober", "nb")


def test_saving_a_changed_translation_makes_it_current_and_a_cleared_one_missing():
    texts = {"nb": "Ny tekst", "en": "Old text"}
    records = {"en": "nb:" + fingerprint("Gammel tekst")}
    assert status(texts, records, "en", "nb") == OUTDATED
    new = {**texts, "en": "New text"}
    records = after_edit(texts, new, records, "en", "nb")
    assert status(new, records, "en", "nb") == TRANSLATED
    cleared = {**new, "en": ""}
    records = after_edit(new, cleared, records, "en", "nb")
    assert status(cleared, records, "en", "nb") == MISSING
    assert pick(cleared, records, "en", "nb") == ("Ny tekst", "nb")


def test_saving_an_unchanged_translation_does_not_vouch_for_it_but_confirming_does():
    texts = {"nb": "Ny tekst", "en": "Old text"}
    records = {"en": "nb:" + fingerprint("Gammel tekst")}
    assert after_edit(texts, dict(texts), records, "en", "nb") == records
    assert status(texts, confirmed(texts, records, "en", "nb"), "en", "nb") == TRANSLATED


def test_a_translation_of_a_translation_is_current_while_its_origin_is():
    # A nynorsk school's plan made from a bokmål template: English translates the bokmål.
    texts = {"nb": "Foreldremøte", "nn": "Foreldremøte (nn)", "en": "Parents' meeting"}
    records = {"nn": "nb:" + fingerprint("Foreldremøte"), "en": "nb:" + fingerprint("Foreldremøte")}
    assert status(texts, records, "en", "nn") == TRANSLATED
    after = {**texts, "nn": "Foreldremøte i oktober"}
    records = after_edit(texts, after, records, "nn", "nn")
    assert status(after, records, "nb", "nn") == OUTDATED
    assert status(after, records, "en", "nn") == OUTDATED


def test_a_loop_of_records_proves_nothing():
    texts = {"nb": "x", "en": "y", "de": "z"}
    records = {"en": "de:" + fingerprint("z"), "de": "en:" + fingerprint("y")}
    assert status(texts, records, "en", "nb") == OUTDATED


def test_nothing_to_translate_is_empty_and_the_source_is_the_source():
    assert status({"en": ""}, {}, "en", "nb") == EMPTY
    assert status({"nb": "x"}, {}, "nb", "nb") == SOURCE
    assert pick({}, {}, "en", "nb") == ("", None)


def test_a_translation_of_a_source_since_emptied_is_not_shown():
    texts = {"nb": "", "en": "Old"}
    records = {"en": "nb:" + fingerprint("Gammel")}
    assert pick(texts, records, "en", "nb") == ("", None)


def test_fingerprints_ignore_spacing_only():
    assert fingerprint("a  b\n") == fingerprint(" a b")
    assert fingerprint("a b") != fingerprint("a c")


@settings(deadline=None)  # a busy shared machine must not fail a rule test on time
@given(source=langs, other=langs, old=texts_st, new=texts_st, translation=texts_st)
def test_a_translation_is_current_exactly_when_its_source_is_unchanged(source, other, old, new, translation):
    if source == other:
        return
    before = {source: old, other: translation}
    after = {source: new, other: translation}
    records = after_edit(before, after, {}, source, source)
    expected = TRANSLATED if fingerprint(old) == fingerprint(new) else OUTDATED
    assert status(after, records, other, source) == expected
    shown, shown_in = pick(after, records, other, source)
    assert (shown, shown_in) == ((translation, None) if expected == TRANSLATED else (new, source))


@settings(deadline=None)
@given(source=langs, other=langs, first=texts_st, second=texts_st, translation=texts_st)
def test_a_reader_never_gets_a_translation_of_an_earlier_source(source, other, first, second, translation):
    if source == other or fingerprint(first) == fingerprint(second):
        return
    texts = {source: first}
    texts_translated = {**texts, other: translation}
    records = after_edit(texts, texts_translated, {}, other, source)
    rewritten = {**texts_translated, source: second}
    records = after_edit(texts_translated, rewritten, records, source, source)
    assert pick(rewritten, records, other, source) == (second, source)
