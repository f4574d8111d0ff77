"""Report blocks rendered as DOCX (python-docx) and Markdown; the PDF is in cafe.reports.pdf.

CPU-bound and free of Flask: the background job calls these in a real thread.
"""

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from cafe.domain.report import Block
from cafe.reports import charts

ACCENT = (11, 94, 85)  # the console's dark teal: readable in print and in greyscale
HEADER_FILL = (224, 238, 235)


# Markdown (CommonMark and GitHub's autolinks) that participants' text must not make: HTML,
# images, links, emphasis, headings, quotes and list markers at a line's start.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()<>&!#~])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([=>])|([-+]|\d+[.)])(?=\s|$))", re.M)
_MD_AUTOLINK = re.compile(r"(?i)(?<=www)\.|(?<=:)//")


def md(text) -> str:
    """Text shown as written in a Markdown viewer: nothing in it becomes markup."""
    text = _MD_SPECIAL.sub(r"\\\1", str(text))
    text = _MD_AUTOLINK.sub(lambda m: "".join("\\" + c for c in m.group(0)), text)
    return _MD_LINE_START.sub(_line_start, text)


def _line_start(match) -> str:
    marker = match.group(2) or match.group(3)
    if marker[-1] in ".)" and marker[0].isdigit():
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


def to_markdown(blocks: list[Block], image_name: str = "wordcloud.png") -> str:
    def cell(value) -> str:
        return md(value).replace("|", "\\|").replace("\n", "<br>")

    out = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3"):
            out.append("#" * int(block.kind[1]) + " " + md(block.text))
        elif block.kind == "p":
            out.append(md(block.text))
        elif block.kind == "note":
            out.append(f"*{md(block.text)}*")
        elif block.kind == "strong":
            out.append(f"**{md(block.text)}**")
        elif block.kind == "bullets":
            out.append("\n".join(f"- {md(item)}" for item in block.items))
        elif block.kind == "table":
            lines = ["| " + " | ".join(cell(h) for h in block.headers) + " |",
                     "|" + "---|" * len(block.headers)]
            lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows]
            out.append("\n".join(lines))
        elif block.kind == "image":
            out.append(f"![{md(block.text)}]({image_name})")
    return "\n\n".join(out) + "\n"


def _page_number(paragraph) -> None:
    """A PAGE field: Word fills in the number on every page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _right_to_left(document) -> None:
    """Every paragraph and run right to left, as Word does for an Arabic document."""
    for paragraph in _paragraphs(document):
        paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        for run in paragraph.runs:
            run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def to_docx(blocks: list[Block], footer: str = "", rtl: bool = False) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = RGBColor(*ACCENT)
    foot = section.footer.paragraphs[0]
    foot.text = f"{footer}  ·  "
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(foot)

    usable = section.page_width - section.left_margin - section.right_margin
    for block in blocks:
        if block.kind == "h1":
            document.add_heading(block.text, level=0)
        elif block.kind in ("h2", "h3"):
            document.add_heading(block.text, level=int(block.kind[1]) - 1)
        elif block.kind == "p":
            document.add_paragraph(block.text)
        elif block.kind == "note":
            document.add_paragraph().add_run(block.text).italic = True
        elif block.kind == "strong":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.headers))
            table.style = "Light Grid Accent 1"
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = str(text)
            for values in block.rows:
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = str(text)
            if block.widths:
                total = sum(block.widths)
                for column, width in zip(table.columns, block.widths, strict=False):
                    for cell in column.cells:
                        cell.width = int(usable * width / total)
            document.add_paragraph()
        elif block.kind in ("image", "chart"):
            image = block.image or (charts.render(block.chart) if block.chart else None)
            if not image:
                continue
            document.add_picture(io.BytesIO(image), width=Cm(16 if block.chart else 14))
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            document.add_paragraph(block.text, style="Caption")
    if rtl:
        _right_to_left(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

