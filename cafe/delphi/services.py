"""Delphi studies: panels, statements, rounds, answers, statistics and the summary."""

import secrets
from datetime import UTC

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.delphi.models import Answer, Panel, Panelist, Round, Statement, Study, Submission
from cafe.domain.control_chars import clean as clean_text
from cafe.domain.delphi_stats import Rules, classify, describe, stability
from cafe.domain.texts import localized
from cafe.extensions import db
from cafe.models import utcnow

MAX_ARGUMENT = 1000
STANCES = ("", "for", "against")


def create_study(facilitator, title: str, language: str, panels: list[str],
                 statements: list[tuple[str, str]], scales=None, rules=None) -> Study:
    title = " ".join((title or "").split())
    if not title or len(title) > 200:
        raise Refusal("invalid", _l("Please give the study a title (at most 200 characters)."))
    study = Study(facilitator_id=facilitator.id, title=title, language=language,
                  rules=rules or {}, **({"scales": scales} if scales else {}))
    db.session.add(study)
    for name in panels or ["Panel"]:
        study.panels.append(Panel(name=name[:120]))
    for position, (theme, text) in enumerate(statements):
        study.statements.append(_statement(theme, text, language, position))
    db.session.flush()
    return study


def _statement(theme: str, text, language: str, position: int) -> Statement:
    """A text is a string in the study's language or {lang: text} (cafe.domain.texts)."""
    versions = {} if isinstance(text, str) else {k: v[:2000] for k, v in text.items() if v}
    main = localized(text, language, language)[:2000]
    return Statement(theme=theme[:120], text=main, position=position,
                     translations={k: v for k, v in versions.items() if k != language})


def seed_from_results(study: Study, results: dict, theme: str = "", limit: int = 10) -> int:
    """Round 0: the priorities of a café session become the study's statements."""
    rows = (results or {}).get("ranking", [])[:limit]
    start = len(study.statements)
    for offset, row in enumerate(rows):
        study.statements.append(Statement(theme=theme, text=row["text"][:2000],
                                          position=start + offset))
    db.session.flush()
    return len(rows)


def add_panelists(study: Study, panel_id: int, count: int, language: str | None = None):
    panel = next((p for p in study.panels if p.id == panel_id), None)
    if panel is None:
        raise Refusal("not_found", _l("This panel does not exist."))
    if not 1 <= count <= 500:
        raise Refusal("invalid", _l("Add between 1 and 500 panelists at a time."))
    made = []
    existing = db.session.scalar(select(db.func.count()).select_from(Panelist)
                                 .where(Panelist.panel_id == panel.id)) or 0
    for n in range(count):
        panelist = Panelist(study_id=study.id, panel_id=panel.id,
                            token=secrets.token_urlsafe(24),
                            label=f"{panel.name} {existing + n + 1}",
                            language=language or study.language)
        db.session.add(panelist)
        made.append(panelist)
    db.session.flush()
    return made


def panelist_for(token: str) -> Panelist | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(Panelist).where(Panelist.token == token))


def open_round(study: Study, now=None) -> Round:
    now = now or utcnow()
    for previous in study.rounds:
        if previous.closes_at is None or _aware(previous.closes_at) > now:
            previous.closes_at = now
    new = Round(study_id=study.id, number=len(study.rounds) + 1, opens_at=now)
    study.rounds.append(new)
    db.session.flush()
    return new


def close_round(study: Study, now=None) -> None:
    now = now or utcnow()
    current = current_round(study, now)
    if current is not None:
        current.closes_at = now
        db.session.flush()


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def current_round(study: Study, now=None) -> Round | None:
    now = now or utcnow()
    for candidate in reversed(study.rounds):
        if _aware(candidate.opens_at) <= now and (
            candidate.closes_at is None or _aware(candidate.closes_at) > now
        ):
            return candidate
    return None


def save_answer(panelist: Panelist, study: Study, statement_id: int, ratings: dict,
                no_opinion: bool, argument: str, cid: str,
                stance: str = "") -> tuple[Answer, bool]:
    """Returns the answer and whether it was a replay (answered before, left as it was)."""
    if panelist.study_id != study.id:
        raise Refusal("forbidden", _l("This link belongs to another study."))
    if panelist.withdrawn_at is not None:
        raise Refusal("closed", _l("You have withdrawn from this study."))
    round_ = current_round(study)
    if round_ is None:
        raise Refusal("closed", _l("No round is open right now. Your earlier answers are kept."))
    statement = next((s for s in study.statements if s.id == statement_id), None)
    if statement is None:
        raise Refusal("not_found", _l("This statement does not exist."))
    if not cid or len(cid) > 64:
        raise Refusal("invalid", _l("The request was not understood."))
    if db.session.scalar(select(Submission).where(Submission.panelist_id == panelist.id,
                                                  Submission.cid == cid)):
        answer = db.session.scalar(select(Answer).where(
            Answer.round_id == round_.id, Answer.panelist_id == panelist.id,
            Answer.statement_id == statement.id))
        return answer, True
    clean = {}
    if not no_opinion:
        for scale in study.scales:
            value = ratings.get(scale)
            if value in (None, ""):
                continue
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise Refusal("invalid", _l("Please choose a value from 1 to 5.")) from None
            if not 1 <= number <= 5:
                raise Refusal("invalid", _l("Please choose a value from 1 to 5."))
            clean[scale] = number
    argument = clean_text(argument if isinstance(argument, str) else "").strip()
    if stance not in STANCES:
        raise Refusal("invalid", _l("The request was not understood."))
    if len(argument) > MAX_ARGUMENT:
        raise Refusal("invalid", _l("This text is too long (at most %(max)s characters).",
                                    max=MAX_ARGUMENT))
    answer = db.session.scalar(select(Answer).where(
        Answer.round_id == round_.id, Answer.panelist_id == panelist.id,
        Answer.statement_id == statement.id))
    if answer is None:
        answer = Answer(round_id=round_.id, panelist_id=panelist.id, statement_id=statement.id)
        db.session.add(answer)
    answer.ratings, answer.no_opinion, answer.argument = clean, bool(no_opinion), argument
    answer.stance = stance if argument else ""
    db.session.add(Submission(panelist_id=panelist.id, cid=cid))
    db.session.flush()
    return answer, False


def _answers(round_: Round) -> list[tuple[Answer, Panelist]]:
    return db.session.execute(
        select(Answer, Panelist).join(Panelist, Answer.panelist_id == Panelist.id)
        .where(Answer.round_id == round_.id)
    ).all()


def has_answers(round_: Round) -> bool:
    return db.session.scalar(select(Answer.id).where(Answer.round_id == round_.id)
                             .limit(1)) is not None


def rules_of(study: Study) -> Rules:
    return Rules(**{k: v for k, v in (study.rules or {}).items()
                    if k in Rules.__dataclass_fields__})


def round_stats(study: Study, round_: Round) -> dict:
    """{statement id: {"all": {scale: stats}, "panels": {panel name: {scale: stats}}}}"""
    rules = rules_of(study)
    rows = _answers(round_)
    panels = {p.id: p.name for p in study.panels}
    out = {}
    for statement in study.statements:
        mine = [(a, p) for a, p in rows if a.statement_id == statement.id]
        entry = {"all": {}, "panels": {}, "arguments": [
            {"text": a.argument, "stance": a.stance or ""} for a, _ in mine if a.argument]}
        for scale in study.scales:
            entry["all"][scale] = describe([a.ratings.get(scale) for a, _ in mine
                                            if not a.no_opinion], rules)
            for panel_id, name in panels.items():
                entry["panels"].setdefault(name, {})[scale] = describe(
                    [a.ratings.get(scale) for a, p in mine
                     if p.panel_id == panel_id and not a.no_opinion], rules)
        primary = entry["all"][study.scales[0]]
        entry["classification"] = classify(primary, rules)
        out[statement.id] = entry
    return out


def summary(study: Study) -> dict:
    """Consensus, dissent and undecided statements with their arguments, from the last round
    that has answers; stability against the round before."""
    rounds = [r for r in study.rounds if _answers(r)]
    if not rounds:
        return {"round": None, "statements": []}
    last = rounds[-1]
    stats = round_stats(study, last)
    previous = round_stats(study, rounds[-2]) if len(rounds) > 1 else None
    statements = []
    for statement in study.statements:
        entry = stats[statement.id]
        item = {"id": statement.id, "theme": statement.theme, "text": statement.text,
                "classification": entry["classification"], "arguments": entry["arguments"],
                "overall": entry["all"], "panels": entry["panels"]}
        if previous is not None:
            scale = study.scales[0]
            before, after = previous[statement.id]["all"][scale], entry["all"][scale]
            if before["n"] and after["n"]:
                item["stability"] = {"median_change": after["median"] - before["median"],
                                     "iqr_change": after["iqr"] - before["iqr"],
                                 "previous_distribution": before.get("distribution") or {}}
        statements.append(item)
    return {"round": last.number, "statements": statements, "answered": answered(study, last),
            "response": response(study)}


def response(study: Study) -> list[dict]:
    """Per round, each panel's panelists and how many of them answered: the report's response
    chart. The panel's size is today's, so a panelist added later counts in every round."""
    sizes = dict(db.session.execute(
        select(Panelist.panel_id, func.count()).where(Panelist.study_id == study.id)
        .group_by(Panelist.panel_id)).all())
    out = []
    for round_ in study.rounds:
        counts = answered(study, round_)
        out.append({"round": round_.number,
                    "panels": [{"name": panel.name, "answered": counts.get(panel.name, 0),
                                "size": sizes.get(panel.id, 0)} for panel in study.panels]})
    return out


def answered(study: Study, round_: Round) -> dict[str, int]:
    """Panelists who answered anything in the round (a rating or "no opinion"), per panel."""
    people = {p.id: p.panel_id for _, p in _answers(round_)}
    return {panel.name: sum(1 for panel_id in people.values() if panel_id == panel.id)
            for panel in study.panels}


def answered_count(study: Study, round_: Round | None, panelist: Panelist) -> int:
    """Statements this panelist has rated or marked "no opinion" in the round."""
    if round_ is None:
        return 0
    rows = db.session.scalars(select(Answer).where(Answer.round_id == round_.id,
                                                   Answer.panelist_id == panelist.id))
    return sum(1 for a in rows if a.no_opinion or a.ratings)


def statement_text(statement: Statement, study: Study, language: str) -> str:
    return localized(statement.texts(study.language), language, study.language)


def previous_feedback(study: Study, panelist: Panelist, round_: Round) -> dict:
    """What round 2 shows a panelist: the group's distribution, their own earlier answer and
    the anonymised arguments, per statement."""
    earlier = [r for r in study.rounds if r.number < round_.number]
    if not earlier:
        return {}
    before = earlier[-1]
    stats = round_stats(study, before)
    own = {a.statement_id: a for a, p in _answers(before) if p.id == panelist.id}
    return {sid: {"stats": entry["all"], "arguments": entry["arguments"], "own": own.get(sid),
                  "synthesis": before.synthesis}
            for sid, entry in stats.items()}


__all__ = ["stability"]
