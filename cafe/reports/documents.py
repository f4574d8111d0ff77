"""Report blocks rendered as DOCX (python-docx), PDF (fpdf2) and Markdown."""

import io
from pathlib import Path

from cafe.domain.report import Block


def to_markdown(blocks: list[Block]) -> str:
    out = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3"):
            out.append("#" * int(block.kind[1]) + " " + block.text)
        elif block.kind == "p":
            out.append(block.text)
        elif block.kind == "bullets":
            out.append("\n".join(f"- {item}" for item in block.items))
        elif block.kind == "table":
            def row(cells):
                return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

            out.append("\n".join([row(block.headers), row(["---"] * len(block.headers))]
                                 + [row(r) for r in block.rows]))
        elif block.kind == "image":
            out.append(f"*{block.text}: wordcloud.png*")
    return "\n\n".join(out) + "\n"


def to_docx(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    document = Document()
    for block in blocks:
        if block.kind == "h1":
            document.add_heading(block.text, level=0)
        elif block.kind in ("h2", "h3"):
            document.add_heading(block.text, level=int(block.kind[1]) - 1)
        elif block.kind == "p":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.headers))
            table.style = "Light Grid Accent 1"
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = str(text)
            for values in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, values, strict=True):
                    cell.text = str(text)
        elif block.kind == "image" and block.image:
            document.add_picture(io.BytesIO(block.image), width=Cm(16))
            document.add_paragraph(block.text).italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fonts() -> tuple[Path, Path]:
    """DejaVu ships with matplotlib (a dependency of wordcloud): Unicode without system fonts."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def to_pdf(blocks: list[Block], footer: str = "") -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    regular, bold = _fonts()

    class Report(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.set_text_color(110)
            self.cell(0, 8, f"{footer}  ·  {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    sizes = {"h1": 20, "h2": 14, "h3": 11.5}
    for block in blocks:
        if block.kind in sizes:
            pdf.ln(3 if block.kind != "h1" else 0)
            pdf.set_font("DejaVu", "B", sizes[block.kind])
            pdf.set_text_color(11, 94, 85) if block.kind != "h3" else pdf.set_text_color(30)
            pdf.multi_cell(0, sizes[block.kind] * 0.55, block.text)
            pdf.set_text_color(20)
            pdf.ln(1)
        elif block.kind == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.2, block.text)
            pdf.ln(1.5)
        elif block.kind == "bullets":
            pdf.set_font("DejaVu", "", 10)
            for item in block.items:
                pdf.set_x(pdf.l_margin + 3)
                pdf.multi_cell(0, 5.2, f"•  {item}")
            pdf.ln(1.5)
        elif block.kind == "table":
            pdf.set_font("DejaVu", "", 9)
            heading = FontFace(emphasis="BOLD", fill_color=(224, 238, 235))
            longest = [max([len(str(h))] + [len(str(r[i])) for r in block.rows])
                       for i, h in enumerate(block.headers)]
            widths = [min(max(n, 6), 60) for n in longest]
            with pdf.table(headings_style=heading, line_height=5.5, col_widths=widths,
                           text_align="LEFT") as table:
                table.row([str(h) for h in block.headers])
                for values in block.rows:
                    table.row([str(v) for v in values])
            pdf.ln(3)
        elif block.kind == "image" and block.image:
            pdf.image(io.BytesIO(block.image), w=pdf.epw)
            pdf.set_font("DejaVu", "", 8.5)
            pdf.multi_cell(0, 4.5, block.text)
            pdf.ln(2)
    return bytes(pdf.output())
