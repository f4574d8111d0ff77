"""What a report is made of: blocks every document format (DOCX, PDF, Markdown) renders."""

from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | strong | note | bullets | table | image | chart
    text: str = ""
    items: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    # Relative column widths for tables (the PDF and DOCX use them).
    widths: list = field(default_factory=list)
    image: bytes | None = None
    # A chart's data (see cafe.domain.report_charts); the document renderers draw it.
    chart: dict | None = None
