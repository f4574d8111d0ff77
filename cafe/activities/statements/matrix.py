"""The vote matrix of a statements activity, kept up to date as votes arrive instead of
reading every vote again for each analysis (issue 29: 750,000 votes took longer to read and
arrange than to analyse).

`VoteMatrix` holds every vote of the activity (hidden statements too: they only leave the
analysis, `arrays`) as one int8 per cell, -128 where nobody voted: 5,000 people × 500
statements are 2.5 MB. It is rebuilt from the database when missing (start, evicted from the
per-app cache) or when it no longer adds up; otherwise `refresh` reads only the votes changed
since the last read (an index on activity and time), a few seconds back so that a transaction
that stamped its vote earlier but committed later is still seen. Whether it adds up is checked
on each refresh against the stored count: a withdrawal (or anything else deleted) shows there,
and then it is rebuilt. Votes cast through another process are in the database like any other,
so the matrix is the votes as stored whichever process took them. Plain data: no Flask; the
caller passes a connection. `arrays` gives exactly what `cafe.domain.opinion.matrix` would.
"""

from datetime import timedelta

import numpy as np
from sqlalchemy import bindparam, func, select

from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.domain.opinion_stats import AGREE, DISAGREE, PASS

MISSING = -128
# Votes changed this long before the newest one read are read again at the next refresh: a
# transaction that stamped its vote earlier but committed later is still seen.
OVERLAP = timedelta(seconds=10)
BATCH = 20_000  # rows read between two turns of the event loop

# What changes when votes change: a vote added or changed moves the newest time (one step
# down the index on activity and time), a withdrawal lowers the count. Two queries: counting
# in the same query walks the wider index on activity and time, 750,000 entries of it (0.46 s
# on a busy machine); alone, the count walks the narrow index on activity (0.17 s), and the
# newest time is one step.
_COUNT = select(func.count()).where(OpinionVote.activity_id == bindparam("activity"))
_NEWEST = select(func.max(OpinionVote.updated_at)).where(
    OpinionVote.activity_id == bindparam("activity"))
_ALL = (select(OpinionVote.participant_id, OpinionVote.statement_id, OpinionVote.value,
               OpinionVote.updated_at)
        .where(OpinionVote.activity_id == bindparam("activity")))
_SINCE = _ALL.where(OpinionVote.updated_at >= bindparam("since"))
_VISIBLE = (select(OpinionStatement.id)
            .where(OpinionStatement.activity_id == bindparam("activity"),
                   OpinionStatement.status == "visible"))


class VoteMatrix:
    def __init__(self, activity_id: int):
        self.activity_id = activity_id
        self.rows: dict[int, int] = {}  # participant id -> row
        self.cols: dict[int, int] = {}  # statement id -> column
        self.cells = np.full((0, 0), MISSING, dtype=np.int8)
        self.newest = None  # the latest updated_at read
        self.count = 0  # cells with a vote
        self.rebuilds = 0

    # ---- keeping it up to date -------------------------------------------------------------

    def refresh(self, connection, pause=lambda: None) -> tuple:
        """Bring the matrix to the votes as stored now; returns their stamp (what changes when
        any vote changes: the analysis of an unchanged stamp is still valid) and the visible
        statements. `pause` is called between batches of a long read (the event loop's
        turn for the other clients)."""
        # The newest time first: a vote committed between the two is then counted and read
        # (and the next stamp differs), not a count short of what is read (a rebuild).
        newest = connection.execute(_NEWEST, {"activity": self.activity_id}).scalar_one()
        stamp = (connection.execute(_COUNT, {"activity": self.activity_id}).scalar_one(), newest)
        visible = tuple(connection.execute(_VISIBLE, {"activity": self.activity_id}).scalars())
        if not stamp[0]:
            self._reset()
        elif self.newest is None:
            self._read(connection, None, pause)
        elif stamp[1] != self.newest or not self._adds_up(stamp):
            self._read(connection, self.newest - OVERLAP, pause)
            if not self._adds_up(stamp):  # a deletion, or a commit older than the overlap
                self._read(connection, None, pause)
        return (*stamp, hash(visible)), visible

    def _adds_up(self, stamp) -> bool:
        """After reading every vote changed since the last read (and a little before), the
        matrix holds as many as stored unless some were deleted: then it is rebuilt."""
        return int(stamp[0]) == self.count

    def _reset(self) -> None:
        self.rows, self.cols, self.newest, self.count = {}, {}, None, 0
        self.cells = np.full((0, 0), MISSING, dtype=np.int8)

    def _read(self, connection, since, pause) -> None:
        if since is None:
            self._reset()
            self.rebuilds += 1
            rows = connection.execute(_ALL, {"activity": self.activity_id})
        else:
            rows = connection.execute(_SINCE, {"activity": self.activity_id, "since": since})
        for batch in rows.partitions(BATCH):
            self.apply(batch)
            pause()

    def apply(self, votes) -> None:
        """(participant, statement, value, updated_at) rows, at most one per cell (as one
        query returns them): each replaces that cell."""
        votes = list(votes)
        if not votes:
            return
        for who, statement, _value, _when in votes:
            if who not in self.rows:
                self.rows[who] = len(self.rows)
            if statement not in self.cols:
                self.cols[statement] = len(self.cols)
        self._grow()
        rows = np.fromiter((self.rows[v[0]] for v in votes), dtype=np.intp, count=len(votes))
        cols = np.fromiter((self.cols[v[1]] for v in votes), dtype=np.intp, count=len(votes))
        self.count += int((self.cells[rows, cols] == MISSING).sum())
        self.cells[rows, cols] = np.fromiter((v[2] for v in votes), dtype=np.int8,
                                             count=len(votes))
        newest = max(v[3] for v in votes)
        if self.newest is None or newest > self.newest:
            self.newest = newest

    def _grow(self) -> None:
        need = (len(self.rows), len(self.cols))
        have = self.cells.shape
        if need[0] <= have[0] and need[1] <= have[1]:
            return
        # Room for more at once: a room fills up one person at a time.
        size = tuple(max(n, int(h * 1.5) + 16) if n > h else h
                     for n, h in zip(need, have, strict=True))
        cells = np.full(size, MISSING, dtype=np.int8)
        cells[:have[0], :have[1]] = self.cells
        self.cells = cells

    # ---- reading it --------------------------------------------------------------------------

    def arrays(self, visible) -> tuple[list, list, np.ndarray]:
        """(people, statements, M) of the votes on the `visible` statements, as
        `cafe.domain.opinion.matrix` gives them: sorted ids, M[i, j] a float, NaN unseen."""
        statements = sorted(s for s in set(visible) if s in self.cols)
        people_ids = np.fromiter(self.rows, dtype=np.int64, count=len(self.rows))
        order = np.argsort(people_ids, kind="stable")
        cols = np.array([self.cols[s] for s in statements], dtype=np.intp)
        part = self.cells[np.ix_(order, cols)] if len(cols) else \
            np.full((len(order), 0), MISSING, dtype=np.int8)
        voted = part != MISSING
        keep = voted.any(axis=1)
        m = np.where(voted[keep], part[keep], np.nan).astype(float)
        return [int(p) for p in people_ids[order][keep]], statements, m

    def tallies(self) -> dict[int, dict[str, int]]:
        """Per statement voted on: how many agree, disagree and pass."""
        used = self.cells[:len(self.rows), :len(self.cols)]
        counts = {name: (used == value).sum(axis=0) for name, value in
                  (("agree", AGREE), ("disagree", DISAGREE), ("pass", PASS))}
        return {s: {name: int(n[c]) for name, n in counts.items()} for s, c in self.cols.items()}

    def votes(self, visible) -> list[tuple[int, int, int]]:
        """(participant, statement, value) of the visible statements, by participant."""
        people, statements, m = self.arrays(visible)
        rows, cols = np.nonzero(~np.isnan(m))
        return [(people[r], statements[c], int(m[r, c])) for r, c in zip(rows, cols,
                                                                          strict=True)]
