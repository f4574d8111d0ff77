"""The public "you said, we did" page of a neighbourhood: no login, only when the facilitator
published it, at an address with a random key. It shows what residents chose, the actions that
followed with their status history, and the indicators; nothing about who said what."""

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from sqlalchemy import select

from cafe.extensions import db
from cafe.neighbourhoods.models import Neighbourhood
from cafe.trajectory import exports, queries
from cafe.trajectory.labels import labels
from cafe.trajectory.models import PublicPage

bp = Blueprint("trajectory_public", __name__, url_prefix="/buurt")


def published(key: str) -> Neighbourhood:
    page = db.session.scalar(select(PublicPage).where(PublicPage.key == key))
    if page is None or not page.published:
        abort(404)
    return db.session.get(Neighbourhood, page.neighbourhood_id)


def link_for(hood_id: int) -> str | None:
    """The public page's address, if the neighbourhood published it (for a phone's recap)."""
    page = db.session.get(PublicPage, hood_id)
    if page is None or not page.published:
        return None
    return url_for("trajectory_public.page", key=page.key, _external=True)


def _languages() -> list[str]:
    return [lang for lang in current_app.config["LANGUAGES"] if lang in ("nl", "fr", "en")]


@bp.get("/<key>")
def page(key: str):
    hood = published(key)
    poster = request.args.get("poster") == "1"
    return render_template("trajectory/public.html", hood=hood, data=queries.trajectory(hood),
                           words=labels(), key=key, poster=poster, languages=_languages(),
                           by_status=queries.by_status)


@bp.get("/<key>/indicators/<int:indicator_id>.svg")
def chart(key: str, indicator_id: int):
    return exports.chart_response(published(key), indicator_id, "public, max-age=300")


@bp.get("/<key>/qr.svg")
def qr(key: str):
    published(key)
    image = qrcode.make(url_for("trajectory_public.page", key=key, _external=True),
                        image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2)
    out = io.BytesIO()
    image.save(out)
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
