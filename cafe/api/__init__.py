"""The versioned JSON API under /api/v1, described by /api/v1/openapi.json.
Wired into the app by `cafe.api.feature`."""
