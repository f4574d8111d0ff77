"""Sizes and build times of the questions views for N questions from M people, each question
upvoted unevenly (up to M). Not a test: `python -m tests.questions.bench_views 40 100`.

Prints each audience's view size (what one message carries to each screen or phone) and how
long it took to build, the phone's tally patch after an upvote, and one private view."""

import json
import os
import sys
import tempfile
import time

from cafe import create_app
from cafe.activities import registry
from cafe.activities.questions import services, views
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.participants.services import join
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session


def timed(build):
    start = time.perf_counter()
    value = build()
    return len(json.dumps(value, separators=(",", ":"))), (time.perf_counter() - start) * 1000


def main(questions: int, people: int) -> None:
    folder = tempfile.mkdtemp()
    os.environ["CAFE_INSTANCE_PATH"] = folder
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "SECRET_KEY": "bench",
                      "DATABASE_URL": f"sqlite:///{folder}/bench.db"})
    with app.app_context():
        db.create_all()
        session = create_session(create_facilitator("anna", "correct horse battery", "en"),
                                 "Bench", "nl")
        act = Activity(position=0, kind="questions", title="Vragen", status="open",
                       settings=registry.get("questions").validate_settings(
                           {"max_questions_per_participant": 100}))
        session.activities.append(act)
        db.session.flush()
        ids = [join(session, name=None)[0].id for _ in range(people)]
        asked = [services.ask(act, ids[n % people], f"Vraag {n}: wanneer gaat het buurthuis "
                              "weer open en wie beslist dat?", None, True)[0]
                 for n in range(questions)]
        votes = 0
        for n, question in enumerate(asked):
            for who in ids[: (n * 7) % people]:
                services.upvote(act, who, question, True)
                votes += 1
        db.session.commit()
        print(f"{questions} questions, {people} people, {votes} upvotes")
        for audience in ("phone", "projector", "console"):
            size, ms = timed(lambda a=audience: views.view(act, a))
            print(f"  {audience} view: {size} bytes, {ms:.1f} ms")
        size, ms = timed(lambda: views.tally(act))
        print(f"  phone tally patch: {size} bytes, {ms:.1f} ms")
        size, ms = timed(lambda: views.private_view(act, ids[0]))
        print(f"  private view: {size} bytes, {ms:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40,
         int(sys.argv[2]) if len(sys.argv) > 2 else 100)
