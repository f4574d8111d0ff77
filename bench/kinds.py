"""What the benchmark knows about the activity kinds it drives: plans, payloads, counts.

Kept in one place so a change to the board or vote events is one edit here.
"""

import importlib.util
import uuid

from cafe.sessions.plans import available_plans

PLAN = "priorities"
FALLBACK_PLAN = "kickoff-buurtanalyse"


def ready(kind: str) -> bool:
    return importlib.util.find_spec(f"cafe.activities.{kind}.events") is not None


def plan() -> str:
    """The board-then-vote plan once the vote kind exists; until then joining and connecting.
    (Without the board kind the seed stands in for it: see bench.server.seed.)"""
    return PLAN if ready("vote") and PLAN in available_plans() else FALLBACK_PLAN


def find(session: dict, kind: str) -> dict | None:
    return next((a for a in session["activities"] if a["kind"] == kind), None)


def cid(*parts) -> str:
    return "bench-" + "-".join(str(p) for p in parts) + "-" + uuid.uuid4().hex[:8]


def after_open(activity: dict) -> list[tuple[str, dict]]:
    """Console events after opening an activity: a vote's results go on the projector even
    when its plan reveals them only at the end, so each vote's arrival can be seen."""
    if activity["kind"] == "vote":
        return [("vote:reveal", {"cid": cid("reveal"), "activity": activity["id"]})]
    return []


def card_payload(board: dict, phone: int, suffix: str = "") -> dict:
    words = WORDS[phone % len(WORDS)], WORDS[(phone * 7 + 3) % len(WORDS)]
    return {"cid": cid("card", phone, suffix), "activity": board["id"],
            "type": "need" if phone % 3 else "talent",
            "text": f"Meer {words[0]} en {words[1]} in de buurt {suffix}".strip()}


def vote_payload(vote: dict, phone: int, items: list[int], dots: int = 1) -> dict:
    """A dot vote: the phone's whole allocation (it replaces the earlier one), `dots` dots on
    different items chosen by phone number, so each new allocation adds exactly one dot."""
    chosen = {items[(phone * 7 + k * 13) % len(items)]: 1 for k in range(dots)}
    return {"cid": cid("vote", phone, dots), "activity": vote["id"], "allocation": chosen}


def item_ids(view: dict | None) -> list[int]:
    """What a vote lets people vote on, as its projector view lists them."""
    items = ((view or {}).get("data") or {}).get("items") or []
    return [item["id"] for item in items]


def _holder(data: dict, path: str):
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.get(part) if isinstance(data, dict) else None
    return (data, parts[-1]) if isinstance(data, dict) else (None, parts[-1])


def apply_patch(view: dict, patch: dict) -> bool:
    """A screen's `patch` applied to the whole view held, as static/js/cafe.js's
    Cafe.applyPatch does, as far as counting needs it (rows by id; the order is not kept).
    False: a version is missing in between (the browser would ask for the state)."""
    have = view.get("version")
    if have is not None and patch.get("version", 0) <= have:
        return True
    if have is None or patch.get("version") != have + 1:
        return False
    view["version"] = patch["version"]
    data = view.setdefault("data", {})
    data.update(patch.get("data") or {})
    for name, fields in (patch.get("merge") or {}).items():
        if isinstance(data.get(name), dict):
            data[name].update(fields)
    dropped = set(patch.get("dropped") or ())
    for path, put in (patch.get("ranked") or {}).items():
        holder, key = _holder(data, path)
        if holder is None:
            return False
        rows = {row["id"]: row for row in holder.get(key) or [] if row["id"] not in dropped}
        for row in put:
            rows[row["id"]] = {**rows.get(row["id"], {}), **row}
        holder[key] = list(rows.values())
    for name, change in (patch.get("lists") or {}).items():
        rows = {row["id"]: row for row in data.get(name) or []}
        for gone in change.get("removed") or ():
            rows.pop(gone, None)
        for row in change.get("put") or ():
            rows[row["id"]] = row
        data[name] = sorted(rows.values(), key=lambda row: row["id"])
    return True


def count(view: dict) -> int | None:
    """The number the projector shows that grows with each input: cards on a board, dots."""
    data = view.get("data") or {}
    if view.get("kind") == "board":
        cards = data.get("cards")
        return len(cards) if isinstance(cards, list) else None
    if view.get("kind") == "vote":
        results = data.get("results")
        if not isinstance(results, dict):
            return None
        return sum(row.get("dots", 0) for row in results.get("ranking") or [])
    return None


WORDS = (
    "groen", "speelpleinen", "bankjes", "ontmoeting", "verlichting", "buurthuis", "fietspaden",
    "bomen", "zorg", "eenzaamheid", "veiligheid", "parkeren", "moestuin", "jongeren", "senioren",
    "cultuur", "markt", "sport", "huisvesting", "mobiliteit", "afval", "netheid", "taal",
    "vrijwilligers", "buren", "koffie", "feest", "wandelpad", "bibliotheek", "kinderopvang",
)
