"""Full garbage collections wait for a quiet room (cafe.live.collector), and the server
process starts with Python's own full collections switched off."""

import gc

from cafe.live.collector import full_collection_due


def test_a_quiet_room_is_collected_soon_a_busy_one_at_the_latest_after_the_interval():
    quiet, interval = 2.0, 600.0
    # Busy: an event half a second ago, the last full collection 5 minutes ago.
    assert not full_collection_due(1000.0, 700.0, 999.5, quiet, interval)
    # Quiet for 3 s after 5 minutes: now.
    assert full_collection_due(1000.0, 700.0, 997.0, quiet, interval)
    # Quiet, but collected 10 s ago: not yet (a quiet room is not collected every second).
    assert not full_collection_due(1000.0, 990.0, 900.0, quiet, interval)
    # Never quiet, but 10 minutes since the last one: now.
    assert full_collection_due(1300.0, 700.0, 1299.9, quiet, interval)


def test_the_serving_process_takes_over_full_collections(app):
    from cafe.extensions import socketio
    from cafe.live import collector

    before = gc.get_threshold()
    started = []
    socketio_start = socketio.start_background_task
    try:
        socketio.start_background_task = lambda fn, *a, **k: started.append(fn)
        app.config["GC_FULL_INTERVAL"] = 600
        assert collector.start(app, socketio)
        assert gc.get_threshold()[2] >= 1_000_000 and gc.get_freeze_count() > 0
        assert len(started) == 1
        assert not collector.start(app, socketio)  # once per process and app
    finally:
        socketio.start_background_task = socketio_start
        gc.unfreeze()
        gc.set_threshold(*before)
    app.config["GC_FULL_INTERVAL"] = 0
    app.extensions["cafe_live"].started.discard("collector")
    assert not collector.start(app, socketio)  # 0: Python's own policy
