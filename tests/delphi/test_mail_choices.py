"""What a panelist and the facilitator can choose about Delphi e-mail (issue 27, items 10–13):
who a reminder goes to, said before it is sent; the Content-Language header; the one-click
stop link, withdrawing and the reminder limit; names pasted with addresses; the facilitator's
own texts with a preview."""

import re

import pytest

from cafe.core import Refusal
from cafe.delphi import contacts, mail, notices, outbox, services
from cafe.delphi.models import Contact, OutboxMessage, Panelist
from cafe.extensions import db
from cafe.models import utcnow


class FakeSMTP:
    def __init__(self, sent):
        self.sent = sent

    def send_message(self, message):
        self.sent.append(message)

    def quit(self):
        pass


@pytest.fixture
def sent(app, monkeypatch):
    box: list = []
    monkeypatch.setattr(mail, "connect", lambda config: FakeSMTP(box))
    app.config.update(MAIL_HOST="smtp.example.org", MAIL_FROM="Buurtcafé <d@example.org>",
                      MAIL_PER_MINUTE=1000, PUBLIC_URL="https://cafe.example.org")
    return box


@pytest.fixture
def study(app, facilitator):
    s = services.create_study(facilitator, "Delphi Noord", "nl", ["Buurt"],
                              [("", "Een buurtpunt"), ("", "Een autovrij plein")])
    text = ("Éloïse Dupont-Müller <eloise@example.org>\n"
            '"Dupont, Jean" <jean@example.org>; bob@example.org\n'
            "ann@example.org\ncarl@example.org\n")
    contacts.add_by_address(s, s.panels[0].id, "nl", contacts.parse_addresses(text),
                            ["nl", "fr"])
    db.session.commit()
    return s


def panelists(study):
    return {c.email: db.session.get(Panelist, c.panelist_id) for c in db.session.scalars(
        db.select(Contact).where(Contact.study_id == study.id))}


def deliver(app, sent) -> dict:
    outbox.deliver_due(app.config, "w")
    return {m["To"].addresses[0].addr_spec: m for m in sent}


def answer(study, panelist, statements):
    round_ = services.current_round(study)
    for n, statement in enumerate(study.statements[:statements]):
        services.save_answer(panelist, study, statement.id, {"desirability": 4}, False, "",
                             f"{panelist.id}-{round_.id}-{n}")
    db.session.commit()


def test_names_pasted_with_addresses_are_kept_for_the_greeting(app, study, sent, client, login):
    names = {c.email: c.name for c in db.session.scalars(db.select(Contact))}
    assert names == {"eloise@example.org": "Éloïse Dupont-Müller",
                     "jean@example.org": "Dupont, Jean", "bob@example.org": "",
                     "ann@example.org": "", "carl@example.org": ""}
    notices.invite(study, "", "example.org")
    db.session.commit()
    messages = deliver(app, sent)
    eloise = messages["eloise@example.org"]
    assert eloise["To"].addresses[0].display_name == "Éloïse Dupont-Müller"
    assert eloise.get_content().startswith("Hallo Éloïse Dupont-Müller,")
    assert messages["bob@example.org"].get_content().startswith("Hallo,")
    assert messages["bob@example.org"]["To"] == "bob@example.org"

    login(client)
    response = client.post(f"/console/delphi/{study.id}/addresses", data={
        "addresses": "Zoë Müller <zoe@example.org>\nnot an address <x>", "panel":
        study.panels[0].id, "language": "fr"}, follow_redirects=True)
    assert "Line 2 is not an e-mail address" in response.get_data(as_text=True)
    assert "zoe@example.org" not in panelists(study)
    joined = client.post(f"/console/delphi/{study.id}/addresses", data={
        "addresses": "Zoë Müller <zoe@example.org>", "panel": study.panels[0].id,
        "language": "fr"}, follow_redirects=True)
    assert "1 panelists added." in joined.get_data(as_text=True)
    assert db.session.scalar(db.select(Contact.name).where(
        Contact.email == "zoe@example.org")) == "Zoë Müller"
    with pytest.raises(Refusal) as refused:
        contacts.parse_addresses("a@example.org x")
    with app.test_request_context():
        assert "Regel 1 is geen e-mailadres" in str(refused.value.message)


def test_every_message_says_its_language(app, study, sent):
    panelists(study)["carl@example.org"].language = "fr"
    notices.invite(study, "", "example.org")
    db.session.commit()
    messages = deliver(app, sent)
    assert {m["Content-Language"] for m in messages.values()} == {"nl", "fr"}
    assert messages["carl@example.org"]["Content-Language"] == "fr"
    assert messages["carl@example.org"]["Subject"] == "Invitation : Delphi Noord"
    assert all(m["Content-Language"] for m in messages.values())


def test_the_one_click_stop_link_stops_the_mail(app, study, sent, client):
    notices.invite(study, "", "example.org")
    db.session.commit()
    message = deliver(app, sent)["ann@example.org"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(https://cafe\.example\.org(/d/stop/\S+))>",
                        message["List-Unsubscribe"])
    assert link and link.group(1) in message.get_content()
    path = link.group(2)
    ann = panelists(study)["ann@example.org"]
    assert ann.token not in path  # the stop link cannot answer for them

    app.config["WTF_CSRF_ENABLED"] = True  # the mail program's POST has no form token
    page = client.get(path)  # opening (or a scanner fetching) the link stops nothing
    assert page.status_code == 200 and "Stuur me geen e-mails meer" in page.get_data(True)
    assert db.session.scalar(db.select(Contact.stopped_at).where(
        Contact.panelist_id == ann.id)) is None
    assert client.post(path[:-3] + "abc", data="List-Unsubscribe=One-Click").status_code == 404
    stopped = client.post(path, data="List-Unsubscribe=One-Click",
                          content_type="application/x-www-form-urlencoded")
    assert stopped.status_code == 200
    assert "Je krijgt geen e-mails meer over deze studie." in stopped.get_data(as_text=True)
    assert client.post(path).status_code == 200  # a second click changes nothing

    services.open_round(study)
    notices.remind(study, services.current_round(study), "b1", "", "example.org")
    db.session.commit()
    sent.clear()
    assert "ann@example.org" not in deliver(app, sent)
    assert len(sent) == 4


def test_a_panelist_withdraws_on_their_page(app, study, sent, client):
    services.open_round(study)
    db.session.commit()
    bob = panelists(study)["bob@example.org"]
    page = client.get(f"/d/{bob.token}").get_data(as_text=True)
    assert "Uit deze studie stappen" in page
    client.post(f"/d/{bob.token}/withdraw", data={"action": "withdraw"})
    db.session.expire_all()
    assert db.session.get(Panelist, bob.id).withdrawn_at is not None
    refused = client.post(f"/d/{bob.token}/answer", json={
        "statement": study.statements[0].id, "ratings": {"desirability": 3}, "cid": "x1"})
    assert refused.status_code == 400
    assert refused.json["message"] == "Je hebt je teruggetrokken uit deze studie."
    notices.invite(study, "", "example.org")
    notices.remind(study, services.current_round(study), "b1", "", "example.org")
    db.session.commit()
    assert "bob@example.org" not in deliver(app, sent)
    client.post(f"/d/{bob.token}/withdraw", data={"action": "rejoin"})
    answered = client.post(f"/d/{bob.token}/answer", json={
        "statement": study.statements[0].id, "ratings": {"desirability": 3}, "cid": "x2"})
    assert answered.json["ok"]


def test_a_round_sends_at_most_the_set_number_of_reminders(app, study, sent, client, login):
    services.open_round(study)
    db.session.commit()
    round_ = services.current_round(study)
    queued = [notices.remind(study, round_, f"b{n}", "", "example.org") for n in range(4)]
    db.session.commit()
    assert queued == [5, 5, 0, 0]  # the default: 2 a round
    login(client)
    client.post(f"/console/delphi/{study.id}/mail-settings", data={"max_reminders": "3"})
    db.session.refresh(study)
    assert notices.remind(study, round_, "b5", "", "example.org") == 5
    refused = client.post(f"/console/delphi/{study.id}/mail-settings",
                          data={"max_reminders": "99"}, follow_redirects=True)
    assert "Give a number of reminders from 0 to 10." in refused.get_data(as_text=True)
    services.open_round(study)  # a new round: its own count
    assert notices.remind(study, services.current_round(study), "b1", "", "example.org") == 5


def test_the_console_shows_each_panelists_progress_and_who_a_reminder_reaches(
        app, study, sent, client, login):
    services.open_round(study)
    db.session.commit()
    people = panelists(study)
    answer(study, people["eloise@example.org"], 2)  # all
    answer(study, people["jean@example.org"], 1)  # partly
    people["carl@example.org"].withdrawn_at = utcnow()
    db.session.commit()
    login(client)
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert "Round 1: 1 answered every statement, 1 answered some, 3 not yet." in page
    rows = re.findall(r"<tr><td>(Buurt \d)</td>.*?<td>([^<]+)</td>\s*<td>[^<]+</td></tr>",
                      page, re.S)
    assert [state for _label, state in rows] == [
        "Answered all", "Answered some", "Not yet", "Not yet",
        "Withdrew"]
    expected = ("A reminder now goes to 3 panelists: 1 who answered some statements and 2 "
                "who answered none yet. Not to 0 without an address, 1 who stopped the "
                "e-mails or withdrew, 0 who already had 2 reminders this round.")
    assert expected in page
    client.post(f"/console/delphi/{study.id}/mail", data={"action": "remind", "cid": "c1"})
    reminded = {db.session.get(Contact, db.session.scalar(db.select(Contact.id).where(
        Contact.panelist_id == m.panelist_id))).email
        for m in db.session.scalars(db.select(OutboxMessage).where(
            OutboxMessage.kind == "reminder"))}
    assert reminded == {"jean@example.org", "bob@example.org", "ann@example.org"}


def test_the_facilitator_edits_the_texts_with_a_preview(app, study, sent, client, login):
    login(client)
    page = client.get(f"/console/delphi/{study.id}/mail-texts").get_data(as_text=True)
    assert 'placeholder="Je bent uitgenodigd' in page  # the product's own text, in Dutch
    own = "Beste buur, doe mee aan onze studie over het plein."
    preview = client.post(f"/console/delphi/{study.id}/mail-texts", data={
        "action": "preview", "text-invitation-nl": own, "text-reminder-fr": ""})
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Preview (not saved yet)" in body
    assert own in body and "Je bent uitgenodigd" not in body.split("<form")[0]
    assert "Rappel : Delphi Noord" in body  # the French reminder keeps the product's text
    db.session.expire_all()
    assert study.mail_settings is None  # a preview stores nothing
    too_long = client.post(f"/console/delphi/{study.id}/mail-texts", data={
        "action": "save", "text-invitation-nl": "x" * 2001})
    assert too_long.status_code == 400 and "x" * 2001 in too_long.get_data(as_text=True)
    client.post(f"/console/delphi/{study.id}/mail-texts", data={
        "action": "save", "text-invitation-nl": own})
    panelists(study)["carl@example.org"].language = "fr"
    notices.invite(study, "", "example.org")
    db.session.commit()
    messages = deliver(app, sent)
    dutch = messages["ann@example.org"].get_content()
    assert own in dutch and "Je persoonlijke link" in dutch and "/d/stop/" in dutch
    french = messages["carl@example.org"].get_content()
    assert own not in french and "Vous êtes invité" in french
