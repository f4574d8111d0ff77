"""`python -m bench.soak`: a long café without drift (issue 31).

One eventlet server on SQLite (the default deployment), the "priorities" plan (a board, then a
vote on its cards). The board starts with `--cards` cards (about 300: a usual café's wall; run
again with ten times that). 200 phones churn all along: every few seconds one leaves for good
and a new one joins, another "sleeps" (its connection dropped) and comes back 10-60 s later
with the same token. Phones send `--rate` events a second: cards while the board is open (a
phone with a card on the wall withdraws it first, so the wall stays about its size), dots on
the vote while the vote is open. The console switches board -> vote -> board every
`--phase` seconds; the projector and the console stay connected.

Every 15 s (`--probe-every`) a probe phone (never sleeping) sends one event and /healthz is
timed. Reported:
ack p95 of the probe in the first and the last 5 minutes (or fifths of a shorter run), /healthz,
the server's RSS slope after warm-up (MB per 10 minutes, least squares), the RSS once every
phone has left, exactly-once (every acked card stored once, every withdrawn one gone, every
phone's last acked ballot stored as sent), the same participant after every sleep, and the
server's CPU per event by minute next to the number of cards. Result: bench/results/soak-*.json.
"""

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import socketio

from bench.kinds import WORDS, cid, find
from bench.metrics import ServerSampler, percentile
from bench.server import Deployment, login

RESULTS = Path(__file__).parent / "results"


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--minutes", type=float, default=30, help="length of the run (default 30)")
    p.add_argument("--cards", type=int, default=300, help="cards on the board (default 300)")
    p.add_argument("--phones", type=int, default=200)
    p.add_argument("--rate", type=float, default=6.0, help="phone events a second")
    p.add_argument("--phase", type=float, default=120, help="seconds per board/vote phase")
    p.add_argument("--probe-every", type=float, default=15,
                   help="mean seconds between two probes, each at a random moment (default "
                        "15; make bench-soak uses 2: a window's p95 from 150 probes, not 20)")
    p.add_argument("--mode", default="eventlet")
    return p.parse_args(argv)


def fill_board(database: str, board_id: int, session_id: int, n: int) -> None:
    """The wall as it stands when the soak begins: facilitator cards written straight in."""
    with sqlite3.connect(database) as db:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        db.executemany(
            "INSERT INTO cards (activity_id, session_id, type, text, status, entered_by, "
            "created_at, updated_at) VALUES (?, ?, 'need', ?, 'visible', 'facilitator', ?, ?)",
            [(board_id, session_id, f"Kaart {i}: meer {WORDS[i % len(WORDS)]} in de buurt",
              now, now) for i in range(n)])


def slope_per_10_minutes(points: list[tuple[float, float]]) -> float | None:
    if len(points) < 3:
        return None
    fit = statistics.linear_regression([t for t, _ in points], [v for _, v in points])
    return round(fit.slope * 600, 2)


class Phone:
    def __init__(self, soak, index: int):
        self.soak, self.index = soak, index
        self.token = self.participant = self.client = None
        self.card = None  # the id of this phone's card on the wall
        self.busy = False

    async def join(self, http) -> None:
        async with http.post(f"{self.soak.url}/api/v1/join/{self.soak.code}",
                             json={"name": f"Soak {self.index}", "language": "nl"}) as r:
            self.token = (await r.json())["token"]

    async def connect(self) -> None:
        client = socketio.AsyncClient(reconnection=False)
        got = asyncio.get_running_loop().create_future()
        client.on("state", lambda data: got.done() or got.set_result(data))
        await client.connect(self.soak.url, wait_timeout=30, auth={
            "session": self.soak.code, "view": "phone", "token": self.token})
        state = await asyncio.wait_for(got, 30)
        me = state["me"]["id"]
        if self.participant is not None and me != self.participant:
            self.soak.counts["other_participant_after_sleep"] += 1
        self.participant, self.client = me, client

    async def drop(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            await client.disconnect()

    async def call(self, event: str, payload: dict, timeout: float = 30):
        sent = time.monotonic()
        try:
            ack = await self.client.call(event, payload, timeout=timeout)
        except Exception:
            self.soak.counts["unanswered"] += 1
            return None, None
        return ack, time.monotonic() - sent

    async def act(self) -> float | None:
        """One event of the current phase; returns its ack time (None: refused or lost)."""
        soak = self.soak
        if soak.phase == "board":
            if self.card is not None:
                ack, took = await self.call("card:withdraw", {"cid": cid("w", self.index),
                                                              "card": self.card})
                if ack is None:
                    return None
                if ack.get("ok"):
                    soak.withdrawn[self.card] = soak.acked_cards.get(self.card)
                self.card = None
                return took if ack.get("ok") else None
            text = (f"Soak {self.index}-{soak.sent}: meer "
                    f"{WORDS[soak.sent % len(WORDS)]} en {WORDS[self.index % len(WORDS)]}")
            ack, took = await self.call("card:add", {
                "cid": cid("c", self.index), "activity": soak.board["id"],
                "type": "need", "text": text})
            if ack and ack.get("ok"):
                self.card = ack["card"]
                soak.acked_cards[ack["card"]] = text
            return took if ack and ack.get("ok") else None
        items = soak.items
        if not items:
            return None
        allocation = {str(random.choice(items)): 1}
        ack, took = await self.call("vote:cast", {"cid": cid("v", self.index),
                                                  "activity": soak.vote["id"],
                                                  "allocation": allocation})
        if ack is None:
            soak.ballots.pop(self.participant, None)  # unknown whether it was stored
        elif ack.get("ok"):
            soak.ballots[self.participant] = {int(k): v for k, v in allocation.items()}
        return took if ack and ack.get("ok") else None


class Soak:
    def __init__(self, args, deployment: Deployment):
        self.args, self.dep = args, deployment
        self.url, self.code = deployment.url, deployment.session["code"]
        self.board = find(deployment.session, "board")
        self.vote = find(deployment.session, "vote")
        self.phase, self.items, self.sent = "board", [], 0
        self.counts = {"left": 0, "joined": 0, "slept": 0, "woke": 0, "unanswered": 0,
                       "refused": 0, "other_participant_after_sleep": 0, "events": 0,
                       "refused_connections": 0, "console_reconnects": 0}
        self.errors: list[str] = []
        self.acked_cards: dict[int, str] = {}
        self.withdrawn: dict[int, str | None] = {}  # id -> text (SQLite reuses ids)
        self.ballots: dict[int, dict[int, int]] = {}
        self.probe_rows: list[tuple[float, float | None]] = []
        self.health_rows: list[tuple[float, float]] = []
        self.events_at: list[float] = []
        self.phases_at: list[tuple[float, str]] = []
        self.next_index = 0
        self.sleepers: list[asyncio.Task] = []

    def new_phone(self) -> Phone:
        self.next_index += 1
        return Phone(self, self.next_index)

    async def console_send(self, event: str, **payload):
        # A busy machine can miss the server's pings and lose the console: a phase switch
        # connects it again rather than ending the run.
        for _ in range(10):
            if self.console.connected:
                break
            self.counts["console_reconnects"] += 1
            try:
                await self.console.connect(self.url, **self.console_auth, wait_timeout=30)
            except Exception as err:  # noqa: BLE001 - counted; the next attempt follows
                self.errors.append(f"console: {type(err).__name__}: {str(err)[:80]}")
                await asyncio.sleep(2)
        return await self.console.call(event, {"cid": cid("console"), **payload}, timeout=60)

    async def switch(self, activity: dict) -> None:
        ack = await self.console_send("activity:open", activity=activity["id"])
        if not ack.get("ok"):
            raise RuntimeError(f"could not open {activity['kind']}: {ack}")
        self.phase = activity["kind"]
        self.phases_at.append((time.monotonic(), self.phase))

    async def run(self) -> dict:
        cookies = login(self.url)
        self.projector = socketio.AsyncClient(reconnection=True)
        # The console reconnects here (console_send), not by the client's own reconnection:
        # that waits one second for the state, and the console's holds every card (at 3,000
        # cards on a busy machine it never got back).
        self.console = socketio.AsyncClient(reconnection=False)
        self.console_auth = {"headers": {"Cookie": "; ".join(
            f"{k}={v}" for k, v in cookies.items())}, "auth": {"session": self.code,
                                                               "view": "console"}}
        await self.console.connect(self.url, **self.console_auth, wait_timeout=30)
        await self.projector.connect(self.url, auth={
            "session": self.code, "view": "projector", "key": self.dep.session["key"]},
            wait_timeout=30)
        self.console.on("activity", self._console_view)
        self.console.on("state", lambda full: [self._console_view(v) for v in
                                               full.get("activities", {}).values()])
        async with aiohttp.ClientSession() as http:
            phones = [self.new_phone() for _ in range(self.args.phones)]
            await asyncio.gather(*(p.join(http) for p in phones))
            for start in range(0, len(phones), 20):
                await asyncio.gather(*(p.connect() for p in phones[start:start + 20]))
            probe = self.new_phone()
            await probe.join(http)
            await probe.connect()
            await self.switch(self.board)
            sampler = ServerSampler(self.dep.pids, interval=1.0).start()
            t0 = time.monotonic()
            end = t0 + self.args.minutes * 60
            tasks = [asyncio.create_task(loop(end)) for loop in (
                lambda e: self._events(e, phones), lambda e: self._churn(e, phones, http),
                lambda e: self._probe(e, probe, http), self._phases)]
            await asyncio.gather(*tasks)
            t1 = time.monotonic()
            for task in self.sleepers:
                task.cancel()
            for p in [*phones, probe]:
                await p.drop()
            await asyncio.sleep(20)  # the room is empty: the collector releases memory
            empty_rss = sampler._rss()
            usage = sampler.stop()
        await self.console.disconnect()
        await self.projector.disconnect()
        return self.report(sampler, t0, t1, usage, empty_rss)

    def _console_view(self, view):
        """The vote's items, from the console's view of it: the wall's first cards (written
        before the soak, never withdrawn), so a ballot's check does not meet a withdrawn card."""
        if view.get("id") == self.vote["id"]:
            items = (view.get("data") or {}).get("items") or []
            ids = [i["id"] for i in items if i["id"] not in self.acked_cards]
            self.items = ids[:50] or self.items

    async def _phases(self, end: float) -> None:
        while time.monotonic() < end:
            await asyncio.sleep(min(self.args.phase, max(0, end - time.monotonic())))
            if time.monotonic() >= end:
                break
            await self.switch(self.vote if self.phase == "board" else self.board)

    async def _events(self, end: float, phones: list[Phone]) -> None:
        async def one(phone):
            phone.busy = True
            try:
                if await phone.act() is None:
                    self.counts["refused"] += 1
            finally:
                phone.busy = False

        while time.monotonic() < end:
            await asyncio.sleep(1 / self.args.rate)
            ready = [p for p in phones if p.client is not None and not p.busy]
            if ready:
                self.sent += 1
                self.counts["events"] += 1
                self.events_at.append(time.monotonic())
                asyncio.create_task(one(random.choice(ready)))

    async def _churn(self, end: float, phones: list[Phone], http) -> None:
        """Every 5 s one phone leaves for good (a new one joins), one goes to sleep."""
        async def idle(phone):
            # Chosen when idle, it may have sent an event since (the awaits below): a phone
            # drops its connection after its answer, not with the event in flight.
            while phone.busy:
                await asyncio.sleep(0.01)

        async def sleep_and_wake(phone):
            await idle(phone)
            await phone.drop()
            self.counts["slept"] += 1
            await asyncio.sleep(random.uniform(10, 60))
            try:
                await phone.connect()
            except Exception as err:
                self.counts["refused_connections"] += 1
                self.errors.append(f"wake: {type(err).__name__}: {str(err)[:80]}")
                return
            self.counts["woke"] += 1

        while time.monotonic() < end:
            await asyncio.sleep(5)
            awake = [p for p in phones if p.client is not None and not p.busy]
            if len(awake) < 2:
                continue
            leaving, sleeper = random.sample(awake, 2)
            phones.remove(leaving)
            if leaving.card is not None and self.phase == "board":
                await leaving.act()  # takes its card with it: the wall keeps its size
            await idle(leaving)
            await leaving.drop()
            self.counts["left"] += 1
            newcomer = self.new_phone()
            try:
                await newcomer.join(http)
                await newcomer.connect()
            except Exception as err:  # counted and reported: the run goes on
                self.counts["refused_connections"] += 1
                self.errors.append(f"join/connect: {type(err).__name__}: {str(err)[:80]}")
            else:
                phones.append(newcomer)
                self.counts["joined"] += 1
            self.sleepers.append(asyncio.create_task(sleep_and_wake(sleeper)))

    async def _probe(self, end: float, probe: Phone, http) -> None:
        while time.monotonic() < end:
            # At a random moment around the interval: a fixed period would keep meeting (or
            # keep missing) the churn's own 5-second beat, and sample the server unevenly.
            await asyncio.sleep(random.uniform(0.5, 1.5) * self.args.probe_every)
            self.probe_rows.append((time.monotonic(), await probe.act()))
            started = time.monotonic()
            async with http.get(f"{self.url}/healthz") as r:
                await r.read()
            self.health_rows.append((started, time.monotonic() - started))

    def exactly_once(self) -> dict:
        with sqlite3.connect(self.dep.database_url.removeprefix("sqlite:///")) as db:
            stored = dict(db.execute("SELECT id, text FROM cards WHERE activity_id = ?",
                                     (self.board["id"],)).fetchall())
            texts = [t for (t,) in db.execute("SELECT text FROM cards WHERE activity_id = ?",
                                              (self.board["id"],))]
            votes = db.execute("SELECT participant_id, item_id, dots FROM votes "
                               "WHERE activity_id = ? AND dots > 0", (self.vote["id"],)).fetchall()
        kept = {i: t for i, t in self.acked_cards.items() if i not in self.withdrawn}
        ballots: dict[int, dict[int, int]] = {}
        for participant, item, dots in votes:
            ballots.setdefault(participant, {})[item] = dots
        return {
            "cards_acked": len(self.acked_cards), "cards_withdrawn": len(self.withdrawn),
            "cards_missing": sum(1 for i, t in kept.items() if stored.get(i) != t),
            "cards_twice": sum(1 for t in set(kept.values()) if texts.count(t) > 1),
            "withdrawn_still_there": sum(1 for i, t in self.withdrawn.items()
                                         if t is not None and stored.get(i) == t),
            "ballots_checked": len(self.ballots),
            "ballots_wrong": sum(1 for p, a in self.ballots.items() if ballots.get(p) != a),
            "cards_at_end": len(stored),
        }

    def report(self, sampler, t0, t1, usage, empty_rss) -> dict:
        span = min(300.0, (t1 - t0) / 5)

        def spread(rows, start, stop):
            """The window's probes: how many, and their percentiles (ms)."""
            values = [v for t, v in rows if start <= t < stop and v is not None]
            if not values:
                return None
            return {"n": len(values), **{f"p{q}": round(percentile(values, q) * 1000, 1)
                                         for q in (50, 90, 95, 99)},
                    "max": round(max(values) * 1000, 1)}

        def p95(rows, start, stop):
            return (spread(rows, start, stop) or {}).get("p95")

        warm = t0 + min(300.0, (t1 - t0) / 5)
        rss = [(t - t0, r) for t, _c, r, _m in sampler.samples if warm <= t <= t1]
        minutes = []
        for start in range(int(t0), int(t1) - 59, 60):
            cpu = [c for t, c, _r, _m in sampler.samples if start <= t < start + 60]
            events = sum(1 for t in self.events_at if start <= t < start + 60)
            if cpu and events:
                probes = [v for t, v in self.probe_rows if start <= t < start + 60 and v]
                phase = [p for t, p in self.phases_at if t <= start + 30][-1:] or ["board"]
                minutes.append({"minute": len(minutes) + 1, "events": events,
                                "phase": phase[0],
                                "cpu_ms_per_event": round(10 * sum(cpu) / events, 1),
                                "probe_median_ms": round(statistics.median(probes) * 1000, 1)
                                if probes else None,
                                "probe_max_ms": round(max(probes) * 1000, 1) if probes
                                else None, "probes": len(probes)})
        return {
            "args": vars(self.args), "seconds": round(t1 - t0), "window_s": round(span),
            "probe_ack_p95_ms": {"first": p95(self.probe_rows, t0, t0 + span),
                                 "last": p95(self.probe_rows, t1 - span, t1 + 1)},
            "probe_ack_ms": {"first": spread(self.probe_rows, t0, t0 + span),
                             "last": spread(self.probe_rows, t1 - span, t1 + 1)},
            "probe_failures": sum(1 for _t, v in self.probe_rows if v is None),
            "healthz_ms": {"first_p95": p95(self.health_rows, t0, t0 + span),
                           "last_p95": p95(self.health_rows, t1 - span, t1 + 1),
                           "max": round(max((v for _t, v in self.health_rows), default=0)
                                        * 1000, 1)},
            "rss_mb": {"after_warmup": round(rss[0][1], 1) if rss else None,
                       "end": round(rss[-1][1], 1) if rss else None,
                       "slope_per_10_min": slope_per_10_minutes(rss),
                       "room_empty": round(empty_rss, 1)},
            "cpu": usage, "cpu_by_minute": minutes,
            "counts": self.counts, "errors": self.errors[:20],
            "exactly_once": self.exactly_once(),
        }


def main(argv=None) -> int:
    args = parse(argv)
    with Deployment(mode=args.mode, processes=1, plan="priorities", phones=args.phones) as dep:
        board = find(dep.session, "board")
        fill_board(dep.database_url.removeprefix("sqlite:///"), board["id"], dep.session["id"],
                   args.cards)
        result = asyncio.run(Soak(args, dep).run())
    result["cards_at_start"] = args.cards
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"soak-{args.cards}-cards-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: result[k] for k in (
        "probe_ack_p95_ms", "healthz_ms", "rss_mb", "exactly_once", "counts")}, indent=2))
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
