"""Every string a phone can show has an Arabic translation: the phone's templates, the kinds'
messages and labels, and the refusals a phone can receive. Without one, gettext falls back to
the English msgid in the middle of a right-to-left page. (A string not in the catalogs at all
is tests/web/test_i18n.py's to find; here, one the catalog has must have its Arabic too.)"""

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None,
            "pgettext": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}
PHONE_TEMPLATES = ["templates/base.html", "templates/phone/*.html",
                   "cafe/activities/*/templates/*/phone.html"]
PHONE_PYTHON = ["cafe/activities/**/*.py", "cafe/participants/*.py", "cafe/live/*.py",
                "cafe/security/*.py", "cafe/web/*.py", "cafe/sessions/services.py"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def phone_msgids() -> dict[tuple[str, str | None], str]:
    """(msgid, context) → the file it is in: a context makes a word its own entry."""
    found = {}
    for patterns, method in ((PHONE_TEMPLATES, "jinja2.ext:babel_extract"),
                             (PHONE_PYTHON, "python")):
        for pattern in patterns:
            for path in sorted(ROOT.glob(pattern)):
                for _, message, _, context in extract_from_file(method, str(path),
                                                                keywords=KEYWORDS):
                    for msgid in message if isinstance(message, tuple) else (message,):
                        if msgid:
                            found.setdefault((msgid, context), str(path.relative_to(ROOT)))
    return found


def test_every_phone_string_has_an_arabic_translation():
    with open(ROOT / "cafe/translations/ar/LC_MESSAGES/messages.po", "rb") as po:
        catalog = read_po(po)
    found = phone_msgids()
    assert len(found) > 250  # the extraction found the phone's strings
    missing, broken = [], []
    for (msgid, context), where in found.items():
        message = catalog.get(msgid, context)
        if message is None:
            continue
        if not message.string or message.fuzzy:
            missing.append(f"{where}: {msgid}")
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(message.string)):
            broken.append(f"{where}: {msgid} → {message.string}")
    assert missing == [], "add msgstr to cafe/translations/ar/…/messages.po:\n" + "\n".join(
        missing)
    assert broken == []
