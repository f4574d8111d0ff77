"""The opinion map as screens receive it: compact, because a city's room has 5,000 points.

`opinion.public` gives the points as `[[x, y, group | None], ...]`, sorted, every coordinate
rounded to thousandths (-1 ... 1). As JSON that is 92 KB for 5,000 people, and the projector and
the console receive it after every analysis. Packed (issue 29), the same points are three
parallel columns:

- `x`: each point's x in thousandths, as the step from the previous point's (the points are
  sorted by x, so the steps are small non-negative numbers after the first, counted from 0:
  mostly one or two characters);
- `y`: each point's y in thousandths;
- `g`: one character per point, its group's letter, or "." when it is in no group.

Nothing is lost: `unpack(pack(points)) == points`. static/js/statements.js reads it (`unpackMap`).
"""

NO_GROUP = "."
SCALE = 1000


def pack(points: list) -> dict:
    """`[[x, y, group | None], ...]` sorted by x (as `opinion.public` gives them)."""
    xs, ys, groups = [], [], []
    previous = 0
    for x, y, group in points:
        here = round(x * SCALE)
        xs.append(here - previous)
        previous = here
        ys.append(round(y * SCALE))
        groups.append(group or NO_GROUP)
    return {"x": xs, "y": ys, "g": "".join(groups)}


def unpack(packed: dict) -> list:
    """The points again, as `opinion.public` gives them."""
    points, here = [], 0
    for step, y, group in zip(packed["x"], packed["y"], packed["g"], strict=True):
        here += step
        points.append([here / SCALE, y / SCALE, None if group == NO_GROUP else group])
    return points
