"""Adding, seeding, moderating and voting on statements. Never emits; returns what changed."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from cafe.activities import registry
from cafe.activities.contributions import clean_text
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.activities.statements.settings import StatementsSettings
from cafe.core import Changes, Refusal, closed
from cafe.delphi.models import Study
from cafe.domain.opinion import VALUES
from cafe.extensions import db
from cafe.sessions.models import Activity

# A participant may add this many statements: enough to say what is missing, not to flood.
MAX_OWN = 5


def get_statement(activity: Activity, statement_id: int) -> OpinionStatement:
    statement = db.session.get(OpinionStatement, statement_id)
    if statement is None or statement.activity_id != activity.id:
        raise Refusal("not_found", _l("This statement does not exist."))
    return statement



def _next_position(activity: Activity) -> int:
    last = db.session.scalar(select(func.max(OpinionStatement.position))
                             .where(OpinionStatement.activity_id == activity.id))
    return (last or 0) + 1


def _everything(activity: Activity, *participants: int) -> Changes:
    changes = Changes(activity.session_id, activities={activity.id})
    changes.private |= {(p, activity.id) for p in participants if p is not None}
    return changes


def add(activity: Activity, participant_id: int | None, text: str | None) -> Changes:
    """A statement from a phone (pending under pre-moderation) or from the facilitator."""
    if not activity.is_open:
        raise closed()
    conf = StatementsSettings.of(activity)
    if participant_id is not None and not conf.allow_new:
        raise Refusal("forbidden", _l("New statements are not asked for here."))
    cleaned = clean_text(text, conf.max_length)
    if participant_id is not None:
        own = db.session.scalar(select(func.count(OpinionStatement.id)).where(
            OpinionStatement.activity_id == activity.id,
            OpinionStatement.participant_id == participant_id))
        if own >= MAX_OWN:
            raise Refusal("over_limit", _l("You have added the most statements allowed here "
                                           "(%(n)s).", n=MAX_OWN))
    exists = db.session.scalar(select(OpinionStatement.id).where(
        OpinionStatement.activity_id == activity.id,
        func.lower(OpinionStatement.text) == cleaned.lower()))
    if exists:
        raise Refusal("duplicate", _l("This statement is already there."))
    pending = conf.premoderation and participant_id is not None
    db.session.add(OpinionStatement(
        activity_id=activity.id, participant_id=participant_id, text=cleaned,
        status="pending" if pending else "visible",
        origin="participant" if participant_id is not None else "facilitator",
        position=_next_position(activity)))
    db.session.flush()
    return _everything(activity, participant_id)


def moderate(activity: Activity, statement_id: int, action: str) -> Changes:
    """approve / show: on the phones; hide: off them, its votes no longer counted."""
    statement = get_statement(activity, statement_id)
    statement.status = "hidden" if action == "hide" else "visible"
    db.session.flush()
    return _everything(activity, statement.participant_id)


def vote(activity: Activity, participant_id: int, statement_id: int, value: str) -> Changes:
    """Agree, disagree or pass; a second vote on the same statement replaces the first."""
    if not activity.is_open:
        raise closed()
    statement = get_statement(activity, statement_id)
    if statement.status != "visible":
        raise Refusal("not_votable", _l("This statement is no longer shown."))
    row = db.session.scalar(select(OpinionVote).where(
        OpinionVote.statement_id == statement.id,
        OpinionVote.participant_id == participant_id))
    if row is None:
        db.session.add(OpinionVote(activity_id=activity.id, statement_id=statement.id,
                                     participant_id=participant_id, value=VALUES[value]))
    else:
        row.value = VALUES[value]
    db.session.flush()
    return Changes(activity.session_id, tallies={activity.id},
                   private={(participant_id, activity.id)})


def withdraw(activity: Activity, participant_id: int) -> Changes:
    """The participant leaves: their votes go, and the statements only they wrote lose their
    author (the room may have voted on them)."""
    db.session.execute(delete(OpinionVote).where(
        OpinionVote.activity_id == activity.id, OpinionVote.participant_id == participant_id))
    for statement in db.session.scalars(select(OpinionStatement).where(
            OpinionStatement.activity_id == activity.id,
            OpinionStatement.participant_id == participant_id)):
        statement.participant_id = None
    db.session.flush()
    return _everything(activity)


# ---- seeding --------------------------------------------------------------------------------

def _source_activity(activity: Activity, kind: str, place: int | None) -> Activity | None:
    others = sorted((a for a in activity.session.activities if a.kind == kind),
                    key=lambda a: a.position)
    if place is not None:
        return next((a for a in activity.session.activities if a.position + 1 == place
                     and a.kind == kind), None)
    before = [a for a in others if a.position < activity.position]
    return before[-1] if before else None


def seed_texts(activity: Activity) -> tuple[str, list[str]]:
    """(origin, texts) the settings ask to seed with: the plan's statements first."""
    conf = StatementsSettings.of(activity)
    texts = []
    origin = conf.seed
    if conf.seed in ("board", "worldcafe"):
        source = _source_activity(activity, conf.seed, conf.source)
        kind = registry.get(conf.seed)
        results = kind.results(source) if source is not None and kind else {}
        if conf.seed == "board":
            texts = [c["text"] for c in results.get("cards") or [] if c.get("text")]
        else:
            texts = [item["text"] for h in results.get("harvests") or []
                     for item in h.get("items") or []
                     if item.get("text") and item.get("category") in ("insight", "idea")]
    elif conf.seed == "delphi" and conf.source is not None:
        study = db.session.get(Study, conf.source)
        if study is not None and study.facilitator_id == activity.session.facilitator_id:
            texts = [s.text for s in sorted(study.statements, key=lambda s: s.position)]
    return origin, texts[:conf.seed_limit]


def seed(activity: Activity) -> int:
    """On first opening: the plan's statements and those of the seed source. Idempotent."""
    if db.session.scalar(select(func.count(OpinionStatement.id))
                         .where(OpinionStatement.activity_id == activity.id)):
        return 0
    conf = StatementsSettings.of(activity)
    origin, texts = seed_texts(activity)
    seen, position = set(), 0
    for from_, text in [("plan", t) for t in conf.statements] + [(origin, t) for t in texts]:
        cleaned = " ".join(str(text).split())[:conf.max_length]
        if not cleaned or cleaned.lower() in seen:
            continue
        seen.add(cleaned.lower())
        position += 1
        db.session.add(OpinionStatement(activity_id=activity.id, text=cleaned, status="visible",
                                 origin=from_, position=position))
    db.session.flush()
    return position
