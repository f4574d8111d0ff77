"""The report as PDF (fpdf2): charts with captions, Arabic shaped right to left, headings kept
with what follows them, and characters the font lacks (most emoji) replaced by a visible mark.

CPU-bound and free of Flask: the background job calls it in a real thread.
"""

import io
import re

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from cafe.domain.report import Block
from cafe.reports import charts
from cafe.reports.documents import ACCENT, HEADER_FILL
from cafe.reports.glyphs import fonts, printable

RTL_LANGUAGES = ("ar", "fa", "he", "ur")
# Scripts that need a shaping engine: Arabic, Hebrew, Syriac, Thaana, N'Ko, and the Indic ones.
NEEDS_SHAPING = re.compile("[\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]")
SIZES = {"h1": 20, "h2": 14, "h3": 11.5}
TEXT = (20, 20, 20)
GREY = (90, 90, 90)


def _needs_shaping(blocks: list[Block]) -> bool:
    def texts(block):
        yield block.text
        yield from block.items
        yield from (str(h) for h in block.headers)
        yield from (str(c) for row in block.rows for c in row)

    return any(NEEDS_SHAPING.search(t) for b in blocks for t in texts(b))


def _height(pdf, block: Block) -> float:
    """Room a block needs at the least: a heading must fit with what follows it."""
    if block.kind in ("chart", "image"):
        return pdf.epw * 0.5 + 12
    if block.kind == "table":
        return 30
    return 16


def to_pdf(blocks: list[Block], footer: str = "", header: str = "", language: str = "en",
           mark: str = "emoji") -> bytes:
    regular, bold = fonts()
    rtl = language in RTL_LANGUAGES
    align = "R" if rtl else "L"

    def clean(text) -> str:
        return printable(text, mark)

    class Report(FPDF):
        def header(self):
            if self.page_no() > 1 and header:
                self.set_font("DejaVu", size=8)
                self.set_text_color(110)
                self.cell(0, 6, clean(header), align="L" if rtl else "R")
                self.set_draw_color(*ACCENT)
                self.line(self.l_margin, 16, self.w - self.r_margin, 16)
                self.ln(10)

        def footer(self):
            self.set_y(-14)
            self.set_font("DejaVu", size=8)
            self.set_text_color(110)
            self.cell(0, 8, f"{clean(footer)}  ·  {self.page_no()}/{{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.set_title(header or footer)
    pdf.set_lang(language)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_font("DejaVu", "I", str(regular))  # no italic face shipped: notes are grey instead
    if rtl or _needs_shaping(blocks):
        # HarfBuzz (uharfbuzz) joins Arabic letters and runs the bidirectional algorithm, so
        # the text reads right to left and extracts in its logical order.
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else None)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()

    def paragraph(text, size, style="", colour=TEXT, height=5.2, where=align):
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, height, clean(text), new_x="LMARGIN", new_y="NEXT", align=where)
        pdf.set_text_color(*TEXT)

    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind in SIZES:
            # No heading alone at the foot of a page: it goes over with the start of its text.
            needed = SIZES[block.kind] * 1.2 + (_height(pdf, following) if following else 0)
            if block.kind != "h1" and pdf.get_y() + needed > pdf.page_break_trigger:
                pdf.add_page()
            pdf.ln({"h1": 0, "h2": 4, "h3": 2}[block.kind])
            paragraph(block.text, SIZES[block.kind], "B",
                      ACCENT if block.kind != "h3" else (30, 30, 30), SIZES[block.kind] * 0.55)
            if block.kind == "h1":
                pdf.set_draw_color(*ACCENT)
                pdf.set_line_width(0.6)
                pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
                pdf.set_line_width(0.2)
                pdf.ln(3)
            pdf.ln(1)
        elif block.kind in ("p", "note", "strong"):
            paragraph(block.text, 9 if block.kind == "note" else 10,
                      "B" if block.kind == "strong" else "",
                      GREY if block.kind == "note" else TEXT)
            pdf.ln(1.5)
        elif block.kind == "bullets":
            pdf.set_font("DejaVu", "", 10)
            for item in block.items:
                if rtl:
                    pdf.multi_cell(0, 5.2, f"{clean(item)} •", new_x="LMARGIN", new_y="NEXT",
                                   align="R")
                else:
                    pdf.set_x(pdf.l_margin + 2)
                    pdf.cell(5, 5.2, "•")
                    pdf.multi_cell(0, 5.2, clean(item), new_x="LMARGIN", new_y="NEXT",
                                   align="L")
                pdf.ln(0.6)
            pdf.ln(1.5)
        elif block.kind == "table":
            pdf.set_font("DejaVu", "", 9)
            heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL, color=ACCENT)
            widths = block.widths or [1] * len(block.headers)
            order = (lambda row: row[::-1]) if rtl else (lambda row: row)
            with pdf.table(headings_style=heading, line_height=5, col_widths=order(widths),
                           text_align="RIGHT" if rtl else "LEFT",
                           borders_layout="HORIZONTAL_LINES", padding=1.2) as table:
                table.row(order([clean(h) for h in block.headers]))
                for values in block.rows:
                    table.row(order([clean(v) for v in values]))
            pdf.ln(3)
        elif block.kind in ("image", "chart"):
            image = block.image or (charts.render(block.chart) if block.chart else None)
            if not image:
                continue
            _figure(pdf, image, block.kind == "image")
            paragraph(block.text, 8.5, colour=GREY, height=4.5, where="C")
            pdf.ln(2)
    return bytes(pdf.output())


def _figure(pdf, image: bytes, photo: bool) -> None:
    """An image at most 80% of the text width, moved whole to the next page if it does not fit."""
    with Image.open(io.BytesIO(image)) as picture:
        ratio = picture.height / picture.width
    width = pdf.epw * (0.8 if photo else 0.9)
    height = width * ratio
    room = pdf.page_break_trigger - pdf.t_margin - 12
    if height > room:  # a long chart: scale it down to one page
        width, height = room / ratio, room
    if pdf.get_y() + height + 10 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(image), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
