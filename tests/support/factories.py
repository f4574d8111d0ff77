FACILITATOR_PASSWORD = "correct horse battery"


def received(client, name):
    """The payloads of one event name a Socket.IO test client has received so far."""
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def cid(n: int | str = 0) -> str:
    return f"test-{n:0>8}" if isinstance(n, int) else f"test-{n}"
