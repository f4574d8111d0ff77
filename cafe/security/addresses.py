"""The client's address, as rate limits see it."""

from flask import current_app, request


def client_ip() -> str:
    """The address of whoever sent this request (HTTP or Socket.IO).

    Behind TRUSTED_PROXIES reverse proxies the client is that many entries from the end of
    X-Forwarded-For; anything further left was written by the client and cannot be trusted.
    """
    trusted = int(current_app.config.get("TRUSTED_PROXIES") or 0)
    if trusted > 0:
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.remote_addr or "unknown"
