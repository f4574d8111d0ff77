"""Catalog upkeep: list what is untranslated, and apply translations from a JSON file.

    python scripts/i18n.py todo nl > todo.json        # {msgid: ""} for every missing string
    python scripts/i18n.py apply nl done.json         # write {msgid: msgstr} into the catalog

`make translations` extracts, updates and compiles; this fills the gaps in between.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "cafe" / "translations"


def _path(lang: str) -> Path:
    return CATALOGS / lang / "LC_MESSAGES" / "messages.po"


def missing(lang: str) -> list:
    with _path(lang).open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id)
    return out


def apply(lang: str, mapping: dict) -> int:
    path = _path(lang)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    done = 0
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in mapping and mapping[key]:
            value = mapping[key]
            if isinstance(message.id, tuple):
                # Plural forms: a list of strings, or one string used for every form.
                value = tuple(value) if isinstance(value, list) else (value,) * len(message.id)
            message.string = value
            message.flags.discard("fuzzy")
            done += 1
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100)
    return done


def main(argv):
    if argv[:1] == ["todo"]:
        ids = missing(argv[1])
        json.dump({(i if isinstance(i, str) else i[0]): "" for i in ids}, sys.stdout,
                  ensure_ascii=False, indent=1)
    elif argv[:1] == ["apply"]:
        mapping = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        print(f"{apply(argv[1], mapping)} translations written to {argv[1]}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
