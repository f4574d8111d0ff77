"""The steering-committee report in every format, built in the background from a
neighbourhood analysis (see jobs.py). Wired into the app by `cafe.reports.feature`."""
