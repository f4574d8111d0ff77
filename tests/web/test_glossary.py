"""The glossary explains the method words in the reader's language (issue 25)."""

import pytest

from cafe.web.glossary import TERMS

WORDS = {"nl": ("Woorden die we gebruiken", "Oogst", "Een manier om terug te blikken"),
         "fr": ("Les mots que nous utilisons", "Récolte", "Une façon de regarder"),
         "en": ("Words we use", "Harvest", "A way to look back")}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_glossary_speaks_the_readers_language(client, language):
    response = client.get("/glossary", headers={"Accept-Language": language})
    assert response.status_code == 200
    html = response.data.decode()
    for word in WORDS[language]:
        assert word in html
    for anchor, _term, _text in TERMS:
        assert f'id="{anchor}"' in html  # help lines link to /glossary#<anchor>
    for anchor in ("world-cafe", "icamo", "policy-delphi", "burning-platform", "harvest"):
        assert anchor in {a for a, _t, _e in TERMS}
