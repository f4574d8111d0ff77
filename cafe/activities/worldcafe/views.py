"""What a World Café looks like to the phones, the projector, the console and the exports."""

from collections import Counter

from flask import has_request_context
from flask_babel import gettext as _
from sqlalchemy import select

from cafe.activities.worldcafe import harvest, queries, sizing
from cafe.activities.worldcafe.models import CATEGORIES
from cafe.activities.worldcafe.prioritise import boards
from cafe.activities.worldcafe.settings import WorldCafeSettings
from cafe.activities.worldcafe.timers import timer
from cafe.domain import rotation
from cafe.domain.texts import language_of
from cafe.extensions import db
from cafe.participants.models import Participant

# Above this many seated people the projector shows counts per table, not who sits where.
MAX_NAMES_ON_PLAN = 60


def _questions(spec, language: str) -> dict:
    """The question in the session's language, and every version for phones to pick theirs."""
    return {"question": spec.text(language, language),
            "question_lang": language_of(spec.question, language, language),
            "question_texts": spec.question if isinstance(spec.question, dict) else None}


def _round(conf, round_, language: str) -> dict | None:
    if round_ is None:
        return None
    spec = conf.rounds[min(round_.number, len(conf.rounds)) - 1]
    return {"number": round_.number, **_questions(spec, language),
            "plenary": conf.is_plenary(round_.number), **timer(round_)}


def _phase(conf, round_) -> str:
    """setup: no round yet; tables: a round at the tables; plenary: the plenary round, or every
    round at the tables is over (the harvest moment)."""
    if round_ is None:
        return "setup"
    table_rounds = len(conf.rounds) - (1 if conf.last_round_plenary else 0)
    if conf.is_plenary(round_.number) or (
            round_.status == "ended" and round_.number >= table_rounds):
        return "plenary"
    return "tables"


def _common(activity):
    conf = WorldCafeSettings.of(activity)
    current = queries.current_round(activity)
    data = {
        "phase": _phase(conf, current),
        "round": _round(conf, current, activity.session.language),
        "rounds_total": len(conf.rounds),
        "last_round_plenary": conf.last_round_plenary,
        "harvest_by": conf.harvest_by,
        "max_length": conf.max_length,
        "categories": list(CATEGORIES),
    }
    return conf, current, data


def _people(activity) -> dict[int, Participant]:
    rows = db.session.scalars(select(Participant).where(
        Participant.session_id == activity.session_id))
    return {p.id: p for p in rows}


def _item(item) -> dict:
    return {"id": item.id, "table": item.table_id, "round": item.round_number,
            "category": item.category, "text": item.text, "on_behalf": item.on_behalf,
            "theme_id": item.theme_id}


def view(activity, audience: str) -> dict:
    conf, current, data = _common(activity)
    if audience == "phone":
        return data  # phones are many: their table and its harvest are in the private view
    people = _people(activity)
    tables = queries.tables(activity) or [
        _Unsaved(number, name) for number, name in enumerate(conf.table_names(), start=1)]
    seats = queries.seating(current) if current is not None else {}
    members: dict[int, list[int]] = {}
    for person, table in sorted(seats.items()):
        members.setdefault(table, []).append(person)
    current_items = harvest.items(activity, round_number=current.number) if current else []
    counts = Counter(item.table_id for item in current_items)
    show_names = audience == "console" or len(seats) <= MAX_NAMES_ON_PLAN

    def who(pid):
        p = people.get(pid)
        row = {"id": pid, "name": p.name if p else None}
        if audience == "console":
            row.update(role=p.role if p else None, assisted=bool(p and p.assisted))
        return row

    data["tables"] = [
        {"id": t.id, "number": t.number, "name": t.name,
         "host": who(t.host_id) if t.host_id else None,
         "count": len(members.get(t.id, [])), "harvest": counts.get(t.id, 0),
         **({"members": [who(p) for p in members.get(t.id, [])]} if show_names else {})}
        for t in tables
    ]
    data["seated"] = len(seats)
    if audience == "console":
        data["nobody_writes"] = harvest.tables_nobody_writes(activity, tables)
    data["themes"] = [{"id": t.id, "title": t.title} for t in harvest.themes(activity)]
    if audience == "projector":
        # One trusted screen: it has the whole harvest, and shows it at the plenary.
        data["harvest"] = [_item(i) for i in harvest.items(activity)]
        return data
    return _console(activity, conf, current, data, people, seats)


def _console(activity, conf, current, data, people, seats) -> dict:
    gone = queries.departed(activity)
    data["rounds"] = [
        {"number": n, **_questions(spec, activity.session.language), "minutes": spec.minutes,
         "plenary": conf.is_plenary(n)}
        for n, spec in enumerate(conf.rounds, start=1)
    ]
    data["statuses"] = {r.number: r.status for r in queries.rounds(activity)}
    data["participants"] = [
        {"id": p.id, "name": p.name, "role": p.role, "assisted": p.assisted,
         "left": p.id in gone, "table": seats.get(p.id)}
        for p in people.values()
    ]
    data["capacity"] = conf.capacity
    data["planned_hosts"] = conf.hosts  # names agreed in the plan, to pick them as hosts
    data["seating"] = conf.seating
    data["sizing"] = sizing.proposal(len(people) - len(gone & set(people)), len(data["tables"]))
    data["constraints"] = conf.constraints.model_dump(mode="json")
    data["harvest"] = [{**_item(i), "card_id": i.card_id} for i in harvest.items(activity)]
    data["boards"] = boards(activity)
    data["repeats"] = 0
    if current is not None and seats:
        met = rotation.encounters(queries.history(activity, current.number))
        data["repeats"] = rotation.repeats(seats, met)
    return data


def preview(activity, audience: str) -> tuple[dict, dict]:
    """Before the café runs, the editor's preview shows round 1 about to start: its question
    and minutes, the tables on the projector, and on a phone table 1 with who writes there.
    A café that already ran shows itself as it is."""
    conf = WorldCafeSettings.of(activity)
    data = view(activity, audience)
    if data["phase"] != "setup" or not conf.rounds:
        return data, {}
    first = conf.rounds[0]
    data["phase"] = "tables"
    data["round"] = {"number": 1, **_questions(first, activity.session.language),
                     "plenary": conf.is_plenary(1), "status": "pending",
                     "minutes": first.minutes, "ends_at": None, "remaining": first.minutes * 60,
                     "server_time": None}
    names = conf.table_names()
    mine = {"table": {"id": None, "number": 1, "name": names[0] if names else None},
            "host": False, "host_name": None, "has_host": False, "left": False,
            "seatable": False, "round": 1, "members": 0, "harvest": [],
            "can_write": conf.harvest_by == "anyone"}
    return data, mine


class _Unsaved:
    """A table of the settings before the café first opened (no id yet)."""

    def __init__(self, number, name):
        self.id, self.number, self.name, self.host_id = None, number, name, None


def private_view(activity, participant_id: int) -> dict:
    """A participant's table in the current round, whether they host it, and its harvest."""
    conf = WorldCafeSettings.of(activity)
    current = queries.current_round(activity)
    out = {"table": None, "host": False, "can_write": False, "harvest": [], "members": 0,
           "left": participant_id in queries.departed(activity), "seatable": False,
           "round": current.number if current else None}
    seat = queries.seat_of(current, participant_id)
    if seat is None:
        out["seatable"] = bool(current is not None and not out["left"]
                               and current.status != "ended"
                               and not conf.is_plenary(current.number))
        return out
    table = queries.get_table(activity, seat.table_id)
    host = db.session.get(Participant, table.host_id) if table.host_id else None
    mates = harvest.table_members(current.id, table.id)
    out.update(
        table={"id": table.id, "number": table.number, "name": table.name},
        host=table.host_id == participant_id,
        host_name=host.name if host else None,
        has_host=host is not None,
        can_write=activity.is_open and harvest.may_write(activity, participant_id, table),
        members=len(mates),
        harvest=[{**_item(i), "mine": i.participant_id == participant_id}
                 for i in harvest.items(activity, table.id, current.number)],
    )
    return out


def _numbered(number: int) -> str:
    """"Table 3" in the reader's language; exports run outside a request read English."""
    if has_request_context():
        return _("Table %(n)s", n=number)
    return f"Table {number}"


def results(activity) -> dict:
    """For the API and exports: tables, rounds and every table's harvest; no names."""
    conf = WorldCafeSettings.of(activity)
    tables = queries.tables(activity)
    grouped: dict[tuple[int, int], list[dict]] = {}
    for item in harvest.items(activity):
        grouped.setdefault((item.table_id, item.round_number), []).append(
            {"category": item.category, "text": item.text, "on_behalf": item.on_behalf})
    order = {t.id: t.number for t in tables}
    return {
        "type": "worldcafe",
        "tables": [{"id": t.id, "name": t.name or _numbered(t.number)} for t in tables],
        "rounds": [{"number": n, "question": spec.text(activity.session.language)}
                   for n, spec in enumerate(conf.rounds, start=1)],
        "harvests": [
            {"table": table, "round": number, "items": rows}
            for (table, number), rows in sorted(
                grouped.items(), key=lambda kv: (kv[0][1], order.get(kv[0][0], 0)))
        ],
    }
