"""Words the Delphi pages and e-mails show for its fixed vocabulary."""

from flask_babel import lazy_gettext as _l

# The question a panelist answers, per scale.
QUESTIONS = {"desirability": _l("Desirable?"), "feasibility": _l("Feasible?"),
             "importance": _l("Important?"), "confidence": _l("How sure are you?")}
# The scale's name in the facilitator's tables and charts.
NAMES = {"desirability": _l("Desirability"), "feasibility": _l("Feasibility"),
         "importance": _l("Importance"), "confidence": _l("Confidence")}
ENDS = (_l("not at all"), _l("very much"))
STANCES = {"for": _l("For"), "against": _l("Against")}


def question(scale: str) -> str:
    return str(QUESTIONS.get(scale, scale))


def name(scale: str) -> str:
    return str(NAMES.get(scale, scale))
