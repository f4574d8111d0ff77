"""The report's words, translated into the language the facilitator chooses."""

from flask_babel import gettext as _

from cafe.activities.board.labels import BUILDING_BLOCK_LABELS


def report_labels() -> dict:
    return {
        "title": _("Neighbourhood analysis"),
        "context": _("Context and figures"),
        "figure": _("Figure"), "value": _("Value"), "unit": _("Unit"), "source": _("Source"),
        "year": _("Year"),
        "method": _("Method: who took part"),
        "method_text": _(
            "Residents, volunteers, professionals and local government took part in the "
            "sessions below. The report shows counts per role only, never names."
        ),
        "role": _("Role"), "count": _("Number"), "total": _("Total"),
        "roles": {
            "resident": _("Residents"), "volunteer": _("Volunteers"),
            "professional": _("Professionals"), "local_government": _("Local government"),
            "experience_expert": _("Experience experts"), "other": _("Other"),
            "unspecified": _("Role not given"),
        },
        "priorities": _("Priorities"), "rank": _("Place"), "priority": _("Priority"),
        "votes": _("Votes"),
        "needs_talents": _("Needs and talents by building block"),
        "no_block": _("No building block"), "need": _("Need"), "talent": _("Talent"),
        "blocks": {key: str(label) for key, label in BUILDING_BLOCK_LABELS.items()},
        "wordcloud": _("Word cloud of the needs and talents"),
        "harvests": _("World Café harvests"),
        "canvases": _("Canvases"),
        "consensus_dissent": _("Consensus and dissent"),
        "consensus": _("Consensus"), "dissent": _("Dissent (minority views included)"),
        "undecided": _("Undecided"), "arguments": _("arguments"),
        "policy": _("Signals for policy"),
        "open_questions": _("Open questions"),
        "stakeholders": _("Stakeholders"), "name": _("Name"), "kind": _("Kind"),
        "level": _("Involvement"),
        "levels": {"inform": _("Inform"), "consult": _("Consult"),
                   "co_create": _("Co-create"), "co_decide": _("Co-decide")},
        "none": _("None so far."),
        "findings": _("Findings"), "figures": _("Figures"),
    }
