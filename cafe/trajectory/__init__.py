"""A neighbourhood's trajectory from café to change: actions that answer what residents chose,
the indicators the community chose, look-back sessions, the public "you said, we did" page,
the steering committee's progress report and the read-only API (`feature.init_app`)."""
