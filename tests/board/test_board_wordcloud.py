"""The word cloud: a 1280x720 PNG of the wall's cards, served to the projector, cached."""

import io
from pathlib import Path

import pytest
from PIL import Image

from cafe.activities.board import wordcloud
from cafe.activities.board.models import Card
from cafe.extensions import db
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session

WORDS = ("groen", "bankjes", "eenzaamheid", "verlichting", "buurthuis", "speelplein",
         "mobiliteit", "ontmoeting", "zorg", "vrijwilligers", "jongeren", "senioren")


def texts(n):
    return [f"Meer {WORDS[i % len(WORDS)]} en {WORDS[(i * 7 + 3) % len(WORDS)]} in de wijk"
            for i in range(n)]


def png_size(data: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.size


def test_renders_200_cards_at_projector_size():
    image = Image.open(io.BytesIO(wordcloud.render(texts(200))))
    assert image.format == "PNG" and image.size == (1280, 720)
    # Not a blank image: some pixels are ink, most are the white background.
    colours = image.convert("L").getcolors(maxcolors=256 * 256)
    dark = sum(n for n, level in colours if level < 128)
    assert 0 < dark < 1280 * 720 / 2


def test_no_words_gives_a_blank_image_of_the_same_size():
    data = wordcloud.render(["de het een", ""])
    image = Image.open(io.BytesIO(data))
    assert image.size == (1280, 720)
    assert image.convert("L").getextrema() == (255, 255)


@pytest.fixture
def board(app, facilitator):
    from cafe.activities import registry

    plan = load_plan(available_plans()["burning-platform"], registry.all_kinds())
    session = create_session(facilitator, plan.title, "en", plan)
    db.session.commit()  # services flush; the caller commits
    activity = next(a for a in session.activities if a.kind == "board")
    for n, text in enumerate(texts(200)):
        db.session.add(Card(activity_id=activity.id, session_id=session.id, text=text,
                            type="need" if n % 2 else "talent", status="visible"))
    db.session.add(Card(activity_id=activity.id, session_id=session.id, text="Geheimwoord",
                        status="hidden"))
    db.session.commit()
    wordcloud.cache().forget(activity.id)
    return session, activity


def url(session, activity, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/p/{session.code}/wordcloud/{activity.id}.png?{query}"


def test_projector_key_gets_the_png(client, board, app):
    session, activity = board
    response = client.get(url(session, activity, key=session.projector_key))
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert png_size(response.data) == (1280, 720)
    digest = response.headers["ETag"].strip('"')
    # Stored on disk in the instance folder, so other processes of this machine reuse it.
    stored = list((Path(app.instance_path) / "wordclouds").glob(f"{activity.id}-*.png"))
    assert [p.name for p in stored] == [f"{activity.id}-{digest}.png"]
    again = client.get(url(session, activity, key=session.projector_key, v=digest))
    assert again.data == response.data
    assert "max-age" in again.headers["Cache-Control"]


def test_the_owner_may_look_and_strangers_may_not(client, board, login, app):
    session, activity = board
    assert client.get(url(session, activity)).status_code == 403
    assert client.get(url(session, activity, key="wrong")).status_code == 403
    owner = login(app.test_client())
    assert owner.get(url(session, activity)).status_code == 200


def test_another_facilitator_is_refused(board, login, app, other_facilitator):
    session, activity = board
    other = login(app.test_client(), "bert")
    assert other.get(url(session, activity)).status_code == 403


def test_a_board_of_another_session_is_not_found(client, board, facilitator):
    session, activity = board
    elsewhere = create_session(facilitator, "Elders", "en")
    db.session.commit()  # services flush; the caller commits
    assert client.get(url(elsewhere, activity, key=elsewhere.projector_key)).status_code == 404


def test_a_new_card_is_rendered_only_after_the_interval(client, board, app):
    session, activity = board
    app.config["WORDCLOUD_INTERVAL"] = 600
    first = client.get(url(session, activity, key=session.projector_key))
    assert first.status_code == 200
    db.session.add(Card(activity_id=activity.id, session_id=session.id, text="Nieuw",
                        status="visible"))
    db.session.commit()
    soon = client.get(url(session, activity, key=session.projector_key))
    assert soon.status_code == 429 and int(soon.headers["Retry-After"]) > 0
    # What was rendered before is still served from the cache.
    db.session.query(Card).filter_by(text="Nieuw").delete()
    db.session.commit()
    assert client.get(url(session, activity, key=session.projector_key)).data == first.data
