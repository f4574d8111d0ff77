"""Policy Delphi: asynchronous anonymous rounds with statistics, consensus and dissent.
Wired into the app by `cafe.delphi.feature`."""
