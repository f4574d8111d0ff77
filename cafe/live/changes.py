"""Moved to `cafe.core` (features and the live layer share them); kept while the activity
kinds still import them from here."""

from cafe.core import Changes, Message, Outcome

__all__ = ["Changes", "Message", "Outcome"]
