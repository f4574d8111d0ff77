"""The frame of a caring neighbourhood: three pillars and eight building blocks.

Keys are stable identifiers stored in the database; labels are translated in the views.
"""

BUILDING_BLOCKS = (
    "social_networks",
    "strengths_talents",
    "awareness_information",
    "detection",
    "referral",
    "cross_sector",
    "analysis_evaluation",
    "policy_advice",
)

PILLARS = ("participation_inclusion", "informal_formal_care", "cross_sector_collaboration")
