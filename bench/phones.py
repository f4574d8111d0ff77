"""Simulated phones: worker processes, each holding hundreds of python-socketio AsyncClients.

The parent sends commands through a pipe ("join", "connect", "emit", ...); a worker runs them
for all its phones concurrently on one asyncio loop and answers with raw timings (monotonic
clock, which is system-wide on Linux, so the parent can compare it with the projector's).
"""

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import time


def source_ip(index: int) -> str:
    """Phones come from different addresses, so nginx's ip_hash (which hashes the first three
    octets of an IPv4 address) spreads them over the processes, as with real phones."""
    return f"127.0.{index % 250 + 1}.1"


def stays_on_polling(index: int, share: float) -> bool:
    """Spread the long-polling phones evenly over the indices (and so over the workers)."""
    return share > 0 and int((index + 1) * share) > int(index * share)


class Phone:
    __slots__ = ("index", "token", "client", "activity_at", "connected_at", "errors",
                 "counts")

    def __init__(self, index: int):
        self.index = index
        self.token: str | None = None
        self.client = None
        self.activity_at: list[float] = []
        self.connected_at: float | None = None
        self.errors: list[str] = []
        self.counts: list[tuple[float, int]] = []  # the bare app's counter, as received


class Worker:
    def __init__(self, conn, url: str, code: str, indices: list[int], spread_ips: bool,
                 polling_share: float = 0.0):
        self.conn = conn
        self.polling_share = polling_share
        self.url = url
        self.code = code
        self.phones = [Phone(i) for i in indices]
        self.spread_ips = spread_ips
        self.sessions: dict[str, object] = {}

    def http(self, index: int):
        import aiohttp

        ip = source_ip(index) if self.spread_ips else "127.0.0.1"
        if ip not in self.sessions:
            connector = aiohttp.TCPConnector(local_addr=(ip, 0), limit=0)
            self.sessions[ip] = aiohttp.ClientSession(
                connector=connector, timeout=aiohttp.ClientTimeout(total=60))
        return self.sessions[ip]

    async def run(self):
        loop = asyncio.get_running_loop()
        while True:
            name, kwargs = await loop.run_in_executor(None, self.conn.recv)
            if name == "quit":
                break
            try:
                result = await getattr(self, "cmd_" + name)(**kwargs)
            except Exception as err:  # report to the parent instead of dying silently
                result = {"fatal": f"{type(err).__name__}: {err}"}
            self.conn.send(result)
            gc.collect()  # between phases, so the simulated devices do not pause within one
        await self.cmd_close()
        for session in self.sessions.values():
            await session.close()

    async def _bounded(self, coros, concurrency: int):
        gate = asyncio.Semaphore(concurrency)

        async def one(coro):
            async with gate:
                return await coro

        return await asyncio.gather(*(one(c) for c in coros))

    async def cmd_join(self, concurrency: int = 20):
        async def join(phone: Phone):
            started = time.monotonic()
            try:
                async with self.http(phone.index).post(
                    f"{self.url}/api/v1/join/{self.code}",
                    json={"name": f"Phone {phone.index}", "language": "en"},
                ) as r:
                    body = await r.json()
                    if r.status != 201:
                        return (started, None, f"join {r.status}: {body.get('error')}")
                    phone.token = body["token"]
            except Exception as err:
                return (started, None, f"join: {type(err).__name__}")
            return (started, time.monotonic(), None)

        return await self._bounded([join(p) for p in self.phones], concurrency)

    async def cmd_connect(self, concurrency: int = 20):
        import socketio

        async def connect(phone: Phone):
            if phone.token is None:
                return (time.monotonic(), None, "connect: not joined")
            client = socketio.AsyncClient(reconnection=False, http_session=self.http(phone.index))
            state = asyncio.Event()
            transports = self.transports(phone)

            @client.on("state")
            async def on_state(_data):
                state.set()

            @client.on("activity")
            async def on_activity(_data):
                phone.activity_at.append(time.monotonic())

            @client.on("tally")  # a vote's results only: what phones get while people vote
            async def on_tally(_data):
                phone.activity_at.append(time.monotonic())

            started = time.monotonic()
            try:
                await client.connect(
                    self.url, wait_timeout=30, transports=transports,
                    auth={"session": self.code, "view": "phone", "token": phone.token},
                )
                await asyncio.wait_for(state.wait(), 30)
            except Exception as err:
                return (started, None, f"connect: {type(err).__name__}: {str(err)[:60]}")
            phone.client = client
            phone.connected_at = time.monotonic()
            return (started, phone.connected_at, None)

        return await self._bounded([connect(p) for p in self.phones], concurrency)

    def transports(self, phone: Phone) -> list[str] | None:
        """As a browser: None (polling handshake, then the upgrade to WebSocket), or polling
        only for the share of phones behind networks that block WebSocket."""
        return ["polling"] if stays_on_polling(phone.index, self.polling_share) else None

    async def cmd_bare_connect(self, concurrency: int = 20):
        """Connect to the bare Flask-SocketIO app (bench/bare.py): no join, no state."""
        import socketio

        async def connect(phone: Phone):
            client = socketio.AsyncClient(reconnection=False, http_session=self.http(phone.index))

            @client.on("count")
            async def on_count(data):
                if phone.index == 0:  # phone 0 stands in for the projector
                    phone.counts.append((time.monotonic(), data["count"]))

            started = time.monotonic()
            try:
                await client.connect(self.url, wait_timeout=30,
                                     transports=self.transports(phone))
            except Exception as err:
                return (started, None, f"connect: {type(err).__name__}: {str(err)[:60]}")
            phone.client = client
            phone.connected_at = time.monotonic()
            return (started, phone.connected_at, None)

        return await self._bounded([connect(p) for p in self.phones], concurrency)

    async def cmd_counts(self, since: float = 0.0):
        return [c for p in self.phones for c in p.counts if c[0] >= since]

    async def cmd_transports(self):
        """What each connected phone ended on: {"websocket": n, "polling": m}."""
        mix: dict[str, int] = {}
        for p in self.phones:
            if p.client is not None and p.client.connected:
                name = p.client.transport()
                mix[name] = mix.get(name, 0) + 1
        return mix

    async def cmd_call(self, event: str, schedule: list, timeout: float = 30):
        """schedule: [(phone index, monotonic send time, payload)]. Returns, per item,
        (index, sent, acked or None, error or None, ack)."""
        by_index = {p.index: p for p in self.phones}

        async def one(index, at, payload):
            phone = by_index[index]
            delay = at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            sent = time.monotonic()
            if phone.client is None or not phone.client.connected:
                return (index, sent, None, "not connected", None)
            try:
                ack = await phone.client.call(event, payload, timeout=timeout)
            except Exception as err:
                return (index, sent, None, f"{event}: {type(err).__name__}", None)
            acked = time.monotonic()
            if not isinstance(ack, dict) or not ack.get("ok"):
                error = ack.get("error") if isinstance(ack, dict) else "bad ack"
                return (index, sent, acked, f"{event}: {error}", ack)
            return (index, sent, acked, None, ack)

        return await asyncio.gather(*(one(*item) for item in schedule))

    async def cmd_activity_times(self, since: float = 0.0):
        """When each phone received activity updates (to check the coalescing)."""
        return {p.index: [t for t in p.activity_at if t >= since] for p in self.phones}

    async def cmd_connected(self):
        return sum(1 for p in self.phones if p.client is not None and p.client.connected)

    async def cmd_close(self):
        clients = [p.client for p in self.phones if p.client is not None]
        await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)
        for p in self.phones:
            p.client = None
        return len(clients)


def quiet_gc() -> None:
    """Full collections of a process holding hundreds of clients take a few hundred ms: they
    would show up as server latency. The benchmark's own processes collect between phases."""
    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)


def _main(conn, url, code, indices, spread_ips, polling_share):
    # A client whose server closes it logs "packet queue is empty"; that is the end of a run.
    logging.getLogger("engineio.client").setLevel(logging.CRITICAL)
    logging.getLogger("socketio.client").setLevel(logging.CRITICAL)
    quiet_gc()
    asyncio.run(Worker(conn, url, code, indices, spread_ips, polling_share).run())


class Fleet:
    """The parent's handle on all phone workers."""

    def __init__(self, url: str, code: str, phones: int, workers: int, spread_ips: bool = False,
                 polling_share: float = 0.0):
        ctx = multiprocessing.get_context("spawn")
        self.workers = []
        self.size = phones
        for w in range(min(workers, max(1, phones))):
            parent, child = ctx.Pipe()
            indices = list(range(w, phones, workers))
            proc = ctx.Process(target=_main, args=(child, url, code, indices, spread_ips,
                                                   polling_share),
                               daemon=True)
            proc.start()
            self.workers.append((proc, parent, indices))

    def ask(self, name: str, per_worker=None, **kwargs) -> list:
        """Run a command on every worker at once; per_worker(indices) -> extra kwargs."""
        for _proc, pipe, indices in self.workers:
            extra = per_worker(indices) if per_worker else {}
            pipe.send((name, {**kwargs, **extra}))
        answers = []
        for proc, pipe, _indices in self.workers:
            answer = pipe.recv()
            if isinstance(answer, dict) and "fatal" in answer:
                raise RuntimeError(f"phone worker {proc.pid}: {answer['fatal']}")
            answers.append(answer)
        return answers

    def gather(self, name: str, per_worker=None, **kwargs) -> list:
        """Like ask, with the per-worker lists concatenated."""
        out = []
        for answer in self.ask(name, per_worker, **kwargs):
            out.extend(answer)
        return out

    def call(self, event: str, schedule: list, timeout: float = 30) -> list:
        """Send each (phone index, at, payload) from the worker that owns that phone."""
        def mine(indices):
            owned = set(indices)
            return {"schedule": [s for s in schedule if s[0] in owned]}

        return self.gather("call", mine, event=event, timeout=timeout)

    def transports(self) -> dict:
        mix: dict[str, int] = {}
        for answer in self.ask("transports"):
            for name, n in answer.items():
                mix[name] = mix.get(name, 0) + n
        return mix

    def activity_times(self, since: float) -> dict:
        merged = {}
        for answer in self.ask("activity_times", since=since):
            merged.update(answer)
        return merged

    def close(self) -> None:
        for _proc, pipe, _indices in self.workers:
            with contextlib.suppress(BrokenPipeError, OSError):
                pipe.send(("quit", {}))
        for proc, _pipe, _indices in self.workers:
            proc.join(20)
            if proc.is_alive():
                proc.terminate()
