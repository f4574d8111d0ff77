"""Build report files from a snapshot of a neighbourhood analysis.

`snapshot` reads the database and translates the labels (in the request, quick); `render` turns
the snapshot into bytes without touching Flask or the database, so it can run in a background
task or a real thread (see cafe.reports.jobs) while the live sessions carry on.
"""

from datetime import date

from flask_babel import force_locale, format_date

from cafe.domain.control_chars import clean_deep
from cafe.domain.report import build
from cafe.neighbourhoods.services import analysis_data
from cafe.reports import data as data_formats
from cafe.reports import documents, pdf
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


def render(fmt: str, snap: dict, wordcloud: bytes | None = None) -> bytes:
    data, labels = snap["data"], snap["labels"]
    if fmt == "json":
        return data_formats.to_json(data)
    if fmt == "csv":
        return data_formats.to_csv(data)
    if fmt == "xlsx":
        return data_formats.to_xlsx(data, labels)
    blocks = build(data, labels, wordcloud)
    title = f"{labels['title']}: {snap['name']}"
    if fmt == "md":
        return documents.to_markdown(blocks).encode()
    language = data.get("language", "en")
    if fmt == "docx":
        return documents.to_docx(blocks, footer=title, rtl=language in pdf.RTL_LANGUAGES)
    if fmt == "pdf":
        return pdf.to_pdf(blocks, footer=title, header=title, language=language,
                          mark=labels.get("emoji", "emoji"))
    raise ValueError(fmt)
