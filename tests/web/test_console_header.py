"""Every console page has the same header with a way back to the sessions list and the
library: the editor, the team and the library pages had none but the brand."""

import re

import pytest

NAV = re.compile(r'<nav class="console-nav" aria-label="([^"]+)">(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="(page|true)")?>([^<]+)</a>')


def header_links(page: str) -> dict:
    """The header navigation's links: text → (address, aria-current)."""
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    nav = NAV.search(header)
    assert nav, "no navigation in the header"
    return {text: (href, current) for href, _, current, text in LINK.findall(nav.group(2))}


@pytest.fixture
def pages(cafe_session):
    sid = cafe_session.id
    activity = cafe_session.activities[0].id
    return {
        "sessions": "/console/",
        "console": f"/console/sessions/{sid}",
        "editor": f"/console/sessions/{sid}/agenda",
        "editor activity": f"/console/sessions/{sid}/agenda/{activity}",
        "team": f"/console/sessions/{sid}/team",
        "action log": f"/console/sessions/{sid}/log",
        "privacy and limits": f"/console/sessions/{sid}/privacy",
        "library": "/console/plans",
        "delphi": "/console/delphi/",
        "neighbourhoods": "/console/neighbourhoods/",
    }


def test_every_console_page_links_back_to_sessions_and_the_library(client, login, pages):
    login(client)
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        links = header_links(response.get_data(as_text=True))
        assert links["Sessions"][0] == "/console/", name
        assert links["Plan library"][0] == "/console/plans", name
        assert set(links) == {"Sessions", "Plan library", "Delphi studies",
                              "Neighbourhood analyses"}, name


def test_the_header_says_where_one_is(client, login, pages):
    login(client)
    current = {name: {text for text, (_, mark) in header_links(
        client.get(url).get_data(as_text=True)).items() if mark}
        for name, url in pages.items()}
    assert current == {
        "sessions": {"Sessions"}, "console": {"Sessions"}, "editor": {"Sessions"},
        "editor activity": {"Sessions"}, "team": {"Sessions"}, "action log": {"Sessions"},
        "privacy and limits": {"Sessions"}, "library": {"Plan library"},
        "delphi": {"Delphi studies"}, "neighbourhoods": {"Neighbourhood analyses"}}
    page = client.get(pages["library"]).get_data(as_text=True)
    assert header_links(page)["Plan library"][1] == "page"


@pytest.mark.parametrize("lang, words", [
    ("nl", {"Sessies", "Plannenbibliotheek", "Delphi-studies", "Buurtanalyses"}),
    ("fr", {"Sessions", "Bibliothèque de plans", "Études Delphi", "Analyses de quartier"}),
])
def test_the_header_speaks_the_facilitators_language(client, login, pages, lang, words):
    login(client)
    page = client.get(f"{pages['team']}?lang={lang}").get_data(as_text=True)
    assert set(header_links(page)) == words
