"""Delphi e-mail and answer speed, in one process on a SQLite file (not part of `make bench`).

    .venv/bin/python -m bench.delphi_mail [--panelists 500] [--answers 400]

Sends one invitation per panelist through the outbox (claim, send, mark: three commits each)
to an aiosmtpd server in this process, then saves answers through the panelist's JSON endpoint
(what the page posts on every choice), and prints messages a second and answer latencies."""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class Count:
    def __init__(self):
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        return "250 OK"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--panelists", type=int, default=500)
    parser.add_argument("--answers", type=int, default=400)
    args = parser.parse_args(argv)

    from tests.support.server import free_port

    port = free_port()
    inbox = Count()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    tmp = Path(tempfile.mkdtemp(prefix="delphi-bench-"))
    import os

    os.environ["CAFE_INSTANCE_PATH"] = str(tmp)
    from cafe import create_app
    from cafe.auth.services import create_facilitator
    from cafe.delphi import contacts, notices, outbox, services
    from cafe.extensions import db

    app = create_app({"ASYNC_MODE": "threading", "DATABASE_URL": f"sqlite:///{tmp / 'b.db'}",
                      "WTF_CSRF_ENABLED": False, "MAIL_HOST": "127.0.0.1", "MAIL_PORT": port,
                      "MAIL_SECURITY": "none", "MAIL_PER_MINUTE": 10**9,
                      "MAIL_FROM": "Buurtcafé <d@example.org>", "PUBLIC_URL": "http://x"})
    with app.app_context():
        db.create_all()
        owner = create_facilitator("anna", "a-long-password-1", "nl")
        study = services.create_study(owner, "Bench", "nl", ["A", "B"],
                                      [("", f"Stelling {n}") for n in range(8)])
        half = args.panelists // 2
        made = []
        for n, panel in enumerate(study.panels):
            made += contacts.add_by_address(
                study, panel.id, ("nl", "fr")[n],
                [f"p{n}-{i}@example.org" for i in range(half)], ["nl", "fr"])
        services.open_round(study)
        notices.invite(study, "", "example.org")
        db.session.commit()
        started = time.perf_counter()
        sent = outbox.deliver_due(app.config, "bench")
        took = time.perf_counter() - started
        print(f"outbox: {sent} messages in {took:.1f} s = {sent / took:.0f} a second "
              f"(received {inbox.n})")
        tokens = [p.token for p in made]
        statements = [s.id for s in study.statements]
    client = app.test_client()
    latencies = []
    for n in range(args.answers):
        body = {"statement": statements[n % 8], "ratings": {"desirability": 1 + n % 5},
                "argument": "", "cid": f"bench-{n}"}
        started = time.perf_counter()
        r = client.post(f"/d/{tokens[n % len(tokens)]}/answer", json=body)
        latencies.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, r.get_data(as_text=True)
    q = statistics.quantiles(latencies, n=20)
    print(f"answer endpoint: {len(latencies)} saves, median {statistics.median(latencies):.1f} "
          f"ms, p95 {q[18]:.1f} ms")
    smtp.stop()


if __name__ == "__main__":
    main()
