"""What questions look like to the phones, the projector and the console."""

from collections import Counter

from cafe.activities.questions import queries, ranking
from cafe.activities.questions.settings import QuestionsSettings


def _common(activity) -> dict:
    conf = QuestionsSettings.of(activity)
    return {"moderation": conf.moderation, "max_length": conf.max_length,
            "allow_names": conf.allow_names, "sort": conf.sort}


def _row(question, counts: dict[int, int]) -> dict:
    return {"id": question.id, "text": question.text, "name": question.name,
            "votes": counts.get(question.id, 0), "answered": question.answered,
            "pinned": question.pinned}


def view(activity, audience: str) -> dict:
    data = _common(activity)
    all_questions = queries.questions(activity)
    counts = queries.tally(activity, all_questions)
    shown = [q for q in all_questions if q.status == "visible"]
    if audience == "phone":
        # The upvotes travel apart (`votes`): an upvote then sends phones only that (tally).
        data["questions"] = [
            {"id": q.id, "text": q.text, "name": q.name, "answered": q.answered,
             "pinned": q.pinned}
            for q in shown
        ]
        data["votes"] = _votes(counts, shown)
        return data
    if audience == "projector":
        rows = ranking.order([_row(q, counts) for q in shown if not q.answered], "votes")
        data["pinned"] = next((r for r in rows if r["pinned"]), None)
        data["questions"] = [r for r in rows if not r["pinned"]]
        data["answered"] = sum(1 for q in shown if q.answered)
        return data
    chain = queries.ends(all_questions)
    merged = Counter(chain.values())
    data["questions"] = [
        {**_row(q, counts), "status": q.status, "merged_into": chain.get(q.id),
         "merged": merged.get(q.id, 0)}
        for q in all_questions
    ]
    data["counts"] = dict(Counter(q.status for q in all_questions))
    return data


def _votes(counts: dict[int, int], shown) -> dict[str, int]:
    return {str(q.id): counts.get(q.id, 0) for q in shown}


def tally(activity) -> dict:
    """The part of the phone view an upvote changes."""
    all_questions = queries.questions(activity)
    shown = [q for q in all_questions if q.status == "visible"]
    return {"votes": _votes(queries.tally(activity, all_questions), shown)}


def private_view(activity, participant_id: int) -> dict:
    """A participant's own questions (with their status), the ones they upvoted, and how many
    more they may ask."""
    conf = QuestionsSettings.of(activity)
    own = queries.own(activity, participant_id)
    return {
        "own": [{"id": q.id, "text": q.text, "name": q.name, "status": q.status,
                 "answered": q.answered}
                for q in reversed(own)],
        "voted": sorted(queries.voted(activity, participant_id)),
        "remaining": max(conf.max_questions_per_participant - len(own), 0),
    }
