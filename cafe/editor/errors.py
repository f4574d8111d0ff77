"""Pydantic's errors, said in the facilitator's language, one message per form field."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import ValidationError

# Messages the schemas' own validators raise (English, for plan files), said per field.
KNOWN = {
    "a text cannot be empty": (None, _l("Please fill this in.")),
    "a round needs a question": (None, _l("Each round needs a question.")),
    "a question has at most 500 characters": (
        None, _l("A question has at most 500 characters.")),
    "more hosts than tables": (
        "hosts", _l("There are more hosts than tables: each table has one host at most.")),
    "max_dots_per_item cannot be more than dots": (
        "max_dots_per_item", _l("Dots on one item cannot be more than the dots per person.")),
    "a plenary last round needs a round at the tables before it": (
        "last_round_plenary", _l("A plenary last round needs a round at the tables before it.")),
    'scope "groups" needs the names of the groups in `groups`': (
        "groups", _l("Give the names of the groups, one per line.")),
    "groups must be distinct, non-empty names": ("groups", _l("Each group needs its own name.")),
    "card_types must not repeat a type": (None, _l("Choose each kind of card once.")),
    "hosts must be names of at most 80 characters": (
        None, _l("A host's name has at most 80 characters.")),
    "table names must differ": (None, _l("Each table needs its own name.")),
    "a language code is two or three lower-case letters": (None, _l("Unknown language.")),
}


def _known(message: str):
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if message in KNOWN:
        return KNOWN[message]
    if message.startswith("a text has at most "):
        limit = message.rsplit(" ", 2)[-2]
        return None, _("At most %(n)s characters.", n=limit)
    if message.startswith("between 1 and ") or message.startswith("1 to "):
        limit = "".join(ch for ch in message.split(" and ")[-1] if ch.isdigit()) or message
        return None, _("Between 1 and %(n)s tables, each name at most 60 characters.", n=limit)
    if message.startswith("unknown canvas template"):
        return None, _("Unknown canvas template.")
    return None


def say(err: dict) -> tuple[str | None, str]:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        found = _known(err["msg"])
        if found:
            return found[0], str(found[1])
        return None, _("This value is not valid.")
    if kind == "missing":
        return None, _("Please fill this in.")
    if kind in ("string_too_short",):
        return None, _("Please fill this in.")
    if kind == "string_too_long":
        return None, _("At most %(n)s characters.", n=ctx.get("max_length"))
    if kind == "too_short":
        return None, _("Add at least %(n)s.", n=ctx.get("min_length"))
    if kind == "too_long":
        return None, _("At most %(n)s.", n=ctx.get("max_length"))
    if kind in ("greater_than_equal", "greater_than"):
        return None, _("At least %(n)s.", n=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return None, _("At most %(n)s.", n=ctx.get("le", ctx.get("lt")))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return None, _("Please give a whole number.")
    if kind in ("literal_error", "enum"):
        return None, _("Please choose one of the options.")
    return None, _("This value is not valid.")


def field_messages(error: ValidationError, part: str) -> dict[str, str]:
    """{form field: message}. Settings fields by name ("dots", "rounds" for any round's
    problem); texts as "title" and "prompt"; a problem without a field as ""."""
    out: dict[str, str] = {}
    for err in error.errors():
        loc = [str(p) for p in err["loc"]]
        field, message = say(err)
        if field is None:
            if part == "activity":
                field = loc[0] if loc else ""
                if field == "settings":
                    field = loc[1] if len(loc) > 1 else ""
            else:
                field = loc[0] if loc else ""
        out.setdefault(field, message)
    return out
