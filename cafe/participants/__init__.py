"""Participants: phones that join a session by code, without an account.
Wired into the app by `cafe.participants.feature`."""
