"""The projector and the facilitator console, in their own process.

The projector writes down when each update arrived and what count it showed (cards on the
board, votes in the tally, participants online); the parent correlates these with the send
times of the phones. The console opens activities, as the facilitator would.
"""

import asyncio
import contextlib
import gc
import json
import multiprocessing
import time

from bench import kinds


class Screens:
    def __init__(self, conn, url, code, key, cookies):
        self.conn = conn
        self.url = url
        self.code = code
        self.key = key
        self.cookies = cookies
        self.seen: list[tuple] = []  # (monotonic, event, activity id, count, bytes)
        self.views: dict = {}  # activity id -> the last projector view of it
        self.projector = None
        self.console = None

    async def run(self):
        loop = asyncio.get_running_loop()
        while True:
            name, kwargs = await loop.run_in_executor(None, self.conn.recv)
            if name == "quit":
                break
            try:
                result = await getattr(self, "cmd_" + name)(**kwargs)
            except Exception as err:
                result = {"fatal": f"{type(err).__name__}: {err}"}
            self.conn.send(result)
            gc.collect()  # between phases, so the simulated devices do not pause within one
        for client in (self.projector, self.console):
            if client is not None and client.connected:
                await client.disconnect()

    async def cmd_connect(self):
        import socketio

        self.projector = socketio.AsyncClient(reconnection=False)

        @self.projector.on("*")
        async def any_event(event, data=None):
            now = time.monotonic()
            size = len(json.dumps(data, separators=(",", ":")))
            if event == "activity" and isinstance(data, dict):
                self.views[data.get("id")] = data
                self.seen.append((now, "activity", data.get("id"), kinds.count(data), size))
            elif event in ("patch", "tally") and isinstance(data, dict):
                # Since issue 31 a card or a ballot sends the screens what changed, not the
                # whole view: apply it to the view held and count that (as the projector does).
                view = self.views.get(data.get("id"))
                if view is not None:
                    if event == "tally":
                        view.setdefault("data", {}).update(data.get("data") or {})
                    elif not kinds.apply_patch(view, data):
                        self.seen.append((now, "gap", data.get("id"), None, size))
                        return
                    self.seen.append((now, "activity", data.get("id"), kinds.count(view), size))
            elif event == "participants" and isinstance(data, dict):
                self.seen.append((now, "participants", None, data.get("online"), size))
            else:
                self.seen.append((now, event, None, None, size))

        await self.projector.connect(
            self.url, wait_timeout=30,
            auth={"session": self.code, "view": "projector", "key": self.key})
        self.console = socketio.AsyncClient(reconnection=False)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        await self.console.connect(
            self.url, wait_timeout=30, headers={"Cookie": cookie},
            auth={"session": self.code, "view": "console"})
        return True

    async def cmd_console(self, event: str, payload: dict):
        return await self.console.call(event, payload, timeout=30)

    async def cmd_view(self, activity: int):
        return self.views.get(activity)

    async def cmd_seen(self, since: float = 0.0):
        return [s for s in self.seen if s[0] >= since]

    async def cmd_wait_count(self, activity: int, count: int, timeout: float):
        """Wait until the projector shows at least `count` for the activity; returns when."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for t, event, aid, shown, _size in reversed(self.seen):
                if event == "activity" and aid == activity:
                    if shown is not None and shown >= count:
                        return t
                    break
            await asyncio.sleep(0.02)
        return None

    async def cmd_wait_online(self, online: int, timeout: float):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for t, event, _aid, shown, _size in reversed(self.seen):
                if event == "participants":
                    if shown is not None and shown >= online:
                        return t
                    break
            await asyncio.sleep(0.05)
        return None


def _main(conn, url, code, key, cookies):
    from bench.phones import quiet_gc

    quiet_gc()
    asyncio.run(Screens(conn, url, code, key, cookies).run())


class ScreensHandle:
    def __init__(self, url, code, key, cookies):
        ctx = multiprocessing.get_context("spawn")
        self.pipe, child = ctx.Pipe()
        self.proc = ctx.Process(target=_main, args=(child, url, code, key, cookies), daemon=True)
        self.proc.start()

    def ask(self, name, **kwargs):
        self.pipe.send((name, kwargs))
        answer = self.pipe.recv()
        if isinstance(answer, dict) and "fatal" in answer:
            raise RuntimeError(f"projector/console: {answer['fatal']}")
        return answer

    def close(self):
        with contextlib.suppress(BrokenPipeError, OSError):
            self.pipe.send(("quit", {}))
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.terminate()
