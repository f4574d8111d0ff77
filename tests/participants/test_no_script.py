"""Without JavaScript the phone page says so in plain words, in the person's language (issue 29)."""

import re

import pytest

NOSCRIPT = re.compile(r"<noscript>(.*?)</noscript>", re.S)


@pytest.mark.parametrize("language, words", [
    ("nl", "Uw browser heeft JavaScript uitgeschakeld"),
    ("fr", "JavaScript est désactivé dans votre navigateur"),
    ("en", "Your browser has JavaScript switched off"),
    ("ar", "جافاسكريبت معطَّل في متصفحك"),
])
def test_the_phone_page_says_javascript_is_off_in_the_persons_language(
        client, cafe_session, join, language, words):
    code = cafe_session.code
    client.set_cookie(f"cafe_p_{code}", join(code, name="Mira", language=language))
    html = client.get(f"/s/{code}").data.decode()
    said = " ".join(NOSCRIPT.findall(html))
    assert words in said
