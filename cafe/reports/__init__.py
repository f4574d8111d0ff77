"""The steering-committee report in every format, built from a neighbourhood analysis."""
