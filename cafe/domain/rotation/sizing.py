"""How many tables suit the people present: four or five a table is the World Café norm."""

PER_TABLE = 5  # at most; with ceil(people / 5) tables, most tables get 4 or 5
TOO_FEW = 3  # a table of fewer is not a conversation


def proposed_tables(people: int, most: int = 200) -> int:
    """The fewest tables with at most five people each (so four or five where possible)."""
    return max(1, min(most, -(-people // PER_TABLE)))


def smallest_table(people: int, tables: int) -> int:
    """How many people the smallest table holds when `people` share `tables` evenly."""
    return people // tables if tables > 0 else 0
