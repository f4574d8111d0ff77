"""Control characters never reach the database or stop a report: a NUL in a card or a name is
stripped, a card of only invisible characters (zero-width, bidi controls) counts as empty, and
rows stored before still export to DOCX and XLSX."""

import io

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from cafe.activities.board.models import Card
from cafe.domain.control_chars import clean
from cafe.extensions import db
from cafe.neighbourhoods import services as hoods
from cafe.neighbourhoods.models import Finding
from cafe.participants.models import Participant
from tests.support.factories import add_activity, cid


def test_controls_are_stripped_and_invisible_text_is_empty():
    assert clean("Bank\x00jes\x07 op het\x1b plein\x7f\x85") == "Bankjes op het plein"
    assert clean("regel\neen\tmet tab\r\n") == "regel\neen\tmet tab\r\n"
    assert clean("\u200b\u200c\u200d\u2060\u200e\u200f\u202a\u202e\u2066\ufeff  ") == ""
    assert clean("عربي \u200f") == "عربي \u200f"  # a bidi mark beside real text stays


def test_a_card_keeps_no_control_characters_and_invisible_cards_are_refused(
        app, sio, client, login, cafe_session, join):
    board, _ = add_activity(cafe_session, "board", "Waar brandt het?")
    db.session.commit()
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    assert console.emit("activity:open", {"cid": cid("open"), "activity": board.id},
                        callback=True)["ok"]
    phone = sio(cafe_session.code, token=join(cafe_session.code, name="Ann\x00a\x1b"))
    added = phone.emit("card:add", {"cid": cid("nul"), "activity": board.id, "type": "need",
                                    "text": "Bank\x00jes\x08 op het plein"}, callback=True)
    assert added["ok"], added
    refused = phone.emit("card:add", {"cid": cid("zw"), "activity": board.id, "type": "need",
                                      "text": "\u200b\u200f\u202e\u2066"}, callback=True)
    assert refused["ok"] is False and refused["message"]
    texts = db.session.scalars(select(Card.text).where(Card.activity_id == board.id)).all()
    assert texts == ["Bankjes op het plein"]
    assert db.session.scalar(select(Participant.name)) == "Anna"


def test_rows_stored_with_a_nul_still_export(app, client, login, facilitator):
    hood = hoods.create(facilitator, "Rabot", "Gent")
    hoods.add_finding(hood, "experience", "Rustig")
    db.session.commit()
    db.session.scalars(select(Finding)).first().text = "Rus\x00tig\x0b maar eenzaam"
    db.session.commit()
    login(client)
    for fmt in ("docx", "xlsx"):
        answer = client.get(f"/console/neighbourhoods/{hood.id}/report.{fmt}")
        assert answer.status_code == 200, fmt
        if fmt == "docx":
            text = "\n".join(p.text for p in Document(io.BytesIO(answer.data)).paragraphs)
        else:
            book = load_workbook(io.BytesIO(answer.data))
            text = "\n".join(str(c) for s in book.worksheets
                             for r in s.iter_rows(values_only=True) for c in r if c)
        assert "Rustig maar eenzaam" in text, fmt


def test_the_facilitators_forms_keep_no_control_characters(app, client, login, facilitator):
    """The agenda editor, like every console form: a NUL in a title is not stored, and a title
    of only invisible characters is refused as empty, the agenda unchanged."""
    from cafe.sessions.models import Activity
    from cafe.sessions.services import create_session

    session = create_session(facilitator, "Leeg", "nl")
    db.session.commit()
    login(client)
    url = f"/console/sessions/{session.id}/agenda/new/info"
    response = client.post(url, data={"title-nl": "Wel\x00kom\x1b", "prompt-nl": "Hallo\x07"})
    assert response.status_code == 302
    stored = db.session.scalars(db.select(Activity).where(Activity.session_id == session.id))
    assert [(a.title, a.prompt) for a in stored] == [("Welkom", "Hallo")]

    refused = client.post(url, data={"title-nl": "\u200b\u202e\u200d", "prompt-nl": ""})
    assert refused.status_code == 400
    db.session.expire_all()
    count = db.session.scalar(db.select(db.func.count(Activity.id))
                              .where(Activity.session_id == session.id))
    assert count == 1
