"""Reading figures from the CSV files statistics sites offer (semicolons and decimal commas in
Belgium, commas elsewhere), into rows of name, value, unit, source, year."""

import csv
import io

HEADERS = {
    "name": ("name", "naam", "nom", "indicator", "indicateur"),
    "value": ("value", "waarde", "valeur"),
    "unit": ("unit", "eenheid", "unité", "unite"),
    "source": ("source", "bron"),
    "year": ("year", "jaar", "année", "annee", "periode", "période"),
}


class FigureError(ValueError):
    pass


def _column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        key = cell.strip().lower()
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = index
    if "name" not in found or "value" not in found:
        raise FigureError("The first line must name the columns: name and value at least.")
    return found


def normalise_number(raw: str, decimal_comma: bool = True) -> str:
    """Semicolon files (Belgian, French, Dutch) write 1.234,5; comma files write 1,234.5.
    Either becomes '1234.5'; text such as 'n.v.t.' stays text."""
    value = raw.strip().replace("\u00a0", "").replace(" ", "")
    thousands, decimal = (".", ",") if decimal_comma else (",", ".")
    value = value.replace(thousands, "").replace(decimal, ".")
    try:
        float(value)
    except ValueError:
        return raw.strip()
    return value


def parse_figures(text: str, max_rows: int = 500) -> list[dict]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise FigureError("The file is empty.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    columns = _column_map(rows[0])
    decimal_comma = dialect.delimiter != ","
    out = []
    for line, row in enumerate(rows[1:], start=2):
        def cell(field, row=row):
            index = columns.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        name = cell("name")
        if not name:
            raise FigureError(f"Line {line}: the name is empty.")
        year = cell("year")
        out.append({
            "name": name[:200],
            "value": normalise_number(cell("value"), decimal_comma)[:64],
            "unit": cell("unit")[:40],
            "source": cell("source")[:200],
            "year": int(year[:4]) if year[:4].isdigit() else None,
        })
        if len(out) > max_rows:
            raise FigureError(f"At most {max_rows} figures at once.")
    return out
