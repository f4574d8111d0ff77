"""The plan library: save a session's agenda as a plan, list, export and import plans.
Wired into the app by cafe.library.feature."""
