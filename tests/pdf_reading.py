"""Read a built PDF the way a reader would: words and where they sit, links, fonts."""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject, PdfReader

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Run:
    """A run of text and the millimetres of its baseline start from the page's top left."""

    text: str
    left: float
    top: float


def runs(page: PageObject) -> list[Run]:
    """Return the text runs of a page in content-stream (reading) order."""
    height = float(page.mediabox.height)
    found: list[Run] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Run(text.strip(), x * MM_PER_PT, (height - y) * MM_PER_PT))

    page.extract_text(visitor_text=visit)
    return found


def page_size_mm(page: PageObject) -> tuple[float, float]:
    return (round(float(page.mediabox.width) * MM_PER_PT, 1),
            round(float(page.mediabox.height) * MM_PER_PT, 1))


def link_targets(page: PageObject) -> list[str]:
    """The URIs of the page's link annotations, in order."""
    targets = []
    for annotation in page.get("/Annots") or ():
        annotation = annotation.get_object()
        if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
            targets.append(str(annotation["/A"].get("/URI")))
    return targets


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Map each font's name to whether its program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts", [font])[0].get_object()
            descriptor = descendant.get("/FontDescriptor", {})
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def font_sizes(page: PageObject) -> dict[str, float]:
    """Map each text run to the size, in points, it is printed at."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = round(size * abs(tm[0]) * abs(cm[0]), 2)

    page.extract_text(visitor_text=visit)
    return sizes


def picture(path, page: int = 0, dpi: int = 100):
    """Return a page of the PDF as a greyscale PIL image."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = document[page].render(scale=dpi / 72)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()
