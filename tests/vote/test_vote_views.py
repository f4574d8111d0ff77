"""The vote's templates and assets are part of every live page."""

from cafe.extensions import db
from cafe.sessions.services import create_session


def test_pages_carry_the_vote_templates_and_assets(app, client, login, join, facilitator):
    session = create_session(facilitator, "Prio", "en")
    db.session.commit()  # services flush; the caller commits
    pages = {
        "console": login(client).get(f"/console/sessions/{session.id}"),
        "projector": client.get(f"/p/{session.code}?key={session.projector_key}"),
    }
    phone = app.test_client()
    token = join(session.code)
    phone.set_cookie(f"cafe_p_{session.code}", token)
    # A phone's page carries the kinds it shows now; the others come as a part when an
    # activity of theirs opens (the page names the part's and the assets' addresses).
    pages["phone"] = phone.get(f"/s/{session.code}")
    part = phone.get(f"/s/{session.code}/kinds/vote")
    for audience, response in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code == 200, audience
        assert "/kinds/vote/static/vote.js" in html and "/kinds/vote/static/vote.css" in html
        if audience == "phone":
            assert part.status_code == 200
            html = part.get_data(as_text=True)
        assert f'id="tpl-vote-{audience}"' in html
        assert 'id="tpl-vote-result-row"' in html and 'id="tpl-vote-plot"' in html
        assert "vote_dots_left" in html  # the JS strings, translated
    for asset in ("vote.js", "vote.css"):
        assert client.get(f"/kinds/vote/static/{asset}").status_code == 200
