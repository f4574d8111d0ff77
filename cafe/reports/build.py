"""Build report files from a snapshot of a neighbourhood analysis.

`snapshot` reads the database and translates the labels (in the request, quick); `render` turns
the snapshot into bytes without touching Flask or the database, so it can run in a background
task or a real thread (see cafe.reports.jobs) while the live sessions carry on.
"""

from datetime import date

from flask_babel import force_locale, format_date

from cafe.domain.control_chars import clean_deep
from cafe.neighbourhoods.services import analysis_data
from cafe.reports.labels import report_labels

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
NEEDS_CLOUD = ("docx", "pdf")


def snapshot(hood, language: str) -> dict:
    # Again here: rows stored before input was cleaned must not stop every document.
    data = clean_deep(analysis_data(hood))
    with force_locale(language):
        labels = report_labels()
        data["date"] = format_date(date.today(), "long")
    data["language"] = language
    return {"data": data, "labels": labels, "name": hood.name}


def cloud_texts(snap: dict) -> list[str]:
    return [f["text"] for f in snap["data"]["findings"] if f["section"] in ("need", "talent")]


def file_name(snap: dict, fmt: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in snap["name"]).strip("-")[:60]
    return f"buurtanalyse-{safe or 'buurt'}.{fmt}"


def _formats():
    """The module that writes the files, with matplotlib, fpdf2, python-docx, openpyxl and
    wordcloud: about 4 s and 250 MB to load, paid by the first report a process builds, not
    by every server that starts."""
    from cafe.reports import formats  # noqa: PLC0415 - heavy libraries, loaded on first use

    return formats


def render(fmt: str, snap: dict, wordcloud: bytes | None = None) -> bytes:
    """The file in format `fmt` (pure: no Flask, no database; runs in a real thread)."""
    return _formats().render(fmt, snap, wordcloud)


def cloud(texts: list[str]) -> bytes | None:
    """The report's word cloud as a PNG, or None when there is nothing to draw."""
    return _formats().cloud(texts)
