"""The heavy room of issue 20 (a thousand people, a full board, a big analysis) and the
requests that start heavy work, shared by the heavy-work tests."""

import requests

from tests.support.server import LiveServer, run_seed

PEOPLE = 1000
CARDS = 400
FINDINGS = 300
# A thousand words, so the cloud has its full 120 to place and the report's cloud too.
WORDS = [f"{stem}{end}" for stem in (
    "speelplein", "buurthuis", "fietspad", "bankje", "moestuin", "zorg", "eenzaam", "verkeer",
    "parking", "groen", "markt", "school", "jeugd", "senioren", "taal", "wonen", "huur",
    "veilig", "licht", "afval", "sport", "cultuur", "bibliotheek", "koffie", "feest")
    for end in ("", "en", "je", "plek", "hoek", "dag", "werk", "kaart", "straat", "plan",
                "raad", "groep", "tijd", "huis", "zaal", "punt", "team", "week", "vrouw",
                "man", "kind", "ouder", "buur", "vriend", "zon", "regen", "wind", "boom",
                "bloem", "steen", "water", "brug", "pad", "weg", "plein", "tuin", "dak",
                "deur", "raam", "muur")]


def seed_everything(live: LiveServer, session: dict) -> dict:
    """A thousand participants, a full board and a big analysis, written at once in a child
    process: entering them one by one over HTTP is not what this test is about."""
    return run_seed("crowd", live.instance, live.database_url, {
        "session": session["id"], "people": PEOPLE,
        "roles": ["resident", "volunteer", "professional", "local_government", None],
        "board": session["activities"][1], "cards": CARDS, "findings": FINDINGS,
        "stakeholders": 100, "words": WORDS, "seed": 20})


def largest_figures_csv() -> bytes:
    """The largest file the import accepts: 500 figures (its cap) and just under 1 MB, the
    way Statbel exports them (semicolons, decimal commas, quoted text)."""
    header = "naam;waarde;eenheid;bron;jaar\n"
    rows = []
    for n in range(500):
        head, tail = f'"Indicator {n}";{n}.234,5;"aantal";"', f'";{2000 + n % 25}\n'
        room = (999_000 - len(header)) // 500 - len(head) - len(tail)
        rows.append(head + ("Statbel, bevolking per statistische sector " * 60)[:room] + tail)
    body = (header + "".join(rows)).encode()
    assert 990_000 < len(body) <= 1_000_000
    return body


def csrf(http: requests.Session, url: str) -> str:
    return http.get(url, timeout=30).text.split('name="csrf_token" value="', 1)[1].split('"')[0]
