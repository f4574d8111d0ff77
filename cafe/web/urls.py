"""Absolute URLs that phones in the room can reach."""

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

from flask import current_app, request, url_for


def lan_address() -> str | None:
    """This machine's first non-loopback IPv4 address, looked up without sending anything."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = info[4][0]
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def public_base() -> str:
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    base = request.host_url.rstrip("/")
    parts = urlsplit(base)
    host = parts.hostname or ""
    if host in ("localhost", "127.0.0.1", "::1"):
        lan = lan_address()
        if lan:
            netloc = lan + (f":{parts.port}" if parts.port else "")
            return urlunsplit((parts.scheme, netloc, "", "", ""))
    return base


def join_url(code: str) -> str:
    return public_base() + url_for("participants.join", code=code)
