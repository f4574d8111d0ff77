"""The team: co-facilitators and moderators of a session, who may do what, the action log,
and facilitator accounts made by invitation. Wired into the app by cafe.team.feature."""
