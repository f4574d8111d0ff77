"""Join codes people read off a wall and type on a phone."""

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: each pair is misread on a projector or typed wrongly.
ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """Accept what people type: lower case, spaces, dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())[:12]
