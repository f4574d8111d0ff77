"""Build one report file. Rendering runs in a real thread (offload), so an export of a large
analysis never stalls the live sessions on the same server."""

from datetime import date

from flask_babel import force_locale

from cafe.activities.board.wordcloud import offload, render
from cafe.domain.report import build
from cafe.neighbourhoods.services import analysis_data
from cafe.reports import data as data_formats
from cafe.reports import documents
from cafe.reports.labels import report_labels

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def report_file(hood, fmt: str, language: str) -> bytes:
    data = analysis_data(hood)
    data["date"] = date.today().isoformat()
    with force_locale(language):
        labels = report_labels()
    texts = [f["text"] for f in data["findings"] if f["section"] in ("need", "talent")]
    if fmt == "json":
        return data_formats.to_json(data)
    if fmt == "csv":
        return data_formats.to_csv(data)
    if fmt == "xlsx":
        return offload(data_formats.to_xlsx, data, labels)
    wordcloud = offload(render, texts, 1280, 720) if texts and fmt != "md" else None
    blocks = build(data, labels, wordcloud)
    if fmt == "md":
        return documents.to_markdown(blocks).encode()
    if fmt == "docx":
        return offload(documents.to_docx, blocks)
    return offload(documents.to_pdf, blocks, f"{labels['title']}: {hood.name}")
