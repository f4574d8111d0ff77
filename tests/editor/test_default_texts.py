"""Issue 25 item 1: every default text a kind brings (World Café questions, canvas boxes…)
exists in every content language, and the editor fills each language's field with that
language's version: a Dutch session never shows (and projects) an English default."""

import pkgutil
from html.parser import HTMLParser

import pytest

import cafe.activities
from cafe.activities import registry
from cafe.activities.canvas.templates import available, load_template
from cafe.editor import services
from cafe.extensions import db
from cafe.sessions.services import create_session

LANGUAGES = ["nl", "fr", "en", "ar"]
# The kinds as the app discovers them (one sub-package each), known before the app registers them.
KINDS = sorted(m.name for m in pkgutil.iter_modules(cafe.activities.__path__) if m.ispkg)


def _texts(value, found):
    """Every human text in a value: a {language: text} table, or a plain string with a space
    (choices like "meet_new" have none)."""
    if isinstance(value, dict):
        texts = all(isinstance(v, str) for v in value.values())
        if value and set(value) <= set(LANGUAGES) and texts:
            found.append(value)
            return found
        for item in value.values():
            _texts(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _texts(item, found)
    elif isinstance(value, str) and " " in value.strip():
        found.append(value)
    return found


def _default_texts(app) -> list:
    """Each kind's default settings, and the canvas templates' boxes."""
    found = []
    for kind in registry.all_kinds().values():
        _texts(kind.Settings().model_dump(mode="json"), found)
    for path in available().values():
        template = load_template(path)
        _texts([template.name, template.description, list(template.fields),
                list(template.configurations)], found)
    return found


def test_every_default_text_has_a_version_in_every_content_language(app):
    texts = _default_texts(app)
    assert texts, "the walk found no default texts"
    for text in texts:
        assert isinstance(text, dict), f"a default text in one language only: {text!r}"
        missing = [lang for lang in LANGUAGES if not text.get(lang, "").strip()]
        assert not missing, f"{text} has no version in {missing}"


class _Fields(HTMLParser):
    """(lang, value) of every input and textarea that has a lang attribute."""

    def __init__(self):
        super().__init__()
        self.fields, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("lang"):
            self.fields.append((attrs["lang"], attrs.get("value") or ""))
        elif tag == "textarea" and attrs.get("lang"):
            self._open = [attrs["lang"], ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._open is not None:
            self.fields.append(tuple(self._open))
            self._open = None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind_name", KINDS)
def test_a_new_activity_form_fills_each_language_with_its_own_text(
        app, client, login, facilitator, kind_name, language):
    assert registry.get(kind_name) is not None
    others = [lang for lang in LANGUAGES if lang != language]
    session = create_session(facilitator, "Buurt", language)
    services.set_languages(session, others, LANGUAGES)
    db.session.commit()
    by_language = {lang: set() for lang in LANGUAGES}
    one_language_only = set()
    for text in _default_texts(app):
        if isinstance(text, str):
            one_language_only.add(" ".join(text.split()))
            continue
        for lang, version in text.items():
            by_language[lang].add(" ".join(version.split()))

    page = login(client).get(f"/console/sessions/{session.id}/agenda/new/{kind_name}")
    assert page.status_code == 200
    parser = _Fields()
    parser.feed(page.get_data(as_text=True))
    filled = {lang: 0 for lang in LANGUAGES}
    for lang, value in parser.fields:
        value = " ".join(value.split())
        if not value:
            continue
        filled[lang] += 1
        assert value not in one_language_only, f"the {lang} field holds {value!r}, a default " \
            "text that has no version per language"
        foreign = [other for other in LANGUAGES if other != lang and value in by_language[other]
                   and value not in by_language[lang]]
        assert not foreign, f"the {lang} field holds the {foreign} text {value!r}"
        assert value in by_language[lang], f"the {lang} field holds {value!r}"
    # Whatever is filled in one language is filled in every one of the session's languages.
    assert len(set(filled.values())) == 1, filled



def test_every_registered_kind_is_walked(app):
    assert set(registry.all_kinds()) == set(KINDS)
