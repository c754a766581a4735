"""The outline as a Word document (python-docx): the one document a commenter reads.

Everything is made through python-docx's API: styles, paragraphs, runs, tables, sections,
headers and footers. Two things have no API there and are set as single elements through its
documented oxml access (`OxmlElement`, `qn`): line numbering, which is a section property
(`w:lnNumType`, ECMA-376 17.6.8), and the PAGE field in the footer. The PDF is rendered from
this file by LibreOffice (pdf.py), so the margin line numbers commenters cite are the same in
both.

Every string from a record passes `neutral.xml_text`, because Office XML cannot hold control
characters; python-docx writes text as text, so markup in a record stays visible as typed.
"""

from __future__ import annotations

import io
import re

from ..neutral import xml_text
from .outline import (
    ANNEX_KIND,
    ANNEX_NAME,
    ANNEX_TITLE,
    BIBLIOGRAPHY,
    NO_NORMATIVE,
    NO_TERMS,
    NOTE,
    TERMS_INTRO,
    Outline,
)

FONT = "Arial"  # LibreOffice renders it with the metric-compatible Liberation Sans: same line breaks
LINE_NUMBER_DISTANCE_TWIPS = "340"  # 6 mm between the numbers and the text
ANNEX_COLUMNS_MM = (16, 22, 62, 65)  # Punkt, Id, Bestemmelse, Lovgrunnlag: 165 mm between the margins
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# python-docx's section properties that come after w:lnNumType in CT_SectPr (ECMA-376 order).
_AFTER_LNNUMTYPE = ("w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
# Paragraph properties after w:suppressLineNumbers in CT_PPr (ECMA-376 order, as python-docx lists them).
_AFTER_SUPPRESS = ("w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                   "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def t(value: object) -> str:
    """Text for the document: only characters XML 1.0 allows."""
    return xml_text("" if value is None else value)


def letter(index: int) -> str:
    """a, b, … z, aa, ab … (ISO list items)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = _LETTERS[rest] + out
    return out


class _Writer:
    def __init__(self) -> None:
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Mm, Pt, RGBColor

        self.docx = docx
        self.Mm, self.Pt = Mm, Pt
        self.doc = docx.Document()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        self.styles = {"Normal": normal}
        for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11), ("Heading 3", 11)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            self._drop_theme_fonts(style)
            self.styles[name] = style
        self.styles["Heading 1"].paragraph_format.space_before = Pt(18)
        self.styles["Heading 1"].paragraph_format.space_after = Pt(6)
        self.styles["Heading 2"].paragraph_format.space_before = Pt(12)
        self.styles["Heading 2"].paragraph_format.space_after = Pt(4)
        note = styles.add_style("Merknad", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.size = Pt(9.5)
        note.paragraph_format.left_indent = Mm(6)
        self.styles["Merknad"] = note
        item = styles.add_style("Listepunkt", WD_STYLE_TYPE.PARAGRAPH)
        item.base_style = normal
        item.paragraph_format.left_indent = Mm(8)
        item.paragraph_format.first_line_indent = Mm(-6)
        item.paragraph_format.space_after = Pt(3)
        self.styles["Listepunkt"] = item
        self.styles["Table Grid"] = styles["Table Grid"]
        cover = styles.add_style("Tittelside", WD_STYLE_TYPE.PARAGRAPH)
        cover.base_style = normal
        cover.paragraph_format.space_after = Pt(10)
        self._suppress_line_numbers(cover)
        self.styles["Tittelside"] = cover

    @staticmethod
    def _suppress_line_numbers(style) -> None:
        """Paragraphs in this style are not counted (the title page): LibreOffice numbers lines
        document-wide, Word per section, and both honour w:suppressLineNumbers (17.3.1.34)."""
        from docx.oxml import OxmlElement

        ppr = style.element.get_or_add_pPr()
        ppr.insert_element_before(OxmlElement("w:suppressLineNumbers"), *_AFTER_SUPPRESS)

    @staticmethod
    def _drop_theme_fonts(style) -> None:
        """The template's headings name theme fonts, which win over a named font in Word."""
        from docx.oxml.ns import qn

        rpr = style.element.rPr
        fonts = rpr.rFonts if rpr is not None else None
        if fonts is not None:
            for attribute in _THEME_FONT_ATTRIBUTES:
                fonts.attrib.pop(qn(attribute), None)

    # --- Building blocks ---------------------------------------------------------------------------
    def new_paragraph(self, style: str):
        """An empty paragraph in `style`.

        `Paragraph.style = …` compares the style with the document's default style by scanning
        every style in the template each time (python-docx 1.2), which made 1,000 provisions cost
        ten seconds; the style id is therefore set through python-docx's own pPr accessor
        (`CT_PPr.style`, the w:pStyle element), which is what the setter does after that scan.
        """
        paragraph = self.doc.add_paragraph()
        if style != "Normal":
            paragraph._p.get_or_add_pPr().style = self.styles[style].style_id
        return paragraph

    def para(self, text: str = "", style: str = "Normal", bold: bool = False):
        paragraph = self.new_paragraph(style)
        if text:
            run = paragraph.add_run(t(text))
            run.bold = bold or None
        return paragraph

    def heading(self, text: str, level: int):
        return self.para(text, f"Heading {level}")

    def labelled(self, label: str, text: str, style: str = "Normal"):
        paragraph = self.new_paragraph(style)
        paragraph.add_run(t(label)).bold = True
        paragraph.add_run("\u2003" + t(text))
        return paragraph

    def items(self, texts: list[str]) -> None:
        for index, text in enumerate(texts):
            self.para(f"{letter(index)})\u00a0{text}", "Listepunkt")

    def page_break(self) -> None:
        self.doc.add_page_break()

    # --- Sections, header, footer, line numbers ----------------------------------------------------
    def page_setup(self, section) -> None:
        Mm = self.Mm
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.header_distance = section.footer_distance = Mm(10)

    def number_lines(self, section) -> None:
        """Line numbers in the margin, counted on through the whole document (ECMA-376 17.6.8)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:lnNumType")):
            sect_pr.remove(old)
        numbering = OxmlElement("w:lnNumType")
        numbering.set(qn("w:countBy"), "1")
        numbering.set(qn("w:restart"), "continuous")
        numbering.set(qn("w:distance"), LINE_NUMBER_DISTANCE_TWIPS)
        sect_pr.insert_element_before(numbering, *_AFTER_LNNUMTYPE)

    def repeat_as_header(self, row) -> None:
        """Repeat the row at the top of every page the table runs onto (w:tblHeader, 17.4.49);
        python-docx has no API for it."""
        from docx.oxml import OxmlElement

        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def page_field(self, paragraph) -> None:
        """A PAGE field (the page number): python-docx has no API for fields."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)


def build_docx(outline: Outline) -> bytes:
    """The document as DOCX bytes."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    w = _Writer()
    doc, Pt = w.doc, w.Pt

    # --- Title page (its own section: no header, no line numbers) ---------------------------------
    w.page_setup(doc.sections[0])
    w.para(outline.designation or outline.stage, "Tittelside", bold=True).runs[0].font.size = Pt(16)
    if outline.designation:
        w.para(outline.stage, "Tittelside", bold=True).runs[0].font.size = Pt(14)
    w.para("", "Tittelside")
    w.para(outline.title, "Tittelside", bold=True).runs[0].font.size = Pt(24)
    for label, value in outline.dates:
        w.labelled(f"{label}:", value, "Tittelside")
    if outline.version:
        w.labelled("Versjon:", outline.version, "Tittelside")
    if outline.draft_id:
        w.labelled("Utgave-id:", outline.draft_id, "Tittelside")
    if outline.warning:
        w.para("", "Tittelside")
        box = w.doc.add_table(rows=1, cols=1)
        box.style = w.styles["Table Grid"]
        cell = box.rows[0].cells[0]
        cell.paragraphs[0].style = w.styles["Tittelside"]
        cell.paragraphs[0].add_run("ADVARSEL").bold = True
        cell.add_paragraph(t(outline.warning), style=w.styles["Tittelside"])

    # --- The body: header, footer and line numbers ---------------------------------------------------
    # python-docx keeps the document-level w:sectPr for the newest section, so the title page is
    # sections[0] only once the body section exists.
    doc.add_section(WD_SECTION.NEW_PAGE)
    title_section, body = doc.sections[0], doc.sections[-1]
    w.page_setup(body)
    body.header.is_linked_to_previous = False
    body.footer.is_linked_to_previous = False
    header = body.header.paragraphs[0]
    header.text = t(outline.status_line)
    header.style.font.size = Pt(8)
    footer = body.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    w.page_field(footer)
    for paragraph in (*title_section.header.paragraphs, *title_section.footer.paragraphs):
        paragraph.text = ""
    w.number_lines(body)

    w.heading("Forord", 1)
    for text in outline.foreword:
        w.para(text)
    for text in outline.verbal_forms:
        w.para("\u2014\u00a0" + text, "Listepunkt")
    w.heading("Innledning", 1)
    for text in outline.introduction:
        w.para(text)
    if outline.objectives:
        w.para("Målene for arbeidet med standarden er:")
        w.items(outline.objectives)
    w.page_break()

    w.heading("1\u2003Omfang", 1)
    w.para(outline.scope_intro)
    w.items(outline.scope_items)
    w.heading("2\u2003Normative referanser", 1)
    if outline.normative:
        w.para("Følgende dokumenter er det vist til i teksten slik at noe av eller hele innholdet utgjør krav i "
               "dette dokumentet.")
        for ref in outline.normative:
            w.para(ref.text + (f". {ref.url}" if ref.url else ""))
    else:
        w.para(NO_NORMATIVE)
    w.heading("3\u2003Termer og definisjoner", 1)
    if outline.terms:
        w.para(TERMS_INTRO)
        for term in outline.terms:
            w.heading(term.number, 2)
            w.para(term.term, bold=True)
            w.para(term.definition)
            if term.note:
                w.labelled("Merknad 1 til termen:", term.note, "Merknad")
            if term.source:
                w.para(f"[KILDE: {term.source}]")
    else:
        w.para(NO_TERMS)

    numbers = {ref.id: ref.number for ref in outline.bibliography}
    for clause in outline.clauses:
        w.heading(f"{clause.number}\u2003{clause.title}", 1)
        if not clause.provisions:
            w.para("Dette punktet har ingen bestemmelser ennå.")
        for provision in clause.provisions:
            w.heading(f"{provision.number}\u2003{provision.id}\u2003{provision.title}", 2)
            w.para(provision.text)
            if provision.applies_to:
                w.para(provision.applies_to)
            if provision.rationale:
                w.labelled(NOTE, provision.rationale, "Merknad")

    # --- Annex A: traceability -------------------------------------------------------------------
    w.page_break()
    w.heading(f"{ANNEX_TITLE}\n{ANNEX_KIND}\n{ANNEX_NAME}", 1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    w.para("Tabellen viser hvilke kilder i bibliografien hver bestemmelse bygger på. «Utover lov» betyr at "
           "bestemmelsen bevisst går lenger enn det lovverket krever.")
    provisions = outline.provisions()
    table = doc.add_table(rows=1, cols=4)
    table.style = w.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, ("Punkt", "Id", "Bestemmelse", "Lovgrunnlag og kilder")):
        cell.paragraphs[0].add_run(text).bold = True
    w.repeat_as_header(table.rows[0])
    short = {ref.id: ref.short for ref in outline.bibliography}
    short.update({ref.id: ref.short for ref in outline.normative})
    for provision in provisions:
        cited = [f"{short.get(i, i)} [{numbers[i]}]" if i in numbers else short.get(i, i) for i in provision.sources]
        if provision.beyond_law:
            cited.append("Utover lov")
        cells = table.add_row().cells
        for cell, text in zip(cells, (provision.number, provision.id, provision.title, "; ".join(cited) or "–")):
            cell.paragraphs[0].add_run(t(text))
    table.autofit = False
    for column, width in zip(table.columns, ANNEX_COLUMNS_MM):
        column.width = w.Mm(width)  # the grid LibreOffice lays out by
        for cell in column.cells:
            cell.width = w.Mm(width)  # the cell widths Word lays out by

    # --- Bibliography ------------------------------------------------------------------------------
    w.page_break()
    w.heading(BIBLIOGRAPHY, 1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not outline.bibliography:
        w.para("Dokumentet viser ikke til andre kilder.")
    for ref in outline.bibliography:
        w.para(f"[{ref.number}]\u00a0{ref.text}" + (f". {ref.url}" if ref.url else ""), "Listepunkt")

    props = doc.core_properties
    props.title = t(outline.title)[:250]
    props.subject = t(outline.status_line)[:250]
    props.language = "nb-NO"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace folded, for comparing text read back from a document."""
    return _WS.sub(" ", text).strip()
