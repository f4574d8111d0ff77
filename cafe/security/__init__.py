"""Trust: rate limits, login throttling, withdrawing input, retention, and the privacy pages.
Wired into the app by `cafe.security.feature`."""
