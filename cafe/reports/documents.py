"""Report blocks rendered as DOCX (python-docx), PDF (fpdf2) and Markdown.

CPU-bound and free of Flask: the background job calls these in a real thread.
"""

import io
import re
from pathlib import Path

from cafe.domain.report import Block

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
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

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


def to_docx(blocks: list[Block], footer: str = "") -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

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
        elif block.kind == "image" and block.image:
            document.add_picture(io.BytesIO(block.image), width=Cm(16))
            document.add_paragraph().add_run(block.text).italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def fonts() -> tuple[Path, Path]:
    """DejaVu ships with matplotlib (a dependency of wordcloud): Unicode without system fonts."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def to_pdf(blocks: list[Block], footer: str = "", header: str = "") -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    regular, bold = fonts()

    class Report(FPDF):
        def header(self):
            if self.page_no() > 1 and header:
                self.set_font("DejaVu", size=8)
                self.set_text_color(110)
                self.cell(0, 6, header, align="R")
                self.set_draw_color(*ACCENT)
                self.line(self.l_margin, 16, self.w - self.r_margin, 16)
                self.ln(10)

        def footer(self):
            self.set_y(-14)
            self.set_font("DejaVu", size=8)
            self.set_text_color(110)
            self.cell(0, 8, f"{footer}  ·  {self.page_no()}/{{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.set_title(header or footer)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_font("DejaVu", "I", str(regular))  # no italic face shipped: notes are grey instead
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    sizes = {"h1": 20, "h2": 14, "h3": 11.5}
    for block in blocks:
        if block.kind in sizes:
            if block.kind == "h2" and pdf.get_y() > pdf.h - 60:
                pdf.add_page()  # no chapter title alone at the foot of a page
            pdf.ln({"h1": 0, "h2": 4, "h3": 2}[block.kind])
            pdf.set_font("DejaVu", "B", sizes[block.kind])
            pdf.set_text_color(*(ACCENT if block.kind != "h3" else (30, 30, 30)))
            pdf.multi_cell(0, sizes[block.kind] * 0.55, block.text,
                           new_x="LMARGIN", new_y="NEXT")
            if block.kind == "h1":
                pdf.set_draw_color(*ACCENT)
                pdf.set_line_width(0.6)
                pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
                pdf.set_line_width(0.2)
                pdf.ln(3)
            pdf.set_text_color(20, 20, 20)
            pdf.ln(1)
        elif block.kind in ("p", "note", "strong"):
            pdf.set_font("DejaVu", "B" if block.kind == "strong" else "",
                         9 if block.kind == "note" else 10)
            pdf.set_text_color(*((90, 90, 90) if block.kind == "note" else (20, 20, 20)))
            pdf.multi_cell(0, 5.2, block.text, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_text_color(20, 20, 20)
            pdf.ln(1.5)
        elif block.kind == "bullets":
            pdf.set_font("DejaVu", "", 10)
            for item in block.items:
                pdf.set_x(pdf.l_margin + 2)
                pdf.cell(5, 5.2, "•")
                pdf.multi_cell(0, 5.2, item, new_x="LMARGIN", new_y="NEXT", align="L")
                pdf.ln(0.6)
            pdf.ln(1.5)
        elif block.kind == "table":
            pdf.set_font("DejaVu", "", 9)
            heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL, color=ACCENT)
            widths = block.widths or [1] * len(block.headers)
            with pdf.table(headings_style=heading, line_height=5, col_widths=widths,
                           text_align="LEFT", borders_layout="HORIZONTAL_LINES",
                           padding=1.2) as table:
                table.row([str(h) for h in block.headers])
                for values in block.rows:
                    table.row([str(v) for v in values])
            pdf.ln(3)
        elif block.kind == "image" and block.image:
            width = pdf.epw * 0.8
            if pdf.get_y() + width * 9 / 16 > pdf.h - 25:
                pdf.add_page()
            pdf.image(io.BytesIO(block.image), x=pdf.l_margin + pdf.epw * 0.1, w=width)
            pdf.set_font("DejaVu", "", 8.5)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(0, 4.5, block.text, new_x="LMARGIN", new_y="NEXT", align="C")
            pdf.set_text_color(20, 20, 20)
            pdf.ln(2)
    return bytes(pdf.output())
