"""Theory-of-change and ICAMO canvases, filled in together from phones (seed 003, building
block 7, step 4; seed 004). A template (sessions/canvases/*.toml) names the fields; people add
short items, edit and move them, link them (this activity leads to that outcome) and, if set,
vote; the facilitator moderates and locks; the projector shows the canvas large."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from cafe.activities.canvas import services, setup, views
from cafe.activities.canvas.models import Canvas, CanvasItem
from cafe.activities.canvas.settings import CanvasSettings
from cafe.activities.registry import ActivityKind, count_where, register


class CanvasKind(ActivityKind):
    name = "canvas"
    Settings = CanvasSettings
    missing = _l("This canvas does not exist.")
    moderation_events = ("canvas:edit", "canvas:delete")
    locked_settings = ("template", "scope")
    scripts = ("canvas.js",)
    styles = ("canvas.css",)
    recap_rows = {"canvas": ("talent", _l("Ideas you added to the canvas"))}
    messages = {
        "canvas_added": _l("Your item is on the canvas."),
        "canvas_saved": _l("Saved."),
        "canvas_deleted": _l("The item was deleted."),
        "canvas_linked": _l("The link was made."),
        "canvas_unlinked": _l("The link was removed."),
        "canvas_moved_to": _l("Moved to %(field)s."),
        "canvas_conflict_yours": _l("Your text was: %(text)s"),
        "canvas_empty_field": _l("Nothing here yet."),
        "canvas_votes": _l("%(n)s votes"),
        "canvas_vote_one": _l("1 vote"),
        "canvas_votes_left": _l("You have %(n)s votes left."),
        "canvas_support": _l("Support"),
        "canvas_supported": _l("Supported"),
        "canvas_support_item": _l("Support this item: %(text)s"),
        "canvas_leads_to": _l("leads to"),
        "canvas_link_row": _l("%(from)s → %(to)s"),
        "canvas_remove_link": _l("Remove the link: %(text)s"),
        "canvas_locked": _l("Locked"),
        "canvas_unlocked": _l("Open for changes"),
        "canvas_lock": _l("Lock: phones can no longer change it"),
        "canvas_unlock": _l("Unlock"),
        "canvas_locked_phone": _l("The facilitator has locked this canvas. You can read it, "
                                  "not change it."),
        "canvas_closed_phone": _l("This activity is closed. You can read the canvas, "
                                  "not change it."),
        "canvas_of": _l("Canvas %(n)s of %(total)s"),
        "canvas_from_priorities": _l("from the priorities"),
        "canvas_entered_facilitator": _l("entered by the facilitator"),
        "canvas_entered_assisted": _l("entered on behalf of a participant"),
        "canvas_entered_priority": _l("from the priorities"),
        "canvas_facilitator": _l("Myself (facilitator)"),
        "canvas_delete_confirm": _l("Delete this item? %(text)s"),
        "canvas_chars_left": _l("%(n)s characters left"),
        "canvas_choose_item": _l("Choose an item"),
        "canvas_item_option": _l("%(field)s: %(text)s"),
    }

    def label(self) -> str:
        return str(_l("Canvas: theory of change and others"))

    def validate_settings(self, raw: dict) -> dict:
        # A plan names its template: check here that the file exists and reads well.
        return self.Settings.model_validate(raw or {}, context={"plan": True}).model_dump(
            mode="json")

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def preview(self, activity, audience: str) -> tuple[dict, dict]:
        return views.preview(activity, audience, setup.sheets(activity))

    def private_view(self, activity, participant_id: int) -> dict:
        return views.private_view(activity, participant_id)

    def results(self, activity) -> dict:
        return views.results(activity)

    def on_status(self, activity, old: str, new: str):
        if new == "open":
            return setup.on_open(activity)
        return None

    def contributions(self, activity) -> int:
        canvases = select(Canvas.id).where(Canvas.activity_id == activity.id)
        return count_where(CanvasItem, CanvasItem.canvas_id.in_(canvases))

    def recap(self, session_id: int, participant_id: int) -> dict[str, int]:
        return {"canvas": count_where(CanvasItem, CanvasItem.session_id == session_id,
                                      CanvasItem.participant_id == participant_id)}

    def withdraw(self, activity, participant_id: int):
        return services.withdraw(activity, participant_id)


kind = register(CanvasKind())
