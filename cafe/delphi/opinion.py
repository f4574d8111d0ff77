"""Opinion groups in a Delphi round: the panelists as participants, their ratings on the first
scale as votes (4–5 agree, 1–2 disagree, 3 or "no opinion" pass), analysed as the statements
activity is (cafe.domain.opinion). Shown on the study's facilitator page only: a Delphi panel
is small, so no group under five panelists is formed, and no panelist is named or placed."""

from cafe.delphi.models import Round, Study
from cafe.delphi.services import _answers
from cafe.domain import opinion
from cafe.live.offload import offload


def round_opinion(study: Study, round_: Round | None) -> dict | None:
    """The public analysis of a round with the statements' texts; None without answers."""
    if round_ is None or not study.scales:
        return None
    scale = study.scales[0]
    ratings = []
    for answer, panelist in _answers(round_):
        value = None if answer.no_opinion else (answer.ratings or {}).get(scale)
        ratings.append((panelist.id, answer.statement_id, 3 if value is None else value))
    if not ratings:
        return None
    # With its chance baseline the analysis takes up to a second: off the event loop.
    result = opinion.public(offload(opinion.analyse, opinion.from_ratings(ratings)))
    texts = {s.id: s.text for s in study.statements}
    letters = [g["label"] for g in result["groups"]]

    def shares(values, percent=True):
        shown = [f"{round(v * 100)}%" if percent else f"{round(v * 100):+d}" for v in values]
        return " · ".join(f"{g} {v}" for g, v in zip(letters, shown, strict=False)) or (
            shown[0] if shown else "")

    for row in result["consensus"]:
        row["shares"] = shares(row["groups"])
    for row in result["divisive"]:
        row["shares"] = shares(row["groups"], percent=False)
    for group in result["groups"]:
        group["representative"] = [{**r, "text": texts.get(r["statement"], "")}
                                   for r in group["representative"]]
    for key in ("consensus", "divisive"):
        result[key] = [{**r, "text": texts.get(r["statement"], "")} for r in result[key]]
    return result
