"""Per-language text: the one fallback rule the engine and every page use."""

from forms.text import localized, text_and_language


def test_text_in_the_asked_language_says_no_other_language():
    assert text_and_language({"nb": "Hei", "en": "Hello"}, "en", "nb") == ("Hello", None)


def test_missing_or_blank_text_falls_back_to_the_default_language_and_names_it():
    assert text_and_language({"nb": "Hei", "en": "  "}, "en", "nb") == ("Hei", "nb")
    assert text_and_language({"nb": "Hei"}, "nn", "nb") == ("Hei", "nb")


def test_without_the_default_any_language_with_text_is_taken_and_named():
    assert text_and_language({"nb": "", "en": "Hello"}, "nn", "nb") == ("Hello", "en")


def test_no_text_at_all_is_empty_and_none_is_no_text():
    assert text_and_language({}, "nb", "nb") == ("", None)
    assert text_and_language(None, "nb", "nb") == ("", None)
    assert text_and_language({"nb": None}, "nb", "nb") == ("", None)


def test_localized_is_the_text_alone():
    assert localized({"nb": "Hei", "en": "Hello"}, "nn", "nb") == "Hei"


def test_a_value_that_is_not_text_counts_as_blank():
    """An uploaded definition is read for its error messages before it is valid: `true` is no label."""
    assert text_and_language({"nb": True, "en": "Call the guardians"}, "nb", "nb") == ("Call the guardians", "en")
    assert text_and_language({"nb": 3, "en": ["x"]}, "nb", "nb") == ("", None)
