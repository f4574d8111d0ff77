from cafe.domain.texts import languages_of, localized


def test_a_plain_string_is_the_text_in_every_language():
    assert localized("Welkom", "fr", "nl") == "Welkom"


def test_the_participants_language_then_the_sessions_then_any():
    text = {"nl": "Welkom", "fr": "Bienvenue"}
    assert localized(text, "fr", "nl") == "Bienvenue"
    assert localized(text, "ar", "nl") == "Welkom"
    assert localized({"fr": "Bienvenue", "nl": " "}, "en", "nl") == "Bienvenue"
    assert localized(None, "nl") == ""


def test_languages_of_counts_only_non_empty_versions():
    assert languages_of({"nl": "Welkom", "fr": ""}, "nl") == {"nl"}
    assert languages_of("Welkom", "fr") == {"fr"}
