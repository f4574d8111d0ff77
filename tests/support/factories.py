FACILITATOR_PASSWORD = "correct horse battery"


def received(client, name):
    """The payloads of one event name a Socket.IO test client has received so far."""
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def apply_patch(view: dict, patch: dict) -> bool:
    """A `patch` message applied to a whole view (an `activity` message), as Cafe.applyPatch
    in static/js/cafe.js does. False: a version is missing in between, or the patch names a
    ranking the view does not hold (the client then asks for the state)."""
    have = view.get("version")
    if have is not None and patch["version"] <= have:
        return True
    if have is None or patch["version"] != have + 1:
        return False
    data = view["data"]
    def at(path):
        *parents, key = path.split(".")
        holder = data
        for part in parents:
            holder = holder.get(part) if isinstance(holder, dict) else None
        return holder, key

    blank = patch.get("blank")
    base = at(blank["from"]) if blank else (None, None)
    blanks = None
    if isinstance(base[0], dict) and isinstance(base[0].get(base[1]), list):
        blanks = [{**row, **blank["row"]} for row in base[0][base[1]]]
    holders = {}
    for path in patch.get("ranked", {}):
        holder, key = at(path)
        if not isinstance(holder, dict) or (
                not isinstance(holder.get(key), list) and blanks is None):
            return False
        holders[path] = (holder, key)
    view["version"] = patch["version"]
    data.update(patch.get("data", {}))
    for name, values in patch.get("merge", {}).items():
        if data.get(name):
            data[name].update(values)
    for path, rows in patch.get("ranked", {}).items():
        holder, key = holders[path]
        held = holder.get(key)
        held = held if isinstance(held, list) else [dict(r) for r in blanks]
        dropped = set(patch.get("dropped", ()))
        holder[key] = rerank([r for r in held if r["id"] not in dropped], rows)
    for name, change in patch.get("lists", {}).items():
        gone = set(change.get("removed", [])) | {row["id"] for row in change.get("put", [])}
        rows = [row for row in data.get(name, []) if row["id"] not in gone]
        data[name] = sorted(rows + change.get("put", []), key=lambda row: row["id"])
    return True


def rerank(rows: list[dict], put: list[dict]) -> list[dict]:
    """Cafe.rerank: rows replaced by id, then ranked as the server's tally ranks them."""
    fresh = {row["id"]: row for row in put}
    merged = [{**row, **fresh.pop(row["id"])} if row["id"] in fresh else dict(row)
              for row in rows] + list(fresh.values())
    merged.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0), r["id"]))
    scores = [r["score"] for r in merged]
    rank, previous = 0, object()
    for index, row in enumerate(merged):
        if row["score"] is None:
            row["rank"], row["tied"] = None, False
            continue
        if row["score"] != previous:
            rank, previous = index + 1, row["score"]
        row["rank"], row["tied"] = rank, scores.count(row["score"]) > 1
    return merged


def latest_views(client, seen: dict) -> dict:
    """{activity id: view} as a client shows them: whole views (from `state` and `activity`)
    with the `patch` and `tally` messages after them applied, in the order received. Drains
    the client's queue; `seen` keeps what earlier calls found."""
    for message in client.get_received():
        name, data = message["name"], message["args"][0]
        if name == "state":
            seen.update({int(k): v for k, v in data["activities"].items()})
        elif name == "activity":
            seen[data["id"]] = data
        elif name == "patch" and data["id"] in seen:
            assert apply_patch(seen[data["id"]], data), "a patch version is missing"
        elif name == "tally" and data["id"] in seen:
            seen[data["id"]]["data"].update(data["data"])
    return seen


def cid(n: int | str = 0) -> str:
    return f"test-{n:0>8}" if isinstance(n, int) else f"test-{n}"


def add_activity(session, kind: str, title: str, prompt: str = "", settings: dict | None = None):
    """An activity added through the editor's service, with its checks, as the editor does.
    Returns (activity, changes); the caller commits."""
    # The editor is imported here: this module is loaded by code strings run in subprocesses
    # before an app exists, and the editor pulls in every activity kind.
    from cafe.editor.services import add

    return add(session, kind, title, prompt, settings or {})
