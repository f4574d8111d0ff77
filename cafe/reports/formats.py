"""Report files in every format, from a snapshot (see cafe.reports.build, which loads this
module on first use: the plotting and office libraries are heavy)."""

from cafe.domain.report import build
from cafe.reports import data as data_formats
from cafe.reports import documents, pdf, wordcloud


def cloud(texts: list[str]) -> bytes | None:
    return wordcloud.render(texts)


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
