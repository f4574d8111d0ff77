"""Each table's harvest (key insights, open questions, ideas), the facilitator's themes at the
plenary harvest, and turning insights into cards for prioritisation. Never emits."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from cafe.activities.contributions import clean_text, clean_theme_title
from cafe.activities.worldcafe import queries, services
from cafe.activities.worldcafe.models import (
    CATEGORIES,
    CafeTable,
    HarvestItem,
    HarvestTheme,
    Seat,
)
from cafe.activities.worldcafe.settings import WorldCafeSettings
from cafe.core import Changes, Message, Refusal, forbidden
from cafe.extensions import db
from cafe.live import rooms
from cafe.sessions.models import Activity
from cafe.sessions.views import activity_view

MAX_ITEMS_PER_TABLE_ROUND = 200



def items(activity: Activity, table_id: int | None = None, round_number: int | None = None):
    query = select(HarvestItem).where(HarvestItem.activity_id == activity.id)
    if table_id is not None:
        query = query.where(HarvestItem.table_id == table_id)
    if round_number is not None:
        query = query.where(HarvestItem.round_number == round_number)
    return list(db.session.scalars(query.order_by(HarvestItem.id)))


def table_members(round_id: int, table_id: int) -> set[int]:
    return set(db.session.scalars(
        select(Seat.participant_id).where(Seat.round_id == round_id, Seat.table_id == table_id)
    ))


def screens(activity: Activity) -> list[Message]:
    """Projector and console see every table; phones are left alone (their table's harvest is
    in their private view), so a harvest item costs a few messages, not one per phone."""
    out = [Message("activity", activity_view(activity, "console"),
                   rooms.view_room(activity.session_id, "console"))]
    if activity.session.current_activity_id == activity.id:
        out.append(Message("activity", activity_view(activity, "projector"),
                           rooms.view_room(activity.session_id, "projector")))
    return out


def table_changes(activity: Activity, table_id: int, round_number: int) -> Changes:
    """The table's people (in that round) see their harvest change; so do the screens."""
    changes = Changes(activity.session_id, messages=screens(activity))
    round_ = next((r for r in queries.rounds(activity) if r.number == round_number), None)
    if round_ is not None:
        changes.private |= {(p, activity.id) for p in table_members(round_.id, table_id)}
    return changes


def tables_nobody_writes(activity: Activity, tables) -> list[int]:
    """The numbers of the tables whose harvest nobody can write: only hosts may, and the table
    has none. The console warns about them before a round starts."""
    if WorldCafeSettings.of(activity).harvest_by == "anyone":
        return []
    return [t.number for t in tables if not t.host_id]


def may_write(activity: Activity, participant_id: int, table: CafeTable) -> bool:
    if WorldCafeSettings.of(activity).harvest_by == "anyone":
        return True
    return table.host_id == participant_id


def add_item(activity: Activity, participant_id: int | None, category: str, text: str | None,
             on_behalf: bool, table_id: int | None = None) -> tuple[HarvestItem, Changes]:
    """From a phone: for the writer's table in the current round (hosts only, unless anyone
    may write). From the console (participant_id None): for any table."""
    services.require_open(activity)
    if category not in CATEGORIES:
        raise Refusal("invalid", _l("Choose insight, question or idea."), field="category")
    current = queries.current_round(activity)
    if current is None:
        raise Refusal("invalid", _l("The tables are not set yet."))
    if participant_id is not None:
        seat = queries.seat_of(current, participant_id)
        if seat is None:
            raise Refusal("invalid", _l("You have no table in this round."))
        table = db.session.get(CafeTable, seat.table_id)
        if not may_write(activity, participant_id, table):
            raise Refusal("forbidden", _l("Only the table's host writes the harvest."))
    else:
        if table_id is None:
            raise Refusal("invalid", _l("Choose a table."), field="table")
        table = queries.get_table(activity, table_id)
    cleaned = clean_text(text, WorldCafeSettings.of(activity).max_length)
    count = db.session.scalar(select(func.count()).select_from(HarvestItem).where(
        HarvestItem.table_id == table.id, HarvestItem.round_number == current.number))
    if count >= MAX_ITEMS_PER_TABLE_ROUND:
        raise Refusal("over_limit", _l("This table's harvest is full for this round."))
    item = HarvestItem(activity_id=activity.id, table_id=table.id, round_number=current.number,
                       category=category, text=cleaned, participant_id=participant_id,
                       on_behalf=on_behalf)
    db.session.add(item)
    db.session.flush()
    return item, table_changes(activity, table.id, current.number)


def remove_item(activity: Activity, item: HarvestItem, participant_id: int | None) -> Changes:
    """The writer or the table's host takes an item back; the console may remove any."""
    if participant_id is not None:
        services.require_open(activity)
        table = db.session.get(CafeTable, item.table_id)
        if participant_id not in (item.participant_id, table.host_id):
            raise forbidden()
    changes = table_changes(activity, item.table_id, item.round_number)
    db.session.delete(item)
    db.session.flush()
    return changes


def withdraw(activity: Activity, participant_id: int) -> Changes:
    """A participant withdraws: their own harvest lines go; lines they wrote down for someone
    without a phone are that person's words and stay, without a writer."""
    changes = services.leave(activity, participant_id)
    for item in items(activity):
        if item.participant_id != participant_id:
            continue
        changes.merge(table_changes(activity, item.table_id, item.round_number))
        if item.on_behalf:
            item.participant_id = None
        else:
            db.session.delete(item)
    db.session.flush()
    return changes


# ---------- themes (plenary harvest) ----------

def themes(activity: Activity) -> list[HarvestTheme]:
    return list(db.session.scalars(
        select(HarvestTheme).where(HarvestTheme.activity_id == activity.id)
        .order_by(HarvestTheme.position, HarvestTheme.id)
    ))


def add_theme(activity: Activity, title: str | None) -> tuple[HarvestTheme, Changes]:
    last = db.session.scalar(select(func.max(HarvestTheme.position))
                             .where(HarvestTheme.activity_id == activity.id))
    theme = HarvestTheme(activity_id=activity.id, title=clean_theme_title(title),
                         position=(last or 0) + 1)
    db.session.add(theme)
    db.session.flush()
    return theme, Changes(activity.session_id, messages=screens(activity))


def get_theme(activity: Activity, theme_id: int) -> HarvestTheme:
    theme = db.session.get(HarvestTheme, theme_id)
    if theme is None or theme.activity_id != activity.id:
        raise Refusal("not_found", _l("This theme no longer exists."))
    return theme


def delete_theme(activity: Activity, theme: HarvestTheme) -> Changes:
    """The items stay, no longer grouped."""
    db.session.execute(update(HarvestItem).where(HarvestItem.theme_id == theme.id)
                       .values(theme_id=None))
    db.session.delete(theme)
    db.session.flush()
    return Changes(activity.session_id, messages=screens(activity))


def set_theme(activity: Activity, item: HarvestItem, theme: HarvestTheme | None) -> Changes:
    item.theme_id = theme.id if theme is not None else None
    db.session.flush()
    return Changes(activity.session_id, messages=screens(activity))
