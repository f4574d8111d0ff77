"""Numbers as the report prints them: rounded half up, as people round, as the console does."""

from decimal import ROUND_HALF_UP, Decimal


def number(value, digits: int = 1) -> str:
    """Rounded half up, as people round (an IQR of 0.25 is 0.25 at two digits, 0.3 at one;
    Python's own rounding would print 0.2), without trailing zeros."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
        text = f"{rounded:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def percent(value) -> str:
    """Half up, as the console shows it: 0.285 is 29%."""
    if value is None:
        return ""
    share = Decimal(repr(float(value))) * 100
    return f"{share.quantize(Decimal(1), ROUND_HALF_UP)}%"
