"""Socket events of a World Café: the console runs tables, hosts and rounds; phones find their
table and write its harvest."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field

from cafe.activities.board import kind as board_kind
from cafe.activities.worldcafe import harvest, kind, prioritise, queries, services, sizing, timers
from cafe.activities.worldcafe.models import HarvestItem
from cafe.activities.worldcafe.settings import MAX_TABLES
from cafe.activities.worldcafe.views import private_view
from cafe.core import Outcome, Refusal
from cafe.extensions import db
from cafe.live.handlers import EventPayload, handle
from cafe.sessions.models import Activity

_ID = Field(ge=1)


class CafeRef(EventPayload):
    activity: int = _ID


class HostSet(CafeRef):
    table: int = _ID
    participant: int | None = Field(default=None, ge=1)


class ConstraintsSet(CafeRef):
    keep_together: list[tuple[int, int]] = Field(default_factory=list, max_length=500)
    spread_roles: bool = True


class TablesSet(CafeRef):
    tables: int = Field(ge=1, le=MAX_TABLES)


class Extend(CafeRef):
    minutes: int = Field(default=5, ge=1, le=timers.MAX_EXTEND_MINUTES)


class HarvestAdd(CafeRef):
    category: str = Field(max_length=16)
    # Generous: the café's own max_length gives the precise, translated refusal.
    text: str = Field(max_length=2000)
    # Written down for someone at the table without a phone.
    said_by_other: bool = False
    table: int | None = Field(default=None, ge=1)  # the console names the table


class ItemRef(EventPayload):
    item: int = _ID


class ItemTheme(ItemRef):
    theme: int | None = Field(default=None, ge=1)


class ThemeAdd(CafeRef):
    title: str = Field(max_length=500)


class ThemeRef(CafeRef):
    theme: int = _ID


class ToBoard(CafeRef):
    board: int = _ID
    categories: list[Literal["insight", "question", "idea"]] = Field(
        default_factory=lambda: ["insight"], min_length=1, max_length=3)
    theme: int | None = Field(default=None, ge=1)
    type: Literal["need", "talent"] = "need"


def _cafe(conn, payload):
    return kind.get(conn.session_id, payload.activity)


def _item(conn, item_id: int) -> tuple[HarvestItem, Activity]:
    """A harvest item the client names, with its café, only if it is in the client's session."""
    item = db.session.get(HarvestItem, item_id)
    if item is None:
        raise Refusal("not_found", _l("This no longer exists."))
    return item, kind.get(conn.session_id, item.activity_id)



@handle("worldcafe:host", HostSet, views=("console",))
def set_host(conn, payload):
    activity = _cafe(conn, payload)
    table = queries.get_table(activity, payload.table)
    return Outcome(changes=services.set_host(activity, table, payload.participant))


@handle("worldcafe:constraints", ConstraintsSet, views=("console",))
def set_constraints(conn, payload):
    activity = _cafe(conn, payload)
    return Outcome(changes=services.set_constraints(
        activity, payload.keep_together, payload.spread_roles))


@handle("worldcafe:allocate", CafeRef, views=("console",))
def allocate(conn, payload):
    activity = _cafe(conn, payload)
    round_, changes = services.allocate(activity)
    return Outcome(result={"round": round_.number}, changes=changes)


@handle("worldcafe:tables", TablesSet, views=("console",))
def set_tables(conn, payload):
    """The number of tables, e.g. the one the console proposes for the people present."""
    activity = _cafe(conn, payload)
    return Outcome(changes=sizing.resize(activity, payload.tables))


@handle("worldcafe:start", CafeRef, views=("console",))
def start(conn, payload):
    activity = _cafe(conn, payload)
    round_, changes = timers.start(activity)
    return Outcome(result={"round": round_.number, "timer": timers.timer(round_)},
                   changes=changes)


@handle("worldcafe:pause", CafeRef, views=("console",))
def pause(conn, payload):
    return Outcome(changes=timers.pause(_cafe(conn, payload)))


@handle("worldcafe:extend", Extend, views=("console",))
def extend(conn, payload):
    return Outcome(changes=timers.extend(_cafe(conn, payload), payload.minutes))


@handle("worldcafe:end", CafeRef, views=("console",))
def end(conn, payload):
    return Outcome(changes=timers.end(_cafe(conn, payload)))


@handle("worldcafe:join_table", CafeRef, views=("phone",))
def join_table(conn, payload):
    """A phone without a table in the current round (arrived late, or came back) asks for one."""
    activity = _cafe(conn, payload)
    _seat, changes = services.seat_late(activity, conn.participant_id)
    return Outcome(result={"mine": private_view(activity, conn.participant_id)},
                   changes=changes)


@handle("worldcafe:leave", CafeRef, views=("phone",))
def leave(conn, payload):
    activity = _cafe(conn, payload)
    changes = services.leave(activity, conn.participant_id)
    return Outcome(result={"mine": private_view(activity, conn.participant_id)},
                   changes=changes)


@handle("worldcafe:harvest", HarvestAdd, views=("phone", "console"))
def add_harvest(conn, payload):
    """A host (or anyone, if the café says so) adds to their table's harvest; the console adds
    to a table it names. An assisted participant's input entered from the console, or a line
    marked as said by someone without a phone, is marked as entered on their behalf."""
    activity = _cafe(conn, payload)
    who = conn.participant_id if conn.view == "phone" else None
    on_behalf = payload.said_by_other or bool(conn.assisted_by)
    item, changes = harvest.add_item(activity, who, payload.category, payload.text, on_behalf,
                                     table_id=payload.table)
    result = {"item": item.id}
    if who is not None:
        result["mine"] = private_view(activity, who)
    return Outcome(result=result, changes=changes)


@handle("worldcafe:harvest_remove", ItemRef, views=("phone", "console"))
def remove_harvest(conn, payload):
    item, activity = _item(conn, payload.item)
    who = conn.participant_id if conn.view == "phone" else None
    return Outcome(changes=harvest.remove_item(activity, item, who))


@handle("worldcafe:theme_add", ThemeAdd, views=("console",))
def add_theme(conn, payload):
    activity = _cafe(conn, payload)
    theme, changes = harvest.add_theme(activity, payload.title)
    return Outcome(result={"theme": theme.id}, changes=changes)


@handle("worldcafe:theme_delete", ThemeRef, views=("console",))
def delete_theme(conn, payload):
    activity = _cafe(conn, payload)
    theme = harvest.get_theme(activity, payload.theme)
    return Outcome(changes=harvest.delete_theme(activity, theme))


@handle("worldcafe:item_theme", ItemTheme, views=("console",))
def item_theme(conn, payload):
    item, activity = _item(conn, payload.item)
    theme = harvest.get_theme(activity, payload.theme) if payload.theme else None
    return Outcome(changes=harvest.set_theme(activity, item, theme))


@handle("worldcafe:to_board", ToBoard, views=("console",))
def to_board(conn, payload):
    """Insights become cards on a board of this session, for the vote that follows."""
    activity = _cafe(conn, payload)
    board = board_kind.get(conn.session_id, payload.board)
    sent, changes = prioritise.send(activity, board, payload.categories, payload.theme,
                                    payload.type)
    return Outcome(result={"sent": sent}, changes=changes)
