"""Neighbourhoods and their analysis (buurtanalyse): figures, findings, stakeholders, and what
sessions and Delphi studies contribute. The report itself lives in cafe.reports. Wired into the
app by cafe.neighbourhoods.feature."""
