"""A café evening's volumes in one session, for the projector's fit test: 80 cards, a vote on
30 items with 40 voters, a World Café at 8 tables (plan and plenary harvest), a word cloud, a
long welcome slide, two canvases of 40 items (theory of change, ICAMO) and 30 long statements
that 60 neighbours voted on in three opinion groups. Filled through the
services in a child process: `python -m tests.support.seeds.room DATABASE_URL PASSWORD`."""

import json
import random

from flask_migrate import upgrade

from cafe.activities.board import services as board
from cafe.activities.canvas import services as canvas
from cafe.activities.canvas.queries import canvases, template_of
from cafe.activities.questions import services as questions
from cafe.activities.statements import services as opinions
from cafe.activities.statements.queries import statements as opinion_statements
from cafe.activities.vote import services as vote
from cafe.activities.worldcafe import harvest, timers
from cafe.activities.worldcafe import queries as cafe_queries
from cafe.activities.worldcafe import services as cafe
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.participants.services import join
from cafe.sessions.services import create_session, set_status
from tests.support.factories import add_activity
from tests.support.seeds import app_for, arguments

NEEDS = ["Te weinig bankjes op het plein, ouderen kunnen nergens even rusten",
         "Eenzaamheid bij ouderen die alleen wonen",
         "Niemand weet waar je terecht kunt met vragen over zorg",
         "De bus naar het ziekenhuis rijdt maar om het uur",
         "Jonge mantelzorgers die er alleen voor staan en niet weten dat er hulp bestaat",
         "Drempels op de stoep voor rolstoelen",
         "Geen ontmoetingsplek voor jongeren na school",
         "Wachtlijsten bij de thuiszorg",
         "Nieuwe buren spreken geen Nederlands en vinden de weg niet naar de diensten",
         "Het buurthuis is te vaak dicht"]
TALENTS = ["Ik kan goed koken en wil dat voor buren doen",
           "Wij hebben een grote tuin die de buurt mag gebruiken",
           "De apotheker kent iedereen in de straat",
           "Veel gepensioneerden met tijd en zin om te helpen",
           "Een actieve voetbalclub met jonge vrijwilligers die ook iets voor de wijk willen doen",
           "Ik spreek Arabisch, Turks en Nederlands",
           "De school stelt haar zaal open op woensdag",
           "Een repair café dat al tien jaar draait",
           "Buren die boodschappen doen voor wie niet meer buiten komt",
           "Een wijkagent die luistert"]
# Long on purpose: the projector must clamp or page them, never cut them off.
OPINIONS = ["Het plein moet autovrij worden, ook op marktdag, zodat kinderen er veilig kunnen "
            "spelen en ouderen er rustig kunnen zitten zonder uitlaatgassen, lawaai of haast van "
            "wie er alleen maar door wil rijden",
            "De gemeente moet eerst luisteren naar wie hier al dertig jaar woont voordat ze "
            "nieuwe plannen maakt voor de straten en de pleinen",
            "Het buurthuis moet elke avond open zijn, ook in het weekend, met vrijwilligers "
            "uit de buurt in plaats van alleen betaalde krachten",
            "Er moeten meer bankjes en schaduw komen langs de weg naar de markt, om de "
            "tweehonderd meter, voor wie niet ver kan stappen",
            "Nieuwe buren moeten een peter of meter uit de straat krijgen die hen de eerste "
            "maanden wegwijs maakt in de diensten en de verenigingen",
            "Parkeren in de straat moet betalend worden voor wie er niet woont, zodat bewoners "
            "en zorgverleners een plaats vinden",
            "Jongeren moeten zelf een budget krijgen voor hun eigen plek in de wijk en zelf "
            "beslissen wat ermee gebeurt, zonder dat volwassenen meekijken of achteraf alles "
            "opnieuw in vraag stellen",
            "De bus naar het ziekenhuis moet minstens om het halfuur rijden, ook 's avonds en "
            "op zondag, want nu zit wie geen auto heeft vast en moet men een taxi betalen "
            "die niemand kan betalen",
            "Wie hulp zoekt, moet op één plek in de buurt terecht kunnen, met iemand die tijd "
            "heeft en de weg kent in alle diensten en premies",
            "De speeltuin mag 's avonds dicht, want de overlast en het lawaai na tien uur "
            "houden de buren wakker"]
BLOCKS = [None, "social_networks", "detection", "referral", "awareness_information"]

def text(pool, n):
    base = pool[n % len(pool)]
    return base if n < len(pool) else f"{base} ({n // len(pool) + 1})"


def fill(password: str) -> dict:
    rnd = random.Random(15)
    upgrade()
    db.create_all()  # tables whose migration is still on another branch
    user = create_facilitator("anna", password, "en")
    s = create_session(user, "Buurtcafé Sint-Jozef: waar brandt het?", "en")
    db.session.commit()  # services flush; the caller commits
    welcome, _ = add_activity(s, "info", "Welkom in het buurtcafé", (
        "Fijn dat u er bent! Vanavond zoeken we samen uit wat er leeft in de buurt: wat zijn de "
        "zorgen, en welke talenten en krachten zijn er? U kunt anoniem meedoen. Er zijn geen foute "
        "antwoorden. We beginnen met kaartjes: schrijf per kaartje één ding. Daarna kiezen we "
        "samen waar we eerst aan beginnen, en in het wereldcafé werken we aan tafels verder aan "
        "wat de buurt nodig heeft. Wie geen gsm heeft, kan alles aan de begeleiders vertellen; zij "
        "schrijven het voor u op. Alles wat u zegt, komt zonder naam in het verslag."))
    wall, _ = add_activity(s, "board", "Waar brandt het in onze buurt?",
        "Schrijf per kaartje één ding: een nood of een talent. Kort en concreet, graag.")
    cloud, _ = add_activity(s, "board", "Woordwolk", "Welke woorden komen het vaakst terug?",
                            {"display": "cloud"})
    short, _ = add_activity(s, "board", "Dertig voorstellen", "")
    ballot, _ = add_activity(s, "vote", "Waar beginnen we eerst?",
        "U hebt vijf stippen. Geef ze aan de kaartjes waarmee de buurt eerst aan de slag moet.",
        {"method": "dot", "target": "cards", "dots": 5, "source": 4, "reveal": "live"})
    rating, _ = add_activity(s, "vote", "Hoe belangrijk, hoe dringend?", "",
        {"method": "rate", "target": "cards", "source": 4, "reveal": "live"})
    rounds = [{"question": "Stel: over vijf jaar is onze buurt een zorgzame buurt. "
                           "Wat ziet u dan? Wie zorgt voor wie?", "minutes": 20},
              {"question": "Wat kunnen we samen doen?", "minutes": 20}]
    eight = {"tables": 8, "capacity": 7, "rounds": rounds}
    tables, _ = add_activity(s, "worldcafe", "Wereldcafé", "", eight)
    plenary, _ = add_activity(s, "worldcafe", "Wereldcafé: de oogst", "", eight)
    toc, _ = add_activity(s, "canvas", "Onze veranderingstheorie", "",
                          {"template": "theory-of-change"})
    icamo, _ = add_activity(s, "canvas", "ICAMO", "", {"template": "icamo"})
    asked, _ = add_activity(s, "questions", "Vragen aan het lokaal bestuur", "")
    opinion, _ = add_activity(s, "statements", "Wat vindt de buurt?", "",
        {"statements": [text(OPINIONS, n) for n in range(30)], "max_length": 220,
         "allow_new": False})

    people = []
    for n in range(48):
        p, _t, _c = join(s, name=f"Buur {n + 1}" if n % 3 else None,
                         role=["resident", "volunteer", "professional", "local_government"][n % 4],
                         language="nl", languages=("nl", "fr", "en"), max_name=40)
        people.append(p.id)
    db.session.commit()

    for activity in (wall, cloud, short, ballot, rating, tables, plenary, toc, icamo):
        set_status(activity, "open", keep_open=True)
    db.session.commit()
    for n in range(80):
        kind = "need" if n % 2 == 0 else "talent"
        words = text(NEEDS if kind == "need" else TALENTS, n // 2)
        for target in (wall, cloud):
            board.add_card(target, people[n % 48], kind, words, BLOCKS[n % 5], "participant")
    card_ids = []
    for n in range(30):
        kind = "need" if n % 2 == 0 else "talent"
        words = text(NEEDS if kind == "need" else TALENTS, n // 2)
        card, _ = board.add_card(short, people[n % 48], kind, words, None, "participant")
        card_ids.append(card.id)
    db.session.commit()
    for n, pid in enumerate(people[:40]):
        chosen = rnd.sample(card_ids[: 12 + n % 18], 5)
        vote.cast_dots(ballot, pid, {c: 1 for c in chosen}, "participant")
    db.session.commit()
    for _n, pid in enumerate(people[:40]):
        for item in rnd.sample(card_ids, 6):
            vote.cast_rating(rating, pid, item, rnd.randint(1, 5), rnd.randint(1, 5),
                             "participant")
    db.session.commit()

    cafe.allocate(tables)
    timers.start(tables)
    db.session.commit()
    for number in (1, 2):
        cafe.allocate(plenary) if number == 1 else None
        timers.start(plenary)
        db.session.commit()
        timers.end(plenary)
        db.session.commit()
    plenary_tables = cafe_queries.tables(plenary)
    theme_ids = [harvest.add_theme(plenary, t)[0].id for t in
                 ("Ontmoeten", "Informatie en doorverwijzen", "Mobiliteit")]
    db.session.commit()
    categories = ["insight", "question", "idea"]
    for n in range(42):
        item, _ = harvest.add_item(plenary, None, categories[n % 3],
                                   text(NEEDS if n % 2 else TALENTS, n // 2), False,
                                   table_id=plenary_tables[n % 8].id)
        db.session.commit()
        if n % 4:
            harvest.set_theme(plenary, item, harvest.get_theme(plenary, theme_ids[n % 3]))
    db.session.commit()

    # 60 neighbours in three camps of 25, 20 and 15: each camp leans its own way on most
    # statements, all agree on a few, and nobody votes on everything.
    set_status(opinion, "open", keep_open=True)
    db.session.commit()
    voters = people + [join(s, name=None, role="resident", language="nl",
                            languages=("nl", "fr", "en"), max_name=40)[0].id for _ in range(12)]
    db.session.commit()
    ids = [st.id for st in opinion_statements(opinion)]
    leaning = [[rnd.choice((1, 1, -1, 0)) if m % 7 else 1 for m in range(30)]
               for _camp in range(3)]
    for n, pid in enumerate(voters):
        lean_of = leaning[0 if n < 25 else 1 if n < 45 else 2]
        for m, statement in enumerate(ids):
            if rnd.random() < 0.25:
                continue
            lean = lean_of[m]
            value = rnd.choice(("agree", "disagree", "pass")) if lean == 0 else (
                "agree" if (lean == 1) != (rnd.random() < 0.08) else "disagree")
            opinions.vote(opinion, pid, statement, value)
        db.session.commit()

    # 30 questions from the room, upvoted unevenly, the most upvoted one pinned.
    set_status(asked, "open", keep_open=True)
    db.session.commit()
    room_questions = [questions.ask(asked, people[n], text(NEEDS, n)[:200] + "?", None, False)[0]
                      for n in range(30)]
    db.session.commit()
    for n, question in enumerate(room_questions):
        for pid in people[: (n * 7) % 23]:
            questions.upvote(asked, pid, question, True)
    questions.pin(asked, room_questions[0])
    db.session.commit()

    for activity in (toc, icamo):
        sheet = canvases(activity)[0]
        tpl = template_of(activity)
        cells = [(f, c) for f in tpl.field_keys for c in tpl.configuration_keys] or \
                [(f, None) for f in tpl.field_keys]
        existing = len(sheet.items) if hasattr(sheet, "items") else 0
        for n in range(40 - existing):
            field, conf = cells[(n * 7) % len(cells)]
            canvas.add_item(sheet, None, field, conf,
                            text(TALENTS if n % 2 else NEEDS, n // 2)[:120], "facilitator")
        db.session.commit()
    for activity in (wall, cloud, short, ballot, rating, toc, icamo, asked, opinion):
        activity.status = "closed"
    s.current_activity_id = None  # the evening starts on the join screen
    db.session.commit()
    return {"code": s.code, "id": s.id, "key": s.projector_key,
            "kinds": sorted({a.kind for a in s.activities}),
            "activities": {"welcome": welcome.id, "wall": wall.id, "cloud": cloud.id,
                           "ballot": ballot.id, "rating": rating.id, "tables": tables.id,
                           "plenary": plenary.id,
                           "theory_of_change": toc.id, "icamo": icamo.id,
                           "questions": asked.id, "statements": opinion.id}}


if __name__ == "__main__":
    database_url, password = arguments()
    with app_for(database_url).app_context():
        print(json.dumps(fill(password)))
