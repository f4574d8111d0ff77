"""The outbox never sends a message twice while its sender is alive (issue 27, item 9): with a
slow mail server a batch outlasts the claim timeout, and a second sender started mid-batch
must not take the message being sent as abandoned."""

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from cafe.delphi import background, contacts, notices, outbox, services
from cafe.delphi.models import OutboxMessage
from cafe.extensions import db
from cafe.models import utcnow
from tests.support.server import free_port

PANELISTS = 16


class SlowInbox:
    """An SMTP server that takes `delay` seconds over every message."""

    def __init__(self, delay):
        self.delay = delay
        self.received: list[tuple[str, str]] = []  # (recipient, Message-ID)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        message_id = next(line.split(":", 1)[1].strip() for line in
                          envelope.content.decode().splitlines()
                          if line.lower().startswith("message-id:"))
        with self.lock:
            self.received.extend((rcpt, message_id) for rcpt in envelope.rcpt_tos)
        return "250 OK"

    def count(self):
        with self.lock:
            return len(self.received)


@pytest.fixture
def inbox(app):
    handler = SlowInbox(delay=0.4)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_SECURITY="none",
                      MAIL_FROM="Buurtcafé <d@example.org>", MAIL_PER_MINUTE=6000,
                      MAIL_TIMEOUT=10, MAIL_CLAIM_TIMEOUT=2,
                      PUBLIC_URL="https://cafe.example.org")
    yield handler
    controller.stop()


@pytest.fixture
def study(app, facilitator):
    s = services.create_study(facilitator, "Delphi Noord", "nl", ["Buurt"],
                              [("", "Een buurtpunt")])
    contacts.add_by_address(s, s.panels[0].id, "nl",
                            [f"p{i:02d}@example.org" for i in range(PANELISTS)], ["nl"])
    services.open_round(s)
    db.session.commit()
    return s


def sender(app, worker: str, errors: list):
    """One Delphi loop's tick, as the server runs it, with its own database connection."""

    def run():
        try:
            with app.app_context():
                background.tick(app, worker)
                db.session.remove()
        except Exception as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    return threading.Thread(target=run)


HERE = f"{socket.gethostname()}:{os.getpid()}"


# Two processes elsewhere (only the claim timeout protects) or on this machine (alive: never
# taken over); both senders are threads of this process, each with its own connection.
@pytest.mark.parametrize("names", [("first", "second"), (HERE, HERE)],
                         ids=["other-machines", "this-machine"])
def test_a_second_sender_mid_batch_sends_nothing_twice(app, study, inbox, names):
    assert notices.invite(study, "", "example.org") == PANELISTS
    db.session.commit()
    errors: list = []
    first = sender(app, names[0], errors)
    first.start()
    # The second starts once the batch has run longer than the claim timeout (2 s; each
    # message takes 0.4 s).
    deadline = time.monotonic() + 60
    while inbox.count() < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    second = sender(app, names[1], errors)
    second.start()
    first.join(120)
    second.join(120)
    assert not errors, errors
    per_message = Counter(message_id for _rcpt, message_id in inbox.received)
    assert [m for m, n in per_message.items() if n > 1] == []
    assert sorted(r for r, _m in inbox.received) == [f"p{i:02d}@example.org"
                                                     for i in range(PANELISTS)]
    db.session.expire_all()
    assert {m.status for m in db.session.scalars(db.select(OutboxMessage))} == {"sent"}


def _claimed_long_ago(worker: str) -> OutboxMessage:
    row = db.session.scalar(db.select(OutboxMessage).order_by(OutboxMessage.id))
    row.status, row.claimed_by = "sending", worker
    row.claimed_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    return row


def test_a_claim_of_a_living_process_is_never_taken_over(app, study, inbox):
    notices.invite(study, "", "example.org")
    db.session.commit()
    row = _claimed_long_ago(HERE)  # this process: alive
    assert outbox.deliver_due(app.config, "other") == PANELISTS - 1
    db.session.refresh(row)
    assert row.status == "sending" and inbox.count() == PANELISTS - 1

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    row = _claimed_long_ago(f"{socket.gethostname()}:{gone.pid}")  # ended: abandoned
    assert outbox.deliver_due(app.config, "other") == 1
    db.session.refresh(row)
    assert row.status == "sent" and inbox.count() == PANELISTS
