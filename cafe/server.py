"""The one entry point that starts the server, and the only module that imports eventlet or gevent.

Run as `python -m cafe.server` (what `cafe serve` does). The async library patches the standard
library before Flask, SQLAlchemy or the database drivers are imported.
"""

import argparse
import os
import socket
import sys
import warnings

MODES = ("eventlet", "gevent", "threading")


def _patch(mode: str) -> None:
    if mode == "eventlet":
        # We chose eventlet knowingly (see README); gevent is the documented alternative.
        warnings.filterwarnings("ignore", message=".*Eventlet is deprecated.*")
        import eventlet  # noqa: PLC0415 - only the chosen async library loads, and it patches first

        eventlet.monkey_patch()
    elif mode == "gevent":
        from gevent import monkey  # noqa: PLC0415 - only the chosen async library loads

        monkey.patch_all()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cafe.server")
    parser.add_argument("--host", default=os.environ.get("CAFE_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CAFE_PORT", "5000")))
    parser.add_argument("--async-mode", choices=MODES,
                        default=os.environ.get("CAFE_ASYNC_MODE", "eventlet"))
    args = parser.parse_args(argv)
    _patch(args.async_mode)

    # After monkey patching: Flask, SQLAlchemy and the drivers must load patched.
    from cafe.app import create_app, socketio, start_tasks  # noqa: PLC0415 - after patching

    channel = os.environ.get("CAFE_MESSAGE_CHANNEL")
    if channel:
        # Redis pub/sub channels are shared by all its databases: installations (or test runs)
        # sharing one Redis need their own channel. Read by socketio.init_app in create_app.
        socketio.server_options["channel"] = channel
    app = create_app({"ASYNC_MODE": args.async_mode})
    start_tasks(app)  # at once, not at the first request: the first phones find them running
    print(f"Buurtcafé serving on http://{args.host}:{args.port} ({args.async_mode})", flush=True)
    log_output = bool(os.environ.get("CAFE_ACCESS_LOG"))
    if args.async_mode == "eventlet":
        import eventlet.wsgi  # noqa: PLC0415 - only an eventlet server loads it

        # What socketio.run does for eventlet, on our own listening socket (see listener).
        eventlet.wsgi.server(listener(args.host, args.port), app, log_output=log_output,
                             max_size=int(app.config["MAX_CONNECTIONS"]))
    elif args.async_mode == "gevent":
        from gevent import pywsgi  # noqa: PLC0415 - only a gevent server loads it

        # As socketio.run without gevent-websocket (not a dependency): WebSocket comes from
        # simple-websocket.
        pywsgi.WSGIServer(listener(args.host, args.port), app,
                          log="default" if log_output else None).serve_forever()
    else:  # threading: Werkzeug's development server, for tests and debugging
        socketio.run(app, host=args.host, port=args.port, log_output=log_output,
                     allow_unsafe_werkzeug=True)
    return 0


def listener(host: str, port: int, backlog: int = 128) -> socket.socket:
    """The listening socket, with Nagle's algorithm off (TCP_NODELAY, which Linux gives every
    connection accepted from it). Neither eventlet's nor gevent's server turns it off, and the
    acknowledgement of a card, written just after an update of the wall had gone to the same
    phone, then waited for the phone's delayed ACK: 40 ms more for one event in ten in issue
    31's soak. Phones' browsers turn it off on their side already."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(address)
    sock.listen(backlog)
    return sock


if __name__ == "__main__":
    sys.exit(main())
