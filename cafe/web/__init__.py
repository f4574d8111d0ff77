"""Pages and helpers shared by every view: home, health, QR codes, headers, locale.
Wired into the app by `cafe.web.feature`."""
