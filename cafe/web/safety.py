from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """Only same-site paths: a login link must not bounce people to another site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
