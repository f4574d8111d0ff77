"""Facilitator accounts: the people who prepare and run sessions.
Wired into the app by `cafe.auth.feature`."""
