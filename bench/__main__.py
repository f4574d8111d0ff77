"""`make bench` / `python -m bench`: the load benchmark. See docs/DEPLOY.md for what it runs.

Default (about 10-15 minutes on 2 cores):
  1. eventlet, one process, 1,000 phones: join, connect, cards, steady votes, a vote burst;
  2. gevent and threading, the same;
  3. 1, 2 and 4 gevent processes behind nginx (ip_hash) with Redis and PostgreSQL;
     every run ends with a closed-loop throughput phase (votes per second);
  4. the phone page's first-load weight and the word cloud render time;
  5. the World Café seating allocator on its own (also `python -m bench.seating`);
  6. the room's round trip while heavy work runs (also `python -m bench.heavy`);
  7. a phone on slow 4G in Chromium: bytes and time from the scan to able-to-post, cold and
     warm, for the board and the vote (also `python -m bench.phone_network`);
  8. a statement vote to the projector's updated opinion map with 5,000 people × 500
     statements (about 6 minutes, most of it seeding 750,000 votes; also
     `python -m bench.votemap`, or `python -m bench --only-votemap`);
  9. the soak (issue 31): 200 phones churning for 30 minutes on a 300-card and on a 3,000-card
     board at once, judged on drift, memory, exactly-once and CPU per event (bench/soak_pair.py;
     `--soak-minutes`, `--no-soak`, or `python -m bench --only-soak`, which `make bench-soak`
     runs). With it `make bench` takes about an hour.
"""

import argparse
import sys
import time

from bench import heavy, kinds, pages, phone_network, report, seating, soak_pair, votemap
from bench.scenario import Run
from bench.server import Nginx, postgres_available, redis_available

MODES = ("eventlet", "gevent", "threading")


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--phones", type=int, default=None, help="phones per run (default 1000)")
    p.add_argument("--modes", default=None,
                   help="async modes to compare, comma-separated, the first is the main run "
                        "(default eventlet,gevent,threading; --quick: eventlet,gevent)")
    p.add_argument("--processes", default=None,
                   help="process counts behind nginx with Redis + PostgreSQL, e.g. 1,2,4 "
                        "(default; --quick: 2; '' to skip)")
    p.add_argument("--process-mode", default="gevent", choices=MODES,
                   help="async mode of the multi-process runs (default gevent: psycopg 3 "
                        "cooperates with gevent, not with eventlet)")
    p.add_argument("--process-phones", type=int, default=None,
                   help="phones for the multi-process runs (default: --phones)")
    p.add_argument("--threading-phones", type=int, default=None,
                   help="phones for the threading run (default: --phones, at most 300: a "
                        "thread per connection did not cope with 1,000 on 2 cores)")
    p.add_argument("--workers", type=int, default=2, help="phone worker processes")
    p.add_argument("--polling-share", type=float, default=0.1,
                   help="share of phones that stay on long-polling, as behind networks that "
                        "block WebSocket (default 0.1); the others upgrade as browsers do")
    p.add_argument("--no-bare", action="store_true",
                   help="skip the floor (a bare Flask-SocketIO app, bench/bare.py) per run")
    p.add_argument("--quick", action="store_true", help="small and short: about 2 minutes")
    p.add_argument("--profile", action="store_true",
                   help="record py-spy profiles of the servers (bench/results/profile-*.txt)")
    p.add_argument("--no-pages", action="store_true", help="skip page weight and word cloud")
    p.add_argument("--no-seating", action="store_true",
                   help="skip the World Café seating benchmark")
    p.add_argument("--no-heavy", action="store_true",
                   help="skip the round trips during heavy work (word cloud, report, ...)")
    p.add_argument("--no-phone-network", action="store_true",
                   help="skip the phone on slow 4G (Chromium with DevTools throttling)")
    p.add_argument("--no-votemap", action="store_true",
                   help="skip the vote → projector opinion map at 5,000 × 500")
    p.add_argument("--only-votemap", action="store_true",
                   help="run only the vote → projector opinion map (bench/votemap.py)")
    p.add_argument("--soak-minutes", type=float, default=None,
                   help="length of the soak run (default 30; --quick: no soak)")
    p.add_argument("--no-soak", action="store_true", help="skip the soak run")
    p.add_argument("--only-soak", action="store_true",
                   help="run only the soak (bench/soak_pair.py; make bench-soak)")
    p.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                   help="extra CAFE_* settings for the servers, e.g. CAFE_PHONE_UPDATE_INTERVAL=1")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    if args.only_votemap:
        return votemap.main([])
    if args.only_soak:
        soak = soak_pair.run(args.soak_minutes or 30)
        soak_pair.print_report(soak)
        print(f"\nJSON: {soak_pair.write(soak)}")
        return 0 if soak["met"].get("all") else 1
    if args.no_soak:
        soak_minutes = 0.0
    elif args.soak_minutes is not None:
        soak_minutes = args.soak_minutes
    else:
        soak_minutes = 0.0 if args.quick else 30.0
    if args.modes is None:
        args.modes = "eventlet,gevent" if args.quick else ",".join(MODES)
    if args.processes is None:
        args.processes = "2" if args.quick else "1,2,4"
    modes = [m for m in args.modes.split(",") if m]
    for mode in modes:
        if mode not in MODES:
            sys.exit(f"unknown mode {mode!r}; choose from {', '.join(MODES)}")
    processes = [int(n) for n in args.processes.split(",") if n.strip()]
    env = dict(item.split("=", 1) for item in args.env)
    if args.quick:
        phones = args.phones or 100
        timing = {"cards": 40, "steady_rate": 10.0, "steady_seconds": 3.0, "burst_seconds": 2.0}
        throughput_seconds = 4.0
    else:
        phones = args.phones or 1000
        timing = {"cards": 200, "steady_rate": 20.0, "steady_seconds": 10.0,
                  "burst_seconds": 8.0}
        throughput_seconds = 15.0
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": args.quick,
               "machine": report.machine(), "plan": kinds.plan(), "phones": phones,
               "env": env, "runs": []}
    print(f"Buurtcafé benchmark: {phones} phones, modes {modes}, processes {processes}, "
          f"plan {kinds.plan()}", flush=True)

    for mode in modes:
        n = phones
        if mode == "threading":
            n = args.threading_phones or min(phones, 300)
        label = f"{mode} x1" + (f" ({n} phones)" if n != phones else "")
        run = Run(mode, 1, n, args.workers, env=env, label=label, profile=args.profile,
                  polling_share=args.polling_share, bare=not args.no_bare,
                  throughput_seconds=throughput_seconds, **timing).execute()
        results["runs"].append(run)
        if mode == modes[0]:
            results["goals"] = report.goals(run, 1000)

    if processes:
        missing = [name for name, ok in (("PostgreSQL", postgres_available()),
                                         ("Redis", redis_available()),
                                         ("nginx", Nginx.available())) if not ok]
        if missing:
            print(f"Skipping the multi-process runs: {', '.join(missing)} not available "
                  "(make services; apt-get install nginx-light).", flush=True)
            results["processes_skipped"] = missing
        else:
            n = args.process_phones or phones
            for count in processes:
                run = Run(args.process_mode, count, n, args.workers, env=env,
                          proxy=True, throughput_seconds=throughput_seconds,
                          label=f"{args.process_mode} nginx+redis+pg x{count}",
                          profile=args.profile, polling_share=args.polling_share,
                          bare=not args.no_bare, **timing).execute()
                results["runs"].append(run)

    results["run_goals"] = report.run_goals(results["runs"][1:], 1000)

    if not args.no_pages:
        try:
            results["pages"] = pages.measure()
        except Exception as err:  # a page problem must not lose the load numbers
            results["pages"] = {"error": f"{type(err).__name__}: {err}"}

    if not args.no_seating:
        results["seating"] = seating.measure()

    if not args.no_heavy:
        try:
            results["heavy"] = heavy.measure()
        except Exception as err:  # as with the pages: keep the load numbers
            results["heavy"] = {"error": f"{type(err).__name__}: {err}"}

    if not args.no_phone_network:
        try:
            results["phone_network"] = phone_network.measure()
        except Exception as err:  # as with the pages: keep the load numbers
            results["phone_network"] = {"error": f"{type(err).__name__}: {err}"}

    if not args.no_votemap:
        try:
            results["votemap"] = votemap.measure(people=500 if args.quick else 5000,
                                                 statements=100 if args.quick else 500,
                                                 votes=5 if args.quick else 20)
        except Exception as err:  # as with the pages: keep the load numbers
            results["votemap"] = {"error": f"{type(err).__name__}: {err}"}

    if soak_minutes:
        results["soak"] = soak_pair.run(soak_minutes)

    path = report.write(results)
    report.print_report(results)
    if results.get("seating"):
        print()
        seating.print_report(results["seating"])
    if results.get("heavy", {}).get("jobs"):
        print()
        heavy.print_report(results["heavy"])
    if results.get("phone_network", {}).get("kinds"):
        print()
        phone_network.print_report(results["phone_network"])
    if results.get("votemap", {}).get("votes"):
        print()
        votemap.print_report(results["votemap"])
    if results.get("soak"):
        print()
        soak_pair.print_report(results["soak"])
    print(f"\nJSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
