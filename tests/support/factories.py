FACILITATOR_PASSWORD = "correct horse battery"


def received(client, name):
    """The payloads of one event name a Socket.IO test client has received so far."""
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def cid(n: int | str = 0) -> str:
    return f"test-{n:0>8}" if isinstance(n, int) else f"test-{n}"


def add_activity(session, kind: str, title: str, prompt: str = "", settings: dict | None = None):
    """An activity added through the editor's service, with its checks, as the editor does.
    Returns (activity, changes); the caller commits."""
    # The editor is imported here: this module is loaded by code strings run in subprocesses
    # before an app exists, and the editor pulls in every activity kind.
    from cafe.editor.services import add

    return add(session, kind, title, prompt, settings or {})
