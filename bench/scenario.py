"""One benchmark run: a server configuration, N phones, and the phases they go through."""

import random
import time
import traceback

from bench import bare, kinds
from bench.metrics import ServerSampler, start_profile, stop_profile, summary_ms
from bench.phones import Fleet
from bench.screens import ScreensHandle
from bench.server import Deployment, login


def errors_of(rows, position: int) -> dict:
    """Count the error strings (at `position` in each row) by their first 60 characters."""
    out: dict[str, int] = {}
    for row in rows:
        if row[position]:
            key = str(row[position])[:60]
            out[key] = out.get(key, 0) + 1
    return out


def shown_latencies(sent_times: list[float], seen: list[tuple], activity: int,
                    base: int) -> tuple[list[float], float | None]:
    """Correlate via counts: the k-th input sent (in send order) counts as shown when the
    projector first shows a count >= base + k. Returns the latencies and the time the last
    one was shown (None if the projector never got there)."""
    shown = [(t, c) for t, event, aid, c, _size in seen
             if event == "activity" and aid == activity and c is not None]
    shown.sort()
    latencies = []
    last = None
    j = 0
    for k, sent in enumerate(sorted(sent_times), start=1):
        while j < len(shown) and shown[j][1] < base + k:
            j += 1
        if j == len(shown):
            break
        latencies.append(max(0.0, shown[j][0] - sent))
        last = shown[j][0]
    return latencies, last if len(latencies) == len(sent_times) else None


def phone_update_rates(times: dict, start: float, end: float) -> dict:
    """Coalescing check: how many activity updates the phones got and the busiest second."""
    total = sum(len(v) for v in times.values())
    busiest = 0
    for stamps in times.values():
        stamps = sorted(t for t in stamps if start <= t <= end)
        j = 0
        for i, t in enumerate(stamps):
            while stamps[j] < t - 1.0:
                j += 1
            busiest = max(busiest, i - j + 1)
    seconds = max(end - start, 1e-6)
    return {"messages_per_phone_per_s": round(total / max(len(times), 1) / seconds, 2),
            "max_per_phone_in_1s": busiest, "phone_messages": total}


class Run:
    def __init__(self, mode="eventlet", processes=1, phones=1000, workers=2, plan=None,
                 cards=200, steady_rate=20.0, steady_seconds=10.0, burst_seconds=5.0,
                 throughput_seconds=0.0, proxy=None, env=None, label=None, profile=False,
                 polling_share=0.1, bare=True):
        self.mode = mode
        self.processes = processes
        self.phones = phones
        self.workers = workers
        self.plan = plan or kinds.plan()
        self.cards = min(cards, phones)
        self.steady_rate = steady_rate
        self.steady_seconds = steady_seconds
        self.burst_seconds = burst_seconds
        self.throughput_seconds = throughput_seconds
        self.proxy = proxy
        self.env = env or {}
        self.label = label or f"{mode} x{processes}"
        self.profile = profile
        self.polling_share = polling_share
        self.bare = bare
        self.result: dict = {"label": self.label, "mode": mode, "processes": processes,
                             "phones": phones, "polling_share": polling_share,
                             "phases": {}, "errors": {}}

    def log(self, message: str) -> None:
        print(f"  [{self.label}] {message}", flush=True)

    def execute(self) -> dict:
        started = time.monotonic()
        try:
            with Deployment(self.mode, self.processes, self.plan, proxy=self.proxy,
                            phones=self.phones, env=self.env) as dep:
                self.dep = dep
                self.result["url"] = "nginx" if dep.nginx else "direct"
                self.result["database"] = "postgresql" if dep.multi else "sqlite"
                self.result["board_stand_in"] = bool(dep.session.get("stand_in"))
                self.sampler = ServerSampler(dep.pids).start()
                profilers = [start_profile(pid, self.label) for pid in dep.pids] \
                    if self.profile else []
                self.screens = ScreensHandle(dep.url, dep.session["code"], dep.session["key"],
                                             login(dep.url))
                # Phones on a café's network have their own addresses (and the server limits
                # joins and events per address), so each simulated phone gets a 127.0.x.1.
                self.fleet = Fleet(dep.url, dep.session["code"], self.phones, self.workers,
                                   spread_ips=True, polling_share=self.polling_share)
                try:
                    self.screens.ask("connect")
                    self._phases()
                except Exception as err:
                    self.result["failed"] = f"{type(err).__name__}: {err}"
                    self.log("FAILED: " + self.result["failed"])
                    traceback.print_exc()
                    if not dep.alive():
                        self.result["server_log"] = dep.log_tail()
                finally:
                    self.result["server"] = self.sampler.stop()
                    self._memory_per_phone()
                    self.result["profiles"] = [stop_profile(p) for p in profilers]
                    self.fleet.close()
                    self.screens.close()
        except Exception as err:
            self.result["failed"] = f"{type(err).__name__}: {err}"
            self.log("FAILED: " + self.result["failed"])
        if self.bare:
            # After ours has stopped, so the two never share the cores.
            self.log("the floor: bare Flask-SocketIO, same mode, processes, phones and schedule")
            self.result["bare"] = bare.measure(
                self.mode, self.phones, self.workers, self.polling_share, self.steady_rate,
                self.steady_seconds, self.burst_seconds, processes=self.processes,
                proxy=bool(self.proxy))
        self.result["seconds"] = round(time.monotonic() - started, 1)
        return self.result

    def _memory_per_phone(self) -> None:
        rss = self.result["server"].get("rss_max_mb")
        connected = self.result["phases"].get("connect", {}).get("connected")
        if rss and connected:
            self.result["server"]["kb_per_phone"] = round(rss * 1024 / connected, 1)

    def phase(self, name: str, start: float, end: float, **data) -> dict:
        entry = {"seconds": round(end - start, 2), **data, **self.sampler.window(start, end)}
        self.result["phases"][name] = entry
        return entry

    def _errors(self, name: str, rows, position: int) -> int:
        errs = errors_of(rows, position)
        if errs:
            self.result["errors"][name] = errs
        return sum(errs.values())

    def _phases(self) -> None:
        self._join_and_connect()
        board = kinds.find(self.dep.session, "board")
        vote = kinds.find(self.dep.session, "vote")
        if board and self.cards and not self.dep.session.get("stand_in"):
            self._cards(board)
        if vote and board and self.cards >= 2:
            self._votes(vote)
        if self.throughput_seconds:
            self._throughput(vote if vote and board and self.cards >= 2 else None)
        # What each phone ended on: browsers upgrade to WebSocket unless their network blocks it.
        self.result["transports"] = self.fleet.transports()
        self.log(f"transports: {self.result['transports']}")

    def _join_and_connect(self) -> None:
        t0 = time.monotonic()
        rows = self.fleet.gather("join", concurrency=16)
        t1 = time.monotonic()
        ok = [r[1] - r[0] for r in rows if r[1] is not None]
        errors = self._errors("join", rows, 2)
        self.phase("join", t0, t1, joined=len(ok), errors=errors, **summary_ms(ok),
                   per_s=round(len(ok) / max(t1 - t0, 1e-6), 1))
        self.log(f"joined {len(ok)}/{self.phones} in {t1 - t0:.1f}s")

        t0 = time.monotonic()
        rows = self.fleet.gather("connect", concurrency=16)
        t1 = time.monotonic()
        ok = [r[1] - r[0] for r in rows if r[1] is not None]
        errors = self._errors("connect", rows, 2)
        self.connected = len(ok)
        self.phase("connect", t0, t1, connected=len(ok), errors=errors, **summary_ms(ok),
                   per_s=round(len(ok) / max(t1 - t0, 1e-6), 1))
        self.log(f"connected {len(ok)}/{self.phones} in {t1 - t0:.1f}s")
        if self.processes == 1:
            # Connection counts are per process; only a single process can show them all.
            shown = self.screens.ask("wait_online", online=len(ok), timeout=15)
            self.result["phases"]["connect"]["projector_online_lag_ms"] = (
                None if shown is None else round((shown - t1) * 1000, 1))

        time.sleep(1.0)
        t0 = time.monotonic()
        rows = self.fleet.call("state:get", [(i, t0, {}) for i in range(self.phones)])
        t1 = time.monotonic()
        ok = [r[2] - r[1] for r in rows if r[2] is not None and not r[3]]
        errors = self._errors("state:get", rows, 3)
        self.phase("state_get_burst", t0, t1, errors=errors, **summary_ms(ok))

    def _open(self, activity: dict) -> None:
        """Open the activity and wait until every phone shows it: the time that takes (the
        whole view to every phone) is a phase of its own, not part of the inputs after it."""
        t0 = time.monotonic()
        ack = self.screens.ask("console", event="activity:open",
                               payload={"cid": kinds.cid("open", activity["id"]),
                                        "activity": activity["id"]})
        if not ack.get("ok"):
            raise RuntimeError(f"could not open activity {activity['id']}: {ack}")
        for event, payload in kinds.after_open(activity):
            self.screens.ask("console", event=event, payload=payload)
        firsts: list[float] = []
        while time.monotonic() < t0 + 30:
            times = self.fleet.activity_times(t0)
            firsts = [min(stamps) for stamps in times.values() if stamps]
            if len(firsts) >= self.connected:
                break
            time.sleep(0.25)
        shown = [t - t0 for t in firsts]
        self.phase(f"open_{activity['kind']}", t0, time.monotonic(), phones=len(firsts),
                   all_ms=round(max(shown) * 1000, 1) if shown else None, **summary_ms(shown))
        self.log(f"{activity['kind']} opened: on {len(firsts)}/{self.connected} phones in "
                 f"{max(shown, default=0):.1f}s")
        time.sleep(1.0)

    def _schedule(self, phones: list[int], start: float, seconds: float, payload) -> list:
        """Spread one input per phone evenly over `seconds`, in a random phone order."""
        order = list(phones)
        random.Random(len(order)).shuffle(order)
        step = seconds / max(len(order), 1)
        return [(p, start + i * step, payload(p)) for i, p in enumerate(order)]

    def _measure_inputs(self, name: str, event: str, activity: dict, schedule: list,
                        base: int, settle: float = 30.0) -> dict:
        since = time.monotonic()
        rows = self.fleet.call(event, schedule)
        sent_ok = [r[1] for r in rows if r[2] is not None and not r[3]]
        acks = [r[2] - r[1] for r in rows if r[2] is not None and not r[3]]
        errors = self._errors(name, rows, 3)
        last_sent = max((r[1] for r in rows), default=since)
        self.screens.ask("wait_count", activity=activity["id"], count=base + len(sent_ok),
                         timeout=settle)
        seen = self.screens.ask("seen", since=since)
        latencies, last_shown = shown_latencies(sent_ok, seen, activity["id"], base)
        end = time.monotonic()
        times = self.fleet.activity_times(since)
        projector_msgs = [s for s in seen if s[1] == "activity" and s[2] == activity["id"]]
        entry = self.phase(
            name, since, end, sent=len(rows), acked=len(acks), errors=errors,
            send_seconds=round(last_sent - min((r[1] for r in rows), default=since), 2),
            ack=summary_ms(acks),
            to_projector=summary_ms(latencies),
            shown=len(latencies),
            last_to_final_ms=(None if last_shown is None
                              else round((last_shown - last_sent) * 1000, 1)),
            projector_messages=len(projector_msgs),
            projector_bytes_max=max((s[4] for s in projector_msgs), default=0),
            **phone_update_rates(times, since, end),
        )
        self.log(f"{name}: {len(acks)}/{len(rows)} acked, to projector p99 "
                 f"{entry['to_projector']['p99']} ms, last→final {entry['last_to_final_ms']} ms")
        return entry

    def _cards(self, board: dict) -> None:
        self._open(board)
        phones = list(range(self.cards))
        start = time.monotonic() + 0.5
        schedule = self._schedule(phones, start, min(10.0, self.cards / 20),
                                  lambda p: kinds.card_payload(board, p))
        self._measure_inputs("cards", "card:add", board, schedule, base=0)

    def _votes(self, vote: dict) -> None:
        """Steady: a third of the phones (at most rate x seconds) vote one dot each, evenly
        spread. Burst: every phone then votes within burst_seconds (those that voted already
        move to two dots), so each vote of the burst adds one dot to the projector's tally."""
        self._open(vote)
        items = kinds.item_ids(self.screens.ask("view", activity=vote["id"]))
        if len(items) < 2:
            raise RuntimeError(f"the vote has {len(items)} items to vote on")
        phones = list(range(self.connected))
        steady_n = min(len(phones) // 3, int(self.steady_rate * self.steady_seconds))
        steady = set(phones[:steady_n])
        base = 0
        if steady:
            start = time.monotonic() + 0.5
            schedule = self._schedule(sorted(steady), start, self.steady_seconds,
                                      lambda p: kinds.vote_payload(vote, p, items, 1))
            entry = self._measure_inputs("votes_steady", "vote:cast", vote, schedule, base)
            base += entry["acked"]
            time.sleep(1.5)
        start = time.monotonic() + 0.5
        schedule = self._schedule(phones, start, self.burst_seconds,
                                  lambda p: kinds.vote_payload(vote, p, items,
                                                               2 if p in steady else 1))
        self._measure_inputs("votes_burst", "vote:cast", vote, schedule, base)

    def _throughput(self, vote: dict | None) -> None:
        """Closed loop: in rounds, every phone sends a request and the round ends when all
        are answered; answered requests per second is the throughput. Votes (each a full
        re-tally for the screens) once the vote kind exists, else state round trips."""
        items = kinds.item_ids(self.screens.ask("view", activity=vote["id"])) if vote else []
        event = "vote:cast" if len(items) >= 2 else "state:get"
        rows_all = []
        t0 = time.monotonic()
        rounds = 0
        while time.monotonic() - t0 < self.throughput_seconds:
            now = time.monotonic()
            if event == "vote:cast":
                schedule = [(p, now, kinds.vote_payload(vote, p, items, 1 + rounds % 2))
                            for p in range(self.phones)]
            else:
                schedule = [(p, now, {}) for p in range(self.phones)]
            rows_all += self.fleet.call(event, schedule)
            rounds += 1
        t1 = time.monotonic()
        ok = [r for r in rows_all if r[2] is not None and not r[3]]
        errors = self._errors("throughput", rows_all, 3)
        self.phase("throughput", t0, t1, event=event, rounds=rounds,
                   requests=len(rows_all), ok=len(ok), errors=errors,
                   per_s=round(len(ok) / max(t1 - t0, 1e-6), 1),
                   **summary_ms([r[2] - r[1] for r in ok]))
        self.log(f"throughput: {len(ok) / max(t1 - t0, 1e-6):.0f} {event}/s")
