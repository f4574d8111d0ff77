"""Translated names of card types and building blocks, shown by the board's views."""

from flask_babel import lazy_gettext as _l

CARD_TYPE_LABELS = {
    "need": _l("Need"),
    "talent": _l("Talent"),
}

CARD_TYPE_PLURALS = {
    "need": _l("Needs"),
    "talent": _l("Talents"),
}

BUILDING_BLOCK_LABELS = {
    "social_networks": _l("Social networks"),
    "strengths_talents": _l("Strengths and talents"),
    "awareness_information": _l("Awareness and information"),
    "detection": _l("Detection of care needs"),
    "referral": _l("Referral to care"),
    "cross_sector": _l("Cross-sector collaboration"),
    "analysis_evaluation": _l("Analysis, evaluation and impact"),
    "policy_advice": _l("Policy advice"),
}
