"""World Café through the Socket.IO test client: hosts, allocation, the stored timer, harvests
that reach only their own table, late joiners and leavers, themes and cards for prioritisation."""

from datetime import timedelta

from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.board.models import Card
from cafe.activities.worldcafe.models import CafeRound, HarvestItem, Seat
from cafe.extensions import db
from cafe.models import utcnow
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.worldcafe import host_all, log, next_cid, since


def test_the_tables_of_the_plan_exist_once_the_cafe_opens(cafe):
    data = cafe.view()
    assert [t["number"] for t in data["tables"]] == [1, 2, 3, 4, 5, 6]
    assert data["phase"] == "setup" and data["round"] is None
    assert [r["plenary"] for r in data["rounds"]] == [False, False, False, True]
    projector = cafe.view(cafe.projector)
    assert len(projector["tables"]) == 6 and "participants" not in projector


def test_every_phone_is_told_its_table_and_hosts_stay(cafe):
    hosts = host_all(cafe)
    seen = []
    for number in (1, 2, 3):
        answer = cafe.command("worldcafe:start")
        assert answer["ok"] and answer["round"] == number, answer
        seating = cafe.seating()
        assert set(seating) == set(cafe.phones)
        for pid, phone in cafe.phones.items():
            mine = cafe.mine(phone)
            assert mine["round"] == number and mine["table"]["id"] == seating[pid]
            assert mine["host"] == (pid in hosts)
        for pid, table in hosts.items():
            assert seating[pid] == table
        seen.append(seating)
        phone_view = cafe.view(next(iter(cafe.phones.values())))
        assert phone_view["round"]["number"] == number and phone_view["round"]["question"]
        assert "tables" not in phone_view  # phones learn only their own table
        assert cafe.command("worldcafe:end")["ok"]
    # 12 people at 6 tables of 2: nobody sits with the same person twice.
    pairs = [tuple(sorted(p for p, t in s.items() if t == table)) for s in seen
             for table in set(s.values())]
    assert len(pairs) == len(set(pairs))
    # The fourth round is the plenary: no tables, everyone looks at the projector.
    assert cafe.command("worldcafe:allocate")["error"] == "invalid"
    assert cafe.command("worldcafe:start")["ok"]
    assert cafe.view(cafe.projector)["phase"] == "plenary"
    assert cafe.command("worldcafe:end")["ok"]
    assert cafe.command("worldcafe:start")["error"] == "invalid"  # all rounds done


def test_keep_together_and_spread_roles_hold(cafe):
    ids = sorted(cafe.phones)
    pair = (ids[7], ids[8])
    assert cafe.command("worldcafe:constraints", keep_together=[pair], spread_roles=True)["ok"]
    for _round in range(3):
        assert cafe.command("worldcafe:start")["ok"]
        seating = cafe.seating()
        assert seating[pair[0]] == seating[pair[1]]
        assert cafe.command("worldcafe:end")["ok"]
    # A pair of hosts of two tables cannot stay together.
    host_all(cafe)
    answer = cafe.command("worldcafe:constraints", keep_together=[(ids[0], ids[1])])
    assert answer["error"] == "invalid" and answer["message"]
    assert cafe.command("worldcafe:constraints", keep_together=[(ids[0], 999999)])[
        "error"] == "not_found"


def test_the_timer_is_stored_and_pause_extend_end_change_it(cafe):
    assert cafe.command("worldcafe:pause")["error"] == "invalid"  # nothing to pause yet
    answer = cafe.command("worldcafe:start")
    timer = answer["timer"]
    assert timer["status"] == "running" and timer["remaining"] == 20 * 60
    assert abs(timer["ends_at"] - timer["server_time"] - 20 * 60 * 1000) < 2000
    db.session.expire_all()
    stored = db.session.scalar(select(CafeRound))
    assert stored.status == "running" and stored.ends_at is not None
    assert cafe.command("worldcafe:start")["error"] == "invalid"  # already running
    assert cafe.command("worldcafe:pause")["ok"]
    paused = cafe.view(cafe.projector)["round"]
    assert paused["status"] == "paused" and paused["ends_at"] is None
    assert 20 * 60 - 2 <= paused["remaining"] <= 20 * 60
    assert cafe.command("worldcafe:extend", minutes=5)["ok"]
    assert cafe.view(cafe.projector)["round"]["remaining"] == paused["remaining"] + 300
    assert cafe.command("worldcafe:start")["ok"]  # resumes
    running = cafe.view(cafe.projector)["round"]
    assert running["status"] == "running"
    assert abs(running["ends_at"] - running["server_time"] - 1000 * (paused["remaining"] + 300)) \
        < 2000
    # Time ran out: extending counts from now, not from the past end time.
    db.session.expire_all()
    stored = db.session.scalar(select(CafeRound))
    stored.ends_at = utcnow() - timedelta(minutes=3)
    db.session.commit()
    assert cafe.view(cafe.projector) is not None
    assert cafe.command("worldcafe:extend", minutes=2)["ok"]
    extended = cafe.view(cafe.projector)["round"]
    assert 115 <= extended["remaining"] <= 120
    assert cafe.command("worldcafe:extend", minutes=0)["error"] == "invalid"
    assert cafe.command("worldcafe:end")["ok"]
    assert cafe.view(cafe.projector)["round"]["status"] == "ended"
    assert cafe.command("worldcafe:pause")["error"] == "invalid"


def test_a_harvest_reaches_its_table_and_the_screens_only(cafe):
    hosts = host_all(cafe)
    assert cafe.command("worldcafe:start")["ok"]
    seating = cafe.seating()
    host = next(pid for pid, table in hosts.items() if table == cafe.tables[0])
    marks = {pid: len(log(phone)) for pid, phone in cafe.phones.items()}
    answer = cafe.send(cafe.phones[host], "worldcafe:harvest", category="insight",
                       text="  Eenzaamheid   bij ouderen  ")
    assert answer["ok"], answer
    assert [i["text"] for i in answer["mine"]["harvest"]] == ["Eenzaamheid bij ouderen"]
    said = cafe.send(cafe.phones[host], "worldcafe:harvest", category="idea",
                     text="Een buurtbabbel op de markt", said_by_other=True)
    assert said["ok"]
    for pid, phone in cafe.phones.items():
        private = [m for m in since(phone, "private", marks[pid])
                   if m["activity"] == cafe.activity.id]
        texts = [i["text"] for m in private for i in m["data"]["harvest"]]
        if pid == host:  # the writer's phone has the table's harvest in its answers
            assert texts == []
            texts = [i["text"] for i in said["mine"]["harvest"]]
        if seating[pid] == cafe.tables[0]:
            assert "Eenzaamheid bij ouderen" in texts and "Een buurtbabbel op de markt" in texts
        else:
            assert texts == []
        phone_views = [v for v in since(phone, "activity", marks[pid])
                       if v["id"] == cafe.activity.id]
        assert all("harvest" not in v["data"] for v in phone_views)
    projector = cafe.view(cafe.projector)
    assert {t["id"]: t["harvest"] for t in projector["tables"]}[cafe.tables[0]] == 2
    console = cafe.view()
    assert [(i["text"], i["on_behalf"]) for i in console["harvest"]] == [
        ("Eenzaamheid bij ouderen", False), ("Een buurtbabbel op de markt", True)]


def test_only_the_host_writes_unless_anyone_may(cafe):
    cafe.activity.settings = {**cafe.activity.settings, "harvest_by": "host"}
    db.session.commit()
    hosts = host_all(cafe)
    assert cafe.command("worldcafe:start")["ok"]
    guest = next(pid for pid in cafe.phones if pid not in hosts)
    answer = cafe.send(cafe.phones[guest], "worldcafe:harvest", category="insight", text="Hallo")
    assert answer["error"] == "forbidden" and answer["message"]
    host = next(iter(hosts))
    for bad in ({"category": "insight", "text": "   "}, {"category": "wish", "text": "Hallo"},
                {"category": "insight", "text": "x" * 281}):
        assert cafe.send(cafe.phones[host], "worldcafe:harvest", **bad)["error"] == "invalid"
    db.session.expire_all()
    assert db.session.scalars(select(HarvestItem)).all() == []
    cafe.activity.settings = {**cafe.activity.settings, "harvest_by": "anyone"}
    db.session.commit()
    assert cafe.send(cafe.phones[guest], "worldcafe:harvest", category="question",
                     text="Wie doet mee?")["ok"]
    # Closed: nothing more is written, and what is there stays.
    assert cafe.command("activity:close")["ok"]
    assert cafe.send(cafe.phones[guest], "worldcafe:harvest", category="idea",
                     text="Nog iets")["error"] == "closed"
    db.session.expire_all()
    assert [i.text for i in db.session.scalars(select(HarvestItem))] == ["Wie doet mee?"]


def test_late_joiners_get_a_table_and_leavers_do_not_break_the_plan(cafe):
    hosts = host_all(cafe)
    assert cafe.command("worldcafe:start")["ok"]
    before = cafe.seating()
    late = cafe.phone("Laatkomer", "resident")
    private = since(late, "state", 0)[-1]["private"][str(cafe.activity.id)]
    assert private["table"] is None and private["seatable"] is True
    answer = cafe.send(late, "worldcafe:join_table")
    assert answer["ok"] and answer["mine"]["table"]["id"] in cafe.tables
    again = cafe.send(late, "worldcafe:join_table")  # asking twice keeps the same seat
    assert again["mine"]["table"] == answer["mine"]["table"]
    after = cafe.seating()
    assert {p: t for p, t in after.items() if p in before} == before
    # Table sizes stay even: the late joiner went to a table of two.
    sizes = sorted(list(after.values()).count(t) for t in cafe.tables)
    assert sizes == [2, 2, 2, 2, 2, 3]
    # A guest and a host leave in the middle of the round.
    guest = next(p for p in before if p not in hosts)
    host = next(iter(hosts))
    for pid in (guest, host):
        assert cafe.send(cafe.phones[pid], "worldcafe:leave")["ok"]
        cafe.phones[pid].disconnect()
    now = cafe.seating()
    assert guest not in now and host not in now
    assert {p: t for p, t in now.items()} == {p: t for p, t in after.items()
                                              if p not in (guest, host)}
    assert not [t for t in cafe.view()["tables"] if t["host"] and t["host"]["id"] == host]
    assert cafe.command("worldcafe:end")["ok"]
    assert cafe.command("worldcafe:start")["ok"]
    next_round = cafe.seating()
    assert guest not in next_round and host not in next_round
    assert set(next_round) == set(cafe.phones) - {guest, host}
    for pid, table in hosts.items():
        if pid != host:
            assert next_round[pid] == table


def test_themes_and_insights_become_board_cards(cafe):
    hosts = host_all(cafe)
    assert cafe.command("worldcafe:start")["ok"]
    host = next(iter(hosts))
    texts = ["Te weinig ontmoetingsplekken", "Buren kennen elkaar niet", "Wie helpt met papieren?"]
    items = []
    for text, category in zip(texts, ("insight", "insight", "question"), strict=True):
        answer = cafe.send(cafe.phones[host], "worldcafe:harvest", category=category, text=text)
        items.append(answer["item"])
    assert cafe.command("worldcafe:end")["ok"]
    theme = cafe.command("worldcafe:theme_add", title="Ontmoeting")["theme"]
    assert cafe.command("worldcafe:item_theme", item=items[0], theme=theme)["ok"]
    assert cafe.command("worldcafe:theme_add", title="  ")["error"] == "invalid"
    answer = cafe.command("worldcafe:to_board", board=cafe.board.id, theme=theme)
    assert answer["ok"] and answer["sent"] == 1
    answer = cafe.command("worldcafe:to_board", board=cafe.board.id)
    assert answer["sent"] == 1  # the other insight; the first is not sent twice
    assert cafe.command("worldcafe:to_board", board=cafe.board.id)["sent"] == 0
    db.session.expire_all()
    cards = db.session.scalars(select(Card).order_by(Card.id)).all()
    assert [(c.text, c.entered_by, c.activity_id) for c in cards] == [
        (texts[0], "facilitator", cafe.board.id), (texts[1], "facilitator", cafe.board.id)]
    assert cards[0].theme.title == "Ontmoeting" and cards[1].theme_id is None
    # Only a board of this session.
    assert cafe.command("worldcafe:to_board", board=cafe.activity.id)["error"] == "not_found"
    console = cafe.view()
    assert sorted(i["card_id"] is not None for i in console["harvest"]) == [False, True, True]
    assert console["harvest"][0]["theme_id"] == theme


def test_results_have_no_names(cafe):
    hosts = host_all(cafe)
    assert cafe.command("worldcafe:start")["ok"]
    host = next(iter(hosts))
    assert cafe.send(cafe.phones[host], "worldcafe:harvest", category="idea",
                     text="Een repair café", said_by_other=True)["ok"]
    results = registry.get("worldcafe").results(cafe.activity)
    assert results["type"] == "worldcafe"
    assert [t["name"] for t in results["tables"]] == [f"Table {n}" for n in range(1, 7)]
    assert [r["number"] for r in results["rounds"]] == [1, 2, 3, 4]
    assert results["harvests"] == [{"table": hosts[host], "round": 1, "items": [
        {"category": "idea", "text": "Een repair café", "on_behalf": True}]}]
    assert "Buur" not in str(results)


def test_withdrawing_removes_own_lines_and_keeps_words_said_for_others(cafe):
    hosts = host_all(cafe)
    assert cafe.command("worldcafe:start")["ok"]
    host = next(iter(hosts))
    cafe.send(cafe.phones[host], "worldcafe:harvest", category="insight", text="Mijn eigen")
    cafe.send(cafe.phones[host], "worldcafe:harvest", category="insight", text="Van een buur",
              said_by_other=True)
    assert cafe.phones[host].emit("me:withdraw", {"cid": next_cid()}, callback=True)["ok"]
    db.session.expire_all()
    assert [(i.text, i.participant_id) for i in db.session.scalars(select(HarvestItem))] == [
        ("Van een buur", None)]
    assert db.session.scalar(select(Seat).where(Seat.participant_id == host)) is None


def test_other_sessions_and_wrong_views_are_refused(cafe, facilitator, sio):
    other = create_session(facilitator, "Ander", "en", load_plan(
        available_plans()["wereldcafe"], registry.all_kinds()))
    db.session.commit()  # services flush; the caller commits
    foreign = next(a for a in other.activities if a.kind == "worldcafe")
    assert cafe.command("worldcafe:start", activity=foreign.id)["error"] == "not_found"
    assert cafe.command("worldcafe:start", activity=cafe.board.id)["error"] == "not_found"
    phone = next(iter(cafe.phones.values()))
    assert cafe.send(phone, "worldcafe:start")["error"] == "forbidden"
    assert cafe.send(phone, "worldcafe:join_table")["error"] == "invalid"  # no round yet
