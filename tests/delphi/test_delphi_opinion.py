"""Issue 19: the opinion analysis of a Delphi round, panelists as participants, ratings 4–5
agree, 1–2 disagree, 3 pass; shown on the study's facilitator page."""

import random

from cafe.delphi import services
from cafe.delphi.models import Panelist
from cafe.delphi.opinion import round_opinion
from cafe.domain import opinion
from cafe.extensions import db

STATEMENTS = [("Zorg", f"Stelling {n} over zorg in de buurt") for n in range(8)]


def test_a_round_split_in_two_camps(app, facilitator, client, login):
    study = services.create_study(facilitator, "Delphi Zuid", "nl", ["Bewoners", "Partners"],
                                  STATEMENTS)
    for panel in study.panels:
        services.add_panelists(study, panel.id, 10)
    round_ = services.open_round(study)
    db.session.commit()
    rng = random.Random(4)
    panelists = list(db.session.scalars(db.select(Panelist).where(Panelist.study_id == study.id)
                                        .order_by(Panelist.id)))
    ratings = []
    for n, panelist in enumerate(panelists):
        camp = n % 2  # the camps cut across the two panels
        for m, statement in enumerate(study.statements):
            if m == 0:
                value = rng.choice((4, 5))          # everybody wants this
            elif m < 4:
                value = rng.choice((4, 5)) if camp == 0 else rng.choice((1, 2))
            else:
                value = rng.choice((1, 2)) if camp == 0 else rng.choice((4, 5))
            if m == 7 and n == 0:
                services.save_answer(panelist, study, statement.id, {}, True, "", f"c{n}-{m}")
                ratings.append((panelist.id, statement.id, 3))
                continue
            services.save_answer(panelist, study, statement.id,
                                 {"desirability": value, "feasibility": 3}, False, "",
                                 f"c{n}-{m}")
            ratings.append((panelist.id, statement.id, value))
    db.session.commit()

    shown = round_opinion(study, round_)
    expected = opinion.public(opinion.analyse(opinion.from_ratings(ratings)))
    assert [(g["label"], g["size"]) for g in shown["groups"]] == [("A", 10), ("B", 10)]
    assert shown["points"] == expected["points"]
    first = study.statements[0]
    assert [(c["statement"], c["direction"]) for c in shown["consensus"]] == [(first.id, "agree")]
    assert shown["consensus"][0]["text"] == first.text
    assert {d["statement"] for d in shown["divisive"]} == {s.id for s in study.statements[1:]}

    login(client)
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    section = page[page.index('id="opinion-title"'):]
    assert "Stelling 0 over zorg" in section.split("opinion-title", 2)[1]
    assert "Group A: 10 people" in section or "Groep A: 10 mensen" in section
