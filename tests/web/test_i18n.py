"""Every interface string is translated into Dutch and French; Arabic proves right-to-left."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "cafe" / "translations"
COMPLETE = ("nl", "fr")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_pgettext:1c,2", "-o", str(pot), "--no-location", "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as fh:
        return read_po(fh)


def _catalog(lang):
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", COMPLETE)
def test_every_string_in_code_and_templates_is_translated(extracted, lang):
    catalog = _catalog(lang)
    untranslated = []
    for message in extracted:
        if not message.id:
            continue
        # A word with a context ("Open" the state, "Open" the button) is its own entry.
        found = catalog.get(message.id, message.context)
        strings = () if found is None else (
            found.string if isinstance(found.string, tuple) else (found.string,))
        if found is None or found.fuzzy or not strings or not all(strings):
            untranslated.append((message.context, message.id) if message.context else message.id)
    assert not untranslated, f"{len(untranslated)} strings not translated into {lang} " \
        f"(run `make translations`, then fill them in): {untranslated[:10]}"


@pytest.mark.parametrize("lang", (*COMPLETE, "ar"))
def test_compiled_catalogs_match_the_sources(lang):
    po = _catalog(lang)
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
        mo = read_mo(fh)
    def key(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    translated = {(key(m.id), m.context): key(m.string) for m in po
                  if m.id and m.string and not m.fuzzy
                  and all(key(m.string) if isinstance(m.string, tuple) else [m.string])}
    compiled = {(key(m.id), m.context): key(m.string) for m in mo if m.id and m.string}
    # Babel compiles an untranslated plural with the English forms; only what was translated
    # has to be in the compiled catalog, exactly as written.
    stale = {k: v for k, v in translated.items() if compiled.get(k) != v}
    assert not stale, "run `make translations` to recompile the catalogs"


def test_dutch_and_french_pages(client, cafe_session):
    nl = client.get(f"/j/{cafe_session.code}?lang=nl").get_data(as_text=True)
    fr = client.get(f"/j/{cafe_session.code}?lang=fr").get_data(as_text=True)
    assert 'lang="nl"' in nl and "Doe mee" in nl
    assert 'lang="fr"' in fr and "Participer" in fr


def test_arabic_is_right_to_left_and_falls_back_where_untranslated(client, cafe_session):
    page = client.get(f"/j/{cafe_session.code}?lang=ar").get_data(as_text=True)
    assert 'lang="ar"' in page and 'dir="rtl"' in page
