"""The live layer: connections, rooms, the event pipeline and broadcasting.

It carries messages and knows no feature: sessions, participants, team and security plug in
through the app's LiveRuntime (cafe/live/runtime.py). Wired into the app by
`cafe.live.feature.init_app`.
"""
