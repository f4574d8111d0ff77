"""Sessions: a facilitator's live event, its agenda of activities, console and projector.
Wired into the app by `cafe.sessions.feature`."""
