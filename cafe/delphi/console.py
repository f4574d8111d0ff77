"""What the facilitator's study page shows beyond the tables: charts and response rates."""

from datetime import UTC

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select

from cafe.delphi import labels, services
from cafe.delphi.models import Answer, Panelist, Study
from cafe.domain.delphi_charts import distribution_chart, response_chart, response_curve
from cafe.extensions import db
from cafe.models import utcnow


def charts(study: Study) -> dict:
    """{statement id: SVG}: the first scale's distribution per panel, every round with
    answers one under the other, so round 1 and round 2 can be compared."""
    rounds = [(r, services.round_stats(study, r)) for r in study.rounds
              if services.has_answers(r)]
    if not rounds or not study.scales:
        return {}
    scale = study.scales[0]
    out = {}
    for statement in study.statements:
        rows = []
        for panel in study.panels:
            for round_, stats in rounds:
                entry = stats[statement.id]["panels"].get(panel.name, {}).get(scale, {})
                rows.append((_("%(panel)s, round %(n)s", panel=panel.name, n=round_.number),
                             entry.get("distribution") or {}))
        title = _("%(scale)s: %(statement)s", scale=labels.name(scale),
                  statement=statement.text)
        out[statement.id] = distribution_chart(title, rows, (str(labels.ENDS[0]),
                                                             str(labels.ENDS[1])),
                                               f"chart-{statement.id}")
    return out


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def response_rates(study: Study, max_days: int = 14) -> list[dict]:
    """Per round and panel, the share who had answered by the end of each day."""
    sizes = dict(db.session.execute(
        select(Panelist.panel_id, func.count()).where(Panelist.study_id == study.id)
        .group_by(Panelist.panel_id)).all())
    out = []
    for round_ in study.rounds:
        opened = _aware(round_.opens_at)
        end = _aware(round_.closes_at) if round_.closes_at else utcnow()
        days = max(1, min(max_days, int((end - opened).total_seconds() // 86400) + 1))
        firsts = db.session.execute(
            select(Panelist.panel_id, func.min(Answer.updated_at))
            .join(Panelist, Panelist.id == Answer.panelist_id)
            .where(Answer.round_id == round_.id).group_by(Answer.panelist_id,
                                                          Panelist.panel_id)).all()
        panels = []
        for panel in study.panels:
            moments = [_aware(m) for pid, m in firsts if pid == panel.id]
            panels.append({"name": panel.name, "size": sizes.get(panel.id, 0),
                           "answered": len(moments),
                           "shares": response_curve(opened, moments, sizes.get(panel.id, 0),
                                                    days)})
        out.append({"number": round_.number, "days": days, "panels": panels})
    return out


def response_bars(rates: list[dict]) -> Markup | None:
    """The response rates' last day as bars, per round and panel (the table has every day)."""
    groups = [(_("Round %(n)s", n=r["number"]),
               [(p["name"], p["answered"], p["size"]) for p in r["panels"] if p["size"]])
              for r in rates]
    groups = [(label, bars) for label, bars in groups if bars]
    if not groups:
        return None
    return response_chart(_("Response rate per round and panel"), groups, "response-chart")
