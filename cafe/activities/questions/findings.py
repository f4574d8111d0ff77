"""What questions from the room contribute to a neighbourhood analysis: each question the room
saw, with its upvotes and whether it was answered. Plain data in and out (no Flask).

Unanswered questions are ticked and go to the report's "Open questions"; answered ones are
offered but not ticked (the evening answered them)."""

GROUP = "questions"


def findings(results: dict, prefix: str) -> list[dict]:
    out = []
    for n, question in enumerate((results or {}).get("questions") or []):
        if not question.get("text"):
            continue
        out.append({
            "key": f"{prefix}:q{question['id']}", "group": GROUP, "section": "question",
            "text": question["text"], "block": None, "position": n,
            "detail": {"votes": question.get("votes", 0),
                       "answered": bool(question.get("answered")),
                       "merged": question.get("merged", 0)},
            "default": not question.get("answered"),
        })
    return out
