"""What phones, the projector and the console see of a statements activity, and its results.

Screens get the map as anonymous points in a fixed order and groups without members; only a
participant's own view says which group they are in. OpinionStatement texts travel with the rows
that name them, so a screen never has to look them up."""

import csv
import io

from sqlalchemy import select

from cafe.activities.statements import analysis, queries
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.activities.statements.settings import StatementsSettings
from cafe.domain import opinion, opinion_map
from cafe.extensions import db
from cafe.participants.models import Participant


def languages(activity, rows: list[OpinionStatement]) -> list[str | None]:
    """The language each statement is written in, as far as known: the plan's in the plan's,
    the facilitator's in the session's, a participant's in the one they use; a card copied in
    from another activity, unknown (None)."""
    authors = {r.participant_id for r in rows if r.origin == "participant" and r.participant_id}
    spoken = dict(db.session.execute(
        select(Participant.id, Participant.language).where(Participant.id.in_(authors)))
        .all()) if authors else {}
    session = activity.session
    known = {"plan": (session.settings or {}).get("plan_language", session.language),
             "facilitator": session.language}
    return [known.get(r.origin) or spoken.get(r.participant_id) for r in rows]


def _with_text(rows: list[dict], texts: dict) -> list[dict]:
    return [{**row, "text": texts.get(row["statement"], "")} for row in rows]


def shown(result: dict, texts: dict, with_representative: bool = True) -> dict:
    """The public analysis with the statements' texts."""
    data = opinion.public(result)
    data["groups"] = [{**g, "representative": _with_text(g["representative"], texts)
                       if with_representative else []} for g in data["groups"]]
    data["consensus"] = _with_text(data["consensus"], texts)
    data["divisive"] = _with_text(data["divisive"], texts)
    data["unclear"] = _with_text(data["unclear"], texts)
    return data


def view(activity, audience: str) -> dict:
    conf = StatementsSettings.of(activity)
    visible = queries.statements(activity)
    texts = {s.id: s.text for s in visible}
    data = {
        "allow_new": conf.allow_new, "max_length": conf.max_length,
        "premoderation": conf.premoderation, "show_group": conf.show_group_on_phones,
        "statements": [{"id": s.id, "text": s.text, "lang": lang}
                       for s, lang in zip(visible, languages(activity, visible), strict=True)],
    }
    result = analysis.current(activity)
    if audience == "phone":
        data["analysis"] = phone_analysis(conf, result, texts)
        return data
    data["analysis"] = screen_analysis(result, texts)
    if audience == "projector" and not data["analysis"]["groups"]:
        # A small room: say in words what is still needed, and show the votes so far.
        data["needed"] = still_needed(result, len(visible))
        tally = analysis.tallies(activity)
        data["tallies"] = [{"id": s.id, "text": s.text,
                            **tally.get(s.id, {"agree": 0, "disagree": 0, "pass": 0})}
                           for s in visible]
    if audience == "console":
        tally = analysis.tallies(activity)
        data["moderation"] = [
            {"id": s.id, "text": s.text, "status": s.status, "origin": s.origin,
             **tally.get(s.id, {"agree": 0, "disagree": 0, "pass": 0})}
            for s in queries.statements(activity, ("pending", "visible", "hidden"))]
    return data


def screen_analysis(result: dict, texts: dict) -> dict:
    """The projector's and the console's: every point of the map, packed (a city's room has
    5,000: `cafe.domain.opinion_map`); without what only phones use (`priority`, which
    statement to offer next) and what no screen shows (`unclear`, in the results)."""
    data = shown(result, texts)
    data["points"] = opinion_map.pack(data["points"])
    data.pop("priority")
    data.pop("unclear")
    return data


def preview(activity, audience: str) -> dict:
    """The editor's preview of statements that exist only in the settings yet (they become
    rows when the activity opens): shown as they will be, each with no votes."""
    data = view(activity, audience)
    planned = StatementsSettings.of(activity).statements
    if data["statements"] or not planned:
        return data
    # The preview speaks its own language; the statements keep the plan's, if it is known.
    language = (activity.session.settings or {}).get("plan_language")
    data["statements"] = [{"id": -n, "text": text, "lang": language}
                          for n, text in enumerate(planned, start=1)]
    if "tallies" in data:
        data["needed"] = still_needed(analysis.current(activity), len(planned))
        data["tallies"] = [{"id": s["id"], "text": s["text"], "agree": 0, "disagree": 0,
                            "pass": 0} for s in data["statements"]]
    return data


def still_needed(result: dict, statements: int) -> dict:
    """Before groups appear: how many more people must vote on how many statements each.
    Groups need two of at least `opinion.MIN_GROUP` people who each voted on
    `opinion.MIN_VOTES` statements (or on all, when there are fewer)."""
    each = min(opinion.MIN_VOTES, statements)
    people = max(0, 2 * opinion.MIN_GROUP - result.get("participants", 0))
    return {"people": people, "each": each}


def phone_analysis(conf, result: dict, texts: dict) -> dict:
    """Phones see how many took part and, if the plan allows, what each group thinks."""
    data = shown(result, texts, with_representative=conf.show_group_on_phones)
    # A thousand points would weigh on every phone: the group centres place them.
    data.pop("points")
    data.pop("unclear")
    if not conf.show_group_on_phones:
        data["groups"] = []
    return data


def private_view(activity, participant_id: int) -> dict:
    conf = StatementsSettings.of(activity)
    names = {opinion.AGREE: "agree", opinion.DISAGREE: "disagree", opinion.PASS: "pass"}
    mine = db.session.execute(
        select(OpinionVote.statement_id, OpinionVote.value)
        .where(OpinionVote.activity_id == activity.id,
               OpinionVote.participant_id == participant_id)).all()
    own = db.session.execute(
        select(OpinionStatement.id, OpinionStatement.text, OpinionStatement.status)
        .where(OpinionStatement.activity_id == activity.id,
               OpinionStatement.participant_id == participant_id)).all()
    group = position = None
    latest = analysis.latest(activity.id) or {}
    if conf.show_group_on_phones:
        found = opinion.group_of(latest, participant_id)
        group = found["label"] if found else None
        position = opinion.position_of(latest, participant_id)
    # `round` orders the analyses: a phone keeps the group of the newest it was told.
    return {"votes": {str(s): names[v] for s, v in mine},
            "own": [{"id": i, "text": t, "status": st} for i, t, st in own],
            "group": group, "position": position, "round": latest.get("round", 0)}


def participation(activity, minutes: int = 5) -> list[dict]:
    """Votes and voters per `minutes`-minute interval since the first vote. A vote is counted
    at its last change (a changed vote moves to when it was changed)."""
    rows = db.session.execute(select(OpinionVote.participant_id, OpinionVote.updated_at)
                              .where(OpinionVote.activity_id == activity.id)).all()
    if not rows:
        return []
    start = min(when for _, when in rows)
    buckets: dict[int, set] = {}
    votes: dict[int, int] = {}
    for who, when in rows:
        n = int((when - start).total_seconds() // (60 * minutes))
        buckets.setdefault(n, set()).add(who)
        votes[n] = votes.get(n, 0) + 1
    return [{"minute": n * minutes, "votes": votes.get(n, 0), "voters": len(buckets.get(n, ()))}
            for n in range(max(buckets) + 1)]


def vote_matrix_csv(activity) -> str:
    """The anonymised vote matrix, like Polis's participant-votes export: one row per
    participant, numbered 1, 2, … in the order they joined (no names, no tokens, no ids), their
    group, their counts, then one column per statement shown (1 agree, -1 disagree, 0 pass,
    empty: not voted)."""
    shown = queries.statements(activity)
    result = analysis.latest(activity.id) or {}
    group = {who: g["label"] for g in result.get("groups") or [] for who in g["members"]}
    cells: dict[int, dict[int, int]] = {}
    for who, statement, value in analysis.votes_of(activity.id):
        cells.setdefault(who, {})[statement] = value
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["participant", "group", "votes", "agree", "disagree",
                     *[f"statement {n}" for n in range(1, len(shown) + 1)]])
    for number, who in enumerate(sorted(cells), start=1):
        mine = cells[who]
        writer.writerow([number, group.get(who, ""), len(mine),
                         sum(1 for v in mine.values() if v == opinion.AGREE),
                         sum(1 for v in mine.values() if v == opinion.DISAGREE),
                         *[mine.get(s.id, "") for s in shown]])
    return out.getvalue()


def results(activity) -> dict:
    visible = queries.statements(activity)
    texts = {s.id: s.text for s in visible}
    tally = queries.counts(activity)
    result = analysis.compute(activity.id)
    data = shown(result, texts)

    def ids(rows):
        return [{"id": r.pop("statement"), **r} for r in rows]

    return {
        "type": "statements",
        "voters": data["voters"], "participants": data["participants"],
        "statements": [{"id": s.id, "text": s.text, "origin": s.origin,
                        **tally.get(s.id, {"agree": 0, "disagree": 0, "pass": 0})}
                       for s in visible],
        "groups": [{"label": g["label"], "size": g["size"],
                    "representative": ids(g["representative"])} for g in data["groups"]],
        "clear": data["clear"],
        "participation": participation(activity),
        "consensus": ids(data["consensus"]),
        "divisive": ids(data["divisive"]),
        "unclear": ids(data["unclear"]),
    }
