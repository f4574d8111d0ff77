"""Moved to `cafe.core` (features and the live layer share them); kept while the activity
kinds still import them from here."""

from cafe.core import Refusal, closed, forbidden, not_found

__all__ = ["Refusal", "closed", "forbidden", "not_found"]
