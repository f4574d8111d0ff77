"""The trajectory's rules, without a server."""

from datetime import date

import pytest

from cafe.trajectory import domain
from cafe.trajectory.domain import Change, TrajectoryError

D = date


def test_dropping_needs_a_reason_and_unknown_statuses_are_refused():
    assert domain.check_status("dropped", "no money left") == "dropped"
    assert domain.check_status("started", "") == "started"
    for status, reason, code in (("dropped", "  ", "reason"), ("finished", "", "status")):
        with pytest.raises(TrajectoryError) as caught:
            domain.check_status(status, reason)
        assert caught.value.code == code


def test_status_history_starts_planned_skips_repeats_and_answers_per_day():
    history = domain.status_history(D(2026, 1, 10), [
        Change(D(2026, 6, 1), "done"), Change(D(2026, 2, 1), "started"),
        Change(D(2026, 3, 1), "started")])
    assert [(c.day, c.status) for c in history] == [
        (D(2026, 1, 10), "planned"), (D(2026, 2, 1), "started"), (D(2026, 6, 1), "done")]
    assert domain.status_on(history, D(2026, 1, 1)) is None
    assert domain.status_on(history, D(2026, 4, 1)) == "started"
    assert [c.status for c in domain.changed_in(history, D(2026, 3, 1), None)] == ["done"]


def test_trend_and_progress_follow_the_direction_the_community_chose():
    assert domain.trend("up", 10, 12) == "better"
    assert domain.trend("down", 10, 12) == "worse"
    assert domain.trend("down", 10, 10) == "same"
    assert domain.trend("up", 10, None) is None
    assert domain.progress("up", 10, 20, 15) == 0.5
    assert domain.progress("down", 40, 20, 30) == 0.5
    assert domain.progress("down", 40, 20, 50) == 0.0
    assert domain.progress("up", 10, 20, 30) == 1.0
    assert domain.progress("up", 10, 5, 7) is None  # a target on the wrong side
    assert domain.progress("up", 10, None, 12) is None


def test_period_since_the_last_report_or_between_two_dates():
    today = D(2027, 1, 31)
    assert domain.period(None, None, None, today) == (None, today)
    assert domain.period(None, None, D(2026, 12, 31), today) == (D(2027, 1, 1), today)
    assert domain.period(D(2026, 3, 1), D(2026, 6, 30), D(2026, 12, 31), today) == (
        D(2026, 3, 1), D(2026, 6, 30))
    with pytest.raises(TrajectoryError):
        domain.period(D(2026, 7, 1), D(2026, 6, 30), None, today)
    assert domain.in_period(D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 1))
    assert not domain.in_period(None, None, None)


@pytest.mark.parametrize("text,value", [("12", 12.0), ("12,5", 12.5), ("1.234,5", 1234.5),
                                        (" 7 % ", 7.0), (3, 3.0), ("-2", -2.0)])
def test_numbers_as_people_type_them(text, value):
    assert domain.parse_number(text) == value


@pytest.mark.parametrize("text", ["", "veel", "nan", "inf", "1e13", True])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(TrajectoryError):
        domain.parse_number(text)


def test_dates_and_the_chart_series_put_the_baseline_first():
    assert domain.parse_day("", D(2026, 1, 1)) == D(2026, 1, 1)
    with pytest.raises(TrajectoryError):
        domain.parse_day("31-12-2026")
    with pytest.raises(TrajectoryError):
        domain.check_dates(D(2026, 5, 1), D(2026, 4, 1))
    points = domain.series(5, D(2026, 1, 1), [(D(2026, 4, 1), 6), (D(2026, 2, 1), 7)])
    assert points == [(D(2026, 1, 1), 5), (D(2026, 2, 1), 7), (D(2026, 4, 1), 6)]
