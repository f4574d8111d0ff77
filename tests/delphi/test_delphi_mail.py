"""Delphi e-mail end to end: a real SMTP server (aiosmtpd) in this process receives what a real
server process sends. 24 panelists in Dutch and French get one invitation each, in their
language, with a link that opens their page; the server is stopped mid-send and started again
without losing or repeating a message; reminders go only to those who have not answered; an
SMTP outage shows on the console and the messages follow once it is back."""

import asyncio
import email
import email.policy
import re
import sqlite3
import threading
import time

import pytest
import requests
from aiosmtpd.controller import Controller

from tests.support.server import free_port, run_seed

pytestmark = [pytest.mark.server]

DUTCH = [("Intervention", "Een buurtpunt in het dienstencentrum"),
         ("Context", "Het plein autovrij maken"),
         ("Actors", "Vrijwilligers bellen wekelijks alleenwonende ouderen")]
FRENCH = ["Un point de quartier au centre de services", "Rendre la place sans voitures",
          "Des bénévoles appellent chaque semaine les aînés isolés"]


class Inbox:
    """The receiving end. `hold_at`: the message with this index is held until `release`
    is set, then refused, as if the sender had died while it was in flight."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()
        self.hold_at = None
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            hold = self.hold_at is not None and len(self.messages) == self.hold_at
            if hold:
                self.hold_at = None
        if hold:
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def of_kind(self, subject_words) -> list:
        with self.lock:
            return [(r, m) for r, m in self.messages
                    if any(m["Subject"].startswith(w) for w in subject_words)]


def wait_until(condition, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def smtp_port():
    return free_port()


@pytest.fixture(scope="module")
def inbox():
    return Inbox()


def start_smtp(inbox, port) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.fixture(scope="module")
def world(live_server, inbox, smtp_port):
    smtp = start_smtp(inbox, smtp_port)

    def study(live):
        live.extra_env["CAFE_PUBLIC_URL"] = live.url  # the links in the mail: this server
        live.delphi = run_seed("delphi_mail", live.instance, live.database_url, DUTCH, FRENCH)

    live = live_server(prepare=study, env={
        "CAFE_MAIL_HOST": "127.0.0.1",
        "CAFE_MAIL_PORT": str(smtp_port), "CAFE_MAIL_SECURITY": "none",
        "CAFE_MAIL_FROM": "Buurtcafé <delphi@gemeente.example.org>",
        "CAFE_MAIL_PER_MINUTE": "6000", "CAFE_DELPHI_TICK_SECONDS": "0.2",
        "CAFE_MAIL_CLAIM_TIMEOUT": "2", "CAFE_MAIL_RETRY_SECONDS": "0.5",
        "CAFE_MAIL_TIMEOUT": "10"})
    state = {"live": live, "smtp": smtp}
    yield state
    live.stop()  # before the SMTP server goes
    state["smtp"].stop()


def console_post(live, http, path, **data):
    page = http.get(f"{live.url}/console/delphi/{live.delphi['study']}", timeout=60).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = http.post(f"{live.url}/console/delphi/{live.delphi['study']}{path}",
                  data={"csrf_token": token, **data}, allow_redirects=False, timeout=60)
    assert r.status_code == 302, r.text


def outbox_rows(live) -> list[tuple]:
    path = live.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT kind, status, panelist_id FROM delphi_outbox").fetchall()


def test_invitations_survive_a_restart_mid_send(world, inbox):
    live = world["live"]
    panelists = live.delphi["panelists"]
    addresses = {p["email"] for p in panelists}
    inbox.hold_at = 8  # the ninth message is in flight when the server stops
    http = live.login()
    console_post(live, http, "/mail", action="invite", cid="first-click")
    console_post(live, http, "/mail", action="invite", cid="second-click")  # queues nothing
    assert inbox.held.wait(60), "the ninth invitation never reached the SMTP server"
    live.stop()
    inbox.release.set()
    assert len(inbox.messages) == 8
    live.start()

    invitations = ("Uitnodiging", "Invitation")
    wait_until(lambda: len(inbox.of_kind(invitations)) >= 24, what="24 invitations")
    wait_until(lambda: all(s == "sent" for _k, s, _p in outbox_rows(live)), what="all sent")
    received = inbox.of_kind(invitations)
    assert len(received) == 24
    assert sorted(r[0] for r, _m in received) == sorted(addresses)
    assert len({m["Message-ID"] for _r, m in received}) == 24
    by_address = {p["email"]: p for p in panelists}
    for rcpt, message in received:
        panelist = by_address[rcpt[0]]
        assert message["To"] == panelist["email"]
        raw = message.as_string()
        assert [a for a in addresses if a in raw] == [panelist["email"]]
        body = message.get_content()
        if panelist["language"] == "fr":
            assert message["Subject"] == "Invitation : Delphi Noord"
            assert "Votre lien personnel" in body
        else:
            assert message["Subject"] == "Uitnodiging: Delphi Noord"
            assert "Je persoonlijke link" in body
        link = re.search(r"https?://\S+/d/\S+", body).group(0)
        assert link.endswith(panelist["token"])
        page = requests.get(link, timeout=10)
        assert page.status_code == 200
        expected = FRENCH[0] if panelist["language"] == "fr" else DUTCH[0][1]
        assert expected in page.text and f'lang="{panelist["language"]}"' in page.text
    assert len(outbox_rows(live)) == 24


def test_reminders_only_to_those_who_have_not_answered_through_an_outage(world, inbox,
                                                                         smtp_port):
    live = world["live"]
    panelists = live.delphi["panelists"]
    done = panelists[::3] + panelists[1:4]  # both panels, both languages
    half = panelists[-1]  # answers one statement of three: still reminded
    for panelist in done + [half]:
        page = requests.Session()
        html = page.get(f"{live.url}/d/{panelist['token']}", timeout=10).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        for sid in live.delphi["statements"][:1 if panelist is half else 3]:
            r = page.post(f"{live.url}/d/{panelist['token']}/answer", timeout=10,
                          headers={"X-CSRFToken": token},
                          json={"statement": sid, "ratings": {"desirability": 4},
                                "cid": f"{panelist['token'][:8]}-{sid}"})
            assert r.json()["ok"], r.text

    world["smtp"].stop()
    try:
        http = live.login()
        console_post(live, http, "/mail", action="remind", cid="remind-1")
        # A generous read timeout: on a loaded machine the console page can take seconds.
        wait_until(lambda: "could not be sent" in http.get(
            f"{live.url}/console/delphi/{live.delphi['study']}", timeout=60).text,
            what="the failure on the console")
    finally:  # the module's other tests and its teardown need the SMTP server back
        world["smtp"] = start_smtp(inbox, smtp_port)

    reminders = ("Herinnering", "Rappel")
    expected = {p["email"] for p in panelists} - {p["email"] for p in done}
    wait_until(lambda: len(inbox.of_kind(reminders)) >= len(expected), what="reminders")
    wait_until(lambda: all(s == "sent" for _k, s, _p in outbox_rows(live)), what="all sent")
    received = inbox.of_kind(reminders)
    assert sorted(r[0] for r, _m in received) == sorted(expected)
    assert [half["email"]] in [r for r, _m in received]


def test_addresses_never_leave_and_can_be_deleted(world):
    live = world["live"]
    http = live.login()
    study = live.delphi["study"]
    links = http.get(f"{live.url}/console/delphi/{study}/links.csv", timeout=10).text
    assert links.count("/d/") == 24 and "@example.org" not in links
    console_post(live, http, "/addresses/delete")
    path = live.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM delphi_contacts").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM delphi_panelists").fetchone() == (24,)
