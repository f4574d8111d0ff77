"""The trajectory's words in the reader's language, for pages, exports and the report."""

from flask_babel import gettext as _

from cafe.reports.labels import building_blocks


def labels() -> dict:
    return {
        "status": {"planned": _("planned"), "started": _("started"), "done": _("done"),
                   "parked": _("parked"), "dropped": _("dropped")},
        "direction": {"up": _("more is better"), "down": _("less is better")},
        "trend": {"better": _("going the right way"), "worse": _("going the wrong way"),
                  "same": _("unchanged"), None: _("no value yet")},
        "kind": {"figure": _("a figure"), "count": _("a count"), "survey": _("a survey"),
                 "room": _("asked the room")},
        "blocks": building_blocks(),
        "baseline": _("baseline"), "target": _("target"),
        "title": _("You said, we did"),
        "report_title": _("Progress report"),
        "priorities": _("What residents chose"),
        "actions": _("What followed"),
        "indicators": _("Indicators the community chose"),
        "lookback": _("What the last look-back said"),
        "history": _("Status history"),
        "updates": _("Updates"),
        "carrier": _("Carried by"),
        "answers": _("It answers"),
        "due": _("Due"),
        "start": _("Start"),
        "reason": _("Reason"),
        "latest": _("Latest value"),
        "period": _("Period"),
        "changed": _("Changed in this period"),
        "unchanged": _("Unchanged in this period"),
        "dissent": _("Dissent, kept as dissent"),
        "rating": _("The room rated progress"),
        "none": _("Nothing yet."),
        "chart": _("Chart of %(name)s over time"),
    }
