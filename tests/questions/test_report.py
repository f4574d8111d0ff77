"""Questions from the room reach the neighbourhood analysis and its report: the export form
offers the shown questions in a group of their own (the open ones ticked), and the report's
files carry them with their upvotes and answered state, never a name."""

import json

from cafe.activities.questions import services
from cafe.extensions import db
from cafe.neighbourhoods import export
from cafe.neighbourhoods import services as hoods
from cafe.reports import build


def test_questions_go_into_the_analysis_and_the_report(make, facilitator, client, login):
    act, (a, b, c) = make()
    open_one, _ = services.ask(act, a, "Komt er een zebrapad aan de school?", "Karim", False)
    done, _ = services.ask(act, b, "Wanneer gaat het buurthuis weer open?", None, False)
    rude, _ = services.ask(act, c, "Iets onaardigs", None, False)
    for who in (a, b, c):
        services.upvote(act, who, done, True)
    services.upvote(act, c, open_one, True)
    services.set_answered(done, True)
    services.moderate(rude, "hide")
    db.session.commit()
    session = act.session
    hood = hoods.create(facilitator, "Rabot", "Gent")
    db.session.commit()

    candidates = [c for c in export.session_candidates(session) if c["group"] == "questions"]
    assert [(c["text"], c["default"]) for c in candidates] == [
        ("Wanneer gaat het buurthuis weer open?", False),  # most upvoted first; answered
        ("Komt er een zebrapad aan de school?", True)]
    page = login(client).get(f"/console/neighbourhoods/{hood.id}/export/{session.id}")
    assert page.status_code == 200
    assert "Questions from the room" in page.text and "Iets onaardigs" not in page.text

    # The facilitator ticks both.
    export.export_session(hood, session, {c["key"]: c["text"] for c in candidates})
    db.session.commit()
    snap = build.snapshot(hood, "nl")
    found = [f for f in json.loads(build.render("json", snap))["findings"]
             if f["section"] == "question"]
    assert [(f["text"], f["detail"]["votes"], f["detail"]["answered"]) for f in found] == [
        ("Wanneer gaat het buurthuis weer open?", 3, True),
        ("Komt er een zebrapad aan de school?", 1, False)]
    markdown = build.render("md", snap).decode()
    assert "Open vragen" in markdown and "Komt er een zebrapad aan de school?" in markdown
    everything = "".join(build.render(fmt, snap).decode("utf-8-sig") for fmt in ("json", "csv",
                                                                                    "md"))
    assert "Karim" not in everything and "Iets onaardigs" not in everything
