"""Phones speak plain words: the method's jargon (building block, pillar) stays on the console
and in the report, never on a participant's phone page, in any of its languages."""

import re

import pytest

from tests.support.kinds import kind_names

JARGON = re.compile(r"building block|pillar|bouwsteen|pijler|pilier|bloc de construction", re.I)
SCRIPTS = re.compile(r"<script.*?</script>", re.S)  # the JS messages serve the console too


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_phone_page_has_no_jargon(client, cafe_session, join, language):
    token = join(cafe_session.code, language=language)
    client.set_cookie(f"cafe_p_{cafe_session.code}", token)
    page = client.get(f"/s/{cafe_session.code}")
    assert page.status_code == 200
    # The page and every kind's part a phone may fetch later (its templates and strings).
    parts = [client.get(f"/s/{cafe_session.code}/kinds/{kind}").get_data(as_text=True)
             for kind in kind_names()]
    html = SCRIPTS.sub("", page.get_data(as_text=True) + "".join(parts))
    assert "board-block" in html  # the board's topic choice is on the page
    assert JARGON.findall(html) == []
