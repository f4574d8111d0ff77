"""Delphi panelists' links stay in clear (the facilitator prints and sends them again), so what
protects them is tested here: 192 random bits, shown only to the study's owner, never cached,
never sent on as a referrer, gone with the study."""

from cafe.delphi.models import Panelist
from cafe.extensions import db
from tests.support.delphi import tokens


def test_pages_with_links_are_never_cached_and_only_the_owner_sees_them(study, app, client,
                                                                        login, other_facilitator):
    stranger = login(app.test_client(), other_facilitator.username)
    owner = login(client)
    for path in (f"/console/delphi/{study.id}/links.csv", f"/console/delphi/{study.id}/links"):
        answer = owner.get(path)
        assert answer.status_code == 200
        assert "no-store" in answer.headers["Cache-Control"]
        assert next(iter(tokens(study))) in answer.get_data(as_text=True)
        assert stranger.get(path).status_code == 404


def test_tokens_are_long_random_and_not_sent_on(study, client):
    all_tokens = list(tokens(study))
    assert len(set(all_tokens)) == len(all_tokens) == 24
    assert all(len(t) >= 32 for t in all_tokens)  # token_urlsafe(24): 192 random bits
    page = client.get(f"/d/{all_tokens[0]}")
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    # One character changed (never to the one it was: a token may end in "x" itself).
    changed = all_tokens[0][:-1] + ("y" if all_tokens[0].endswith("x") else "x")
    assert client.get("/d/" + changed).status_code == 404


def test_deleting_the_study_deletes_the_tokens(study):
    db.session.delete(study)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Panelist)) == 0
