"""A phone's namespace CONNECT answered in the Engine.IO handshake: its state comes with the
first response, one round trip after the page runs instead of two or three.

A Socket.IO client first opens an Engine.IO session (one request), and only then sends its
namespace CONNECT with its auth and waits for the answer. That second round trip often costs a
third: the client starts the WebSocket upgrade at the same moment, and during an upgrade every
long-polling request is answered empty at once (Engine.IO's rule, in python-engineio as in the
JavaScript server), so the connect answer and the state wait until the upgrade is done
(WebSocket handshake, probe, the pending poll's return, the client's UPGRADE packet).

Everything a phone's connect needs is known at the handshake: the session code (the phone page
puts it in the handshake's query, `?phone=<code>`, see static/js/cafe.js) and the participant
(its cookie, which every Engine.IO request carries). So the server runs the same connect
handler during the handshake, and the handshake response carries OPEN, the state and the
CONNECT answer (or the refusal, CONNECT_ERROR) together. The socket.io client accepts a
CONNECT answer whenever it comes (it buffers events received before it), but always sends its
own CONNECT once the Engine.IO session is open: the server ignores that one for a connection
it already answered. Clients without the query (the console, the projector, python-socketio)
connect as before. A reconnect is a new Engine.IO session: it is answered early again.

python-socketio has no hook for this: `install` wraps two of its Server's methods
(`_handle_eio_connect`, `_handle_connect`, python-socketio 5.x);
tests/live/test_websocket_upgrade.py checks the handshake's answer on a real server.
"""

import urllib.parse

# Set on the Engine.IO connection's environ while its early answer waits for the client's own
# CONNECT (which is then dropped): per connection, gone with it.
ANSWERED = "cafe.connect_answered"
QUERY = "phone"


def auth_from_query(environ: dict) -> dict | None:
    """The auth a phone page's client sends with its CONNECT, read from the handshake's query."""
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    code = (query.get(QUERY) or [""])[0]
    if not code or len(code) > 32:
        return None
    return {"session": code, "view": "phone"}


def install(server) -> None:
    """Make `server` (a python-socketio Server) answer a phone's CONNECT in the handshake."""
    eio_connect = server._handle_eio_connect
    namespace_connect = server._handle_connect

    def on_eio_connect(eio_sid, environ):
        refused = eio_connect(eio_sid, environ)  # keeps the environ for the handlers
        auth = auth_from_query(environ)
        if refused is None and auth is not None:
            environ[ANSWERED] = True
            # Queued on the new Engine.IO socket behind OPEN: python-engineio sends them in
            # the handshake response (a WebSocket-first client gets them as its first frames).
            namespace_connect(eio_sid, "/", auth)
        return refused

    def on_connect(eio_sid, namespace, data):
        environ = server.environ.get(eio_sid)
        if (namespace or "/") == "/" and environ is not None and environ.pop(ANSWERED, False):
            return  # the client's own CONNECT, already answered in the handshake
        namespace_connect(eio_sid, namespace, data)

    server.eio.on("connect", on_eio_connect)
    server._handle_connect = on_connect
