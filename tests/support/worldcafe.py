"""Reading what a World Café's test clients received (the `cafe` fixture is in
tests/support/fixtures/worldcafe.py)."""

import itertools

from tests.support.factories import cid

_ids = itertools.count()
ROLES = ("resident", "volunteer", "professional", "local_government")


def next_cid(prefix="w"):
    return cid(f"{prefix}{next(_ids)}")


def log(client) -> list[dict]:
    """Everything a test client received so far (get_received drains its queue)."""
    seen = client.__dict__.setdefault("seen", [])
    seen.extend(client.get_received())
    return seen


def since(client, name, mark):
    return [m["args"][0] for m in log(client)[mark:] if m["name"] == name]


def host_all(cafe):
    hosts = {}
    for table, pid in zip(cafe.tables, sorted(cafe.phones)[:len(cafe.tables)], strict=True):
        assert cafe.command("worldcafe:host", table=table, participant=pid)["ok"]
        hosts[pid] = table
    return hosts
