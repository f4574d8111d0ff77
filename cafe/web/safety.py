from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """Only same-site paths: a login link must not bounce people to another site. A backslash
    or a control character is refused too: browsers read "/\\evil.example" as
    "//evil.example", and drop tabs and newlines from an address before reading it."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    return target
