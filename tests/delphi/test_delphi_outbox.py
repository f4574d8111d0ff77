"""The outbox without a network: what each message says, the rate limit, failures, and what
happens to mail when an address is deleted. The real SMTP exchange is in test_delphi_mail."""

from datetime import timedelta

import pytest

from cafe.delphi import contacts, mail, notices, outbox, schedule, services
from cafe.delphi.models import OutboxMessage
from cafe.extensions import db
from cafe.models import utcnow


class FakeSMTP:
    def __init__(self, sent, fail=False):
        self.sent, self.fail = sent, fail

    def send_message(self, message):
        if self.fail:
            raise ConnectionRefusedError(111, "Connection refused")
        self.sent.append(message)

    def quit(self):
        pass


@pytest.fixture
def sent(monkeypatch):
    box = {"messages": [], "fail": False}
    monkeypatch.setattr(mail, "connect",
                        lambda config: FakeSMTP(box["messages"], box["fail"]))
    return box


@pytest.fixture
def config(app):
    app.config.update(MAIL_HOST="smtp.example.org", MAIL_FROM="Buurtcafé <d@example.org>",
                      MAIL_PER_MINUTE=1000, PUBLIC_URL="https://cafe.example.org")
    return app.config


@pytest.fixture
def study(app, facilitator):
    s = services.create_study(facilitator, "Delphi Noord", "nl", ["Partners", "Buurt"],
                              [("", "Een buurtpunt"), ("", "Een autovrij plein")])
    for n, panel in enumerate(s.panels):
        contacts.add_by_address(s, panel.id, ("nl", "fr")[n],
                                [f"p{n}{i}@example.org" for i in range(4)], ["nl", "fr"])
    db.session.commit()
    return s


def test_a_new_round_notice_in_french_with_the_closing_date(study, client, login, config,
                                                            sent):
    login(client)
    client.post(f"/console/delphi/{study.id}/rounds", data={"action": "open"})
    assert {m.kind for m in db.session.scalars(db.select(OutboxMessage))} == {"invitation"}
    schedule.add(study, "close", utcnow() + timedelta(days=10))
    db.session.commit()
    client.post(f"/console/delphi/{study.id}/rounds", data={"action": "open"})
    kinds = [m.kind for m in db.session.scalars(db.select(OutboxMessage))]
    assert kinds.count("invitation") == 8 and kinds.count("round_open") == 8
    assert outbox.deliver_due(config, "w") == 16
    french = [m for m in sent["messages"] if m["Subject"].startswith("Un nouveau tour")]
    assert len(french) == 4
    body = french[0].get_content()
    assert "Le tour 2 de l’étude « Delphi Noord » est ouvert." in body
    assert "Merci de répondre avant le" in body
    assert "https://cafe.example.org/d/" in body


def test_the_rate_limit_holds_across_calls(study, config, sent):
    config["MAIL_PER_MINUTE"] = 5
    notices.invite(study, "", "example.org")
    db.session.commit()
    assert outbox.deliver_due(config, "w1") == 5
    assert outbox.deliver_due(config, "w2") == 0  # the same minute, another process
    later = utcnow() + timedelta(minutes=2)
    assert outbox.deliver_due(config, "w2", now=later) == 3
    assert len(sent["messages"]) == 8


def test_failures_are_kept_retried_and_finally_given_up(study, client, login, config, sent):
    config.update(MAIL_MAX_ATTEMPTS=2, MAIL_RETRY_SECONDS=60)
    notices.invite(study, "", "example.org")
    db.session.commit()
    sent["fail"] = True
    assert outbox.deliver_due(config, "w") == 0  # stops at the first failure
    failed = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.last_error != "")).all()
    assert len(failed) == 1 and failed[0].status == "queued"
    assert outbox.deliver_due(config, "w", now=utcnow() + timedelta(seconds=30)) == 0
    login(client)
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert "ConnectionRefusedError" in page and "attempt 1" in page
    outbox.deliver_due(config, "w", now=utcnow() + timedelta(minutes=2))
    db.session.expire_all()
    assert db.session.get(OutboxMessage, failed[0].id).status == "failed"
    sent["fail"] = False
    assert outbox.deliver_due(config, "w", now=utcnow() + timedelta(hours=1)) == 7


def test_deleting_addresses_cancels_what_is_not_sent(study, client, login, config, sent):
    notices.invite(study, "", "example.org")
    db.session.commit()
    login(client)
    client.post(f"/console/delphi/{study.id}/addresses/delete")
    assert outbox.deliver_due(config, "w") == 0 and sent["messages"] == []
    assert {m.status for m in db.session.scalars(db.select(OutboxMessage))} == {"cancelled"}


def test_a_message_that_cannot_be_written_does_not_block_the_others(study, config, sent):
    notices.invite(study, "", "example.org")
    db.session.commit()
    first = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).first()

    def render(cfg, row, address):
        if row.id == first.id:
            raise KeyError("broken template")
        return mail.render(cfg, row, address)

    assert outbox.deliver_due(config, "w", render=render) == 7
    db.session.expire_all()
    broken = db.session.get(OutboxMessage, first.id)
    assert broken.status == "queued" and "broken template" in broken.last_error
