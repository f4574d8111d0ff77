"""The stakeholder roles a participant may give, and their names: one table for the join form,
the console, the vote's results per role and the reports."""

from flask_babel import lazy_gettext as _l

# What someone is here as (the join form, a participant the facilitator enters).
ROLE_LABELS = {
    "resident": _l("Resident"),
    "volunteer": _l("Volunteer"),
    "professional": _l("Professional"),
    "local_government": _l("Local government"),
    "experience_expert": _l("Experience expert"),
    "other": _l("Other"),
}

# The people of one role together (results per role, reports).
GROUP_LABELS = {
    "resident": _l("Residents"),
    "volunteer": _l("Volunteers"),
    "professional": _l("Professionals"),
    "local_government": _l("Local government"),
    "experience_expert": _l("Experience experts"),
    "other": _l("Other"),
}

# The group of those who did not say.
UNSPECIFIED_LABEL = _l("Role not given")
