"""The report's words, translated into the language the facilitator chooses.

Call inside `flask_babel.force_locale(language)`: every value comes back as a plain str, so the
background job that renders the documents needs no request or locale of its own.
"""

from flask_babel import gettext as _

from cafe.participants.roles import GROUP_LABELS, UNSPECIFIED_LABEL


def building_blocks() -> dict[str, str]:
    # The same msgids as the board's labels: one translation serves both.
    return {
        "social_networks": _("Social networks"),
        "strengths_talents": _("Strengths and talents"),
        "awareness_information": _("Awareness and information"),
        "detection": _("Detection of care needs"),
        "referral": _("Referral to care"),
        "cross_sector": _("Cross-sector collaboration"),
        "analysis_evaluation": _("Analysis, evaluation and impact"),
        "policy_advice": _("Policy advice"),
    }


def report_labels() -> dict:
    return {
        "title": _("Neighbourhood analysis"),
        "intro": _("This report brings together the figures of the neighbourhood, what "
                   "residents and partners said in the sessions, and the results of the Delphi "
                   "consultation, for the steering committee. Participants are counted by role; "
                   "no names are recorded in it."),
        "context": _("Context and figures"),
        "figure": _("Figure"), "value": _("Value"), "unit": _("Unit"), "source": _("Source"),
        "year": _("Year"),
        "no_figures": _("No figures have been added yet."),
        "experience": _("How residents experience the neighbourhood"),
        "method": _("Method: who took part"),
        "method_text": _("Residents, volunteers, professionals and local government took part "
                         "in the sessions and consultations below. Only counts per role are "
                         "shown."),
        "kind_session": _("Session"), "kind_delphi": _("Delphi study"),
        "no_sessions": _("No session results have been added yet."),
        "source_name": _("Session or study"), "kind": _("Kind"), "date": _("Date"),
        "participants": _("Participants"),
        "by_role": _("Participants by role"), "role": _("Role"), "count": _("Number"),
        "total": _("Total"),
        "roles": {**{role: str(label) for role, label in GROUP_LABELS.items()},
                  "unspecified": str(UNSPECIFIED_LABEL)},
        "by_panel": _("Delphi panelists who answered, by panel"), "panel": _("Panel"),
        "answered": _("Answered"),
        "response": _("Response rate per round and panel"), "round": _("Round"),
        "round_n": _("Round %(n)s"), "answered_of": _("Answered / panelists"),
        "response_share": _("Response rate"),
        "response_axis": _("Panelists who answered (%)"),
        "priorities": _("Priorities"),
        "voters": _("%(n)s people voted (%(method)s)."),
        "method_dot": _("dot voting"), "method_rank": _("ranking"),
        "method_rate": _("rating importance and urgency"),
        "rank": _("Place"), "priority": _("Priority"),
        "col_dots": _("Votes"), "col_borda": _("Points"), "col_first_choices": _("First choices"),
        "col_importance": _("Importance"), "col_urgency": _("Urgency"), "col_n": _("Ratings"),
        "needs_talents": _("Burning issues and talents by building block"),
        "blocks": building_blocks(), "no_block": _("No building block"),
        "need": _("Need"), "talent": _("Talent"),
        "wordcloud": _("Word cloud of the needs and talents named in the sessions."),
        "harvests": _("World Café harvests"), "idea": _("Idea"),
        "canvases": _("Canvases"), "field": _("Field"), "contributions": _("Contributions"),
        "votes_n": _("%(n)s votes"),
        "consensus_dissent": _("Consensus and dissent"),
        "delphi_text": _("Statements rated on a scale of 1 to 5. Consensus: the middle half of "
                         "the answers lies close together and most agree. Dissent: large groups "
                         "at both ends of the scale. Dissent is a result, not a failure: the "
                         "minority views are reported below."),
        "statement": _("Statement"), "result": _("Result"), "median": _("Median"),
        "iqr": _("IQR"), "agree": _("Agree"), "n": _("Answers"),
        "consensus": _("Consensus"), "dissent": _("Dissent"), "undecided": _("Undecided"),
        "dissent_views": _("Dissent: the views on each side"),
        "consensus_views": _("Consensus"),
        "sides": _("%(agree)s of %(n)s agree (4 or 5), %(against)s disagree (1 or 2)."),
        "per_panel": _("Median per panel:"),
        "opinion_title": _("Opinion groups"),
        "opinion_text": _("Participants agreed, disagreed or passed on short statements. People "
                          "who voted alike form an opinion group (groups of at least five). "
                          "Agreed across groups: every group agrees (or every group rejects "
                          "it, marked ✗). Where the room splits: one group agrees while "
                          "another disagrees."),
        "opinion_people": _("%(n)s participants in the analysis; groups: %(groups)s."),
        "opinion_agreed": _("Agreed across groups"),
        "opinion_splits": _("Where the room splits"),
        "opinion_per_group": _("Per group"),
        "opinion_no_clear": _("No clear groups: the votes are no more alike within groups than "
                              "shuffled votes would be, so no group is reported."),
        "opinion_representative": _("What sets each group apart"),
        "opinion_others": _("the others: %(share)s"),
        "opinion_unclear": _("Unclear: many passed"),
        "opinion_passed": _("passed by %(share)s"),
        "opinion_participation": _("Votes (voters) per five minutes since the first vote: "
                                   "%(rows)s."),
        "group": _("Group %(label)s"),
        "argument_for": _("For:"), "argument_against": _("Against:"),
        "policy": _("Signals for policy"),
        "policy_text": _("What participants put under the building block 'policy advice', and "
                         "the signals the facilitator noted for local policy."),
        "open_questions": _("Open questions"),
        "stakeholders": _("Stakeholders"), "name": _("Name"), "type": _("Type"),
        "level": _("Involvement"),
        "levels": {"inform": _("Inform"), "consult": _("Consult"),
                   "co-create": _("Co-create"), "co-decide": _("Co-decide")},
        "none": _("None so far."),
        "findings": _("Findings"), "figures": _("Figures"), "text": _("Text"),
        "building_block": _("Building block"),
        "sections": {
            "experience": _("Experience"), "need": _("Need"), "talent": _("Talent"),
            "priority": _("Priority"), "harvest": _("Harvest"), "idea": _("Idea"),
            "question": _("Open question"), "canvas": _("Canvas"),
            "consensus": _("Consensus"), "dissent": _("Dissent"), "undecided": _("Undecided"),
            "policy": _("Signal for policy"), "participation": _("Participation"),
        },
        "page": _("page"),
        "chart_n": _("Chart %(n)s:"),
        "chart_priorities": _("Priorities of “%(activity)s”, best first."),
        "chart_roles": _("Participants by role, all sessions together."),
        "chart_delphi": _("How the answers to each statement spread over the scale from 1 "
                          "(disagree) to 5 (agree)."),
        "chart_delphi_shift": _("How the answers to each statement spread over the scale from "
                                "1 (disagree) to 5 (agree): this round's full bar, the round "
                                "before as the thin bar above it."),
        "chart_response": _("Response rate of “%(study)s”: per round, the share of each "
                            "panel's panelists who answered (answered/panelists beside each "
                            "bar)."),
        "share_of_answers": _("Share of the answers (%)"),
        "round_before": _("Round before"),
        "emoji": _("emoji"),
    }
