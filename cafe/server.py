"""The one entry point that starts the server, and the only module that imports eventlet or gevent.

Run as `python -m cafe.server` (what `cafe serve` does). The async library patches the standard
library before Flask, SQLAlchemy or the database drivers are imported.
"""

import argparse
import os
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
    extra = {}
    if args.async_mode == "eventlet":
        extra["max_size"] = int(app.config["MAX_CONNECTIONS"])  # gevent's server has no cap
    socketio.run(
        app,
        host=args.host,
        port=args.port,
        log_output=bool(os.environ.get("CAFE_ACCESS_LOG")),
        allow_unsafe_werkzeug=True,
        **extra,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
