"""Issue 30: the language of the version a reader is shown, so a fallback can be marked with
it (lang="nl") and read aloud with the right voice."""

from cafe.domain.texts import language_of, localized


def test_the_language_is_that_of_the_version_picked():
    text = {"nl": "Welkom", "fr": "Bienvenue"}
    for reader, session in (("fr", "nl"), ("ar", "nl"), ("en", "en"), (None, "fr")):
        picked = localized(text, reader, session)
        assert text[language_of(text, reader, session)] == picked


def test_a_plain_string_is_in_the_fallback_language_and_nothing_has_none():
    assert language_of("Welkom", "fr", "nl") == "nl"
    assert language_of({"fr": "Bienvenue", "nl": " "}, "en", "nl") == "fr"
    assert language_of(None, "nl", "nl") is None
    assert language_of("  ", "nl", "nl") is None
