"""What an archival PDF/A-3a needs beyond what the layout engine writes, so that it stays a
PDF/UA-1 too: images that are not interpolated, the XMP metadata as plain text (PDF/A
forbids a filter on it), and the PDF/UA identification (pdfuaid:part 1) with the extension
schema PDF/A asks for whenever a schema outside its own list is used."""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator

PDFUA_ID = '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" ' \
    'pdfuaid:part="1" />'
# PDF/A-3 (ISO 19005-3, 6.6.2.3) accepts a schema beyond its predefined ones only when the
# file describes it with the PDF/A extension schema: here, PDF/UA's identification.
PDFUA_EXTENSION = (
    '<rdf:Description rdf:about="" '
    'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>'
    '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>'
    '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>'
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    '<pdfaProperty:name>part</pdfaProperty:name>'
    '<pdfaProperty:valueType>Integer</pdfaProperty:valueType>'
    '<pdfaProperty:category>internal</pdfaProperty:category>'
    '<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed'
    '</pdfaProperty:description></rdf:li></rdf:Seq></pdfaSchema:property>'
    '</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>')


@contextlib.contextmanager
def quiet_pdf_reader() -> Iterator[None]:
    """pypdf, reading what the layout engine wrote, warns that the trailer's /Size counts
    fewer objects than it finds (the engine counts as the standard allows): not a problem."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _unambiguous_end(stream) -> None:
    """A stream whose bytes end in a carriage return reads, before `endstream`, as a longer
    end of line than it is, and its /Length as wrong (PDF/A, 6.1.7.1). zlib's last bytes
    are a checksum of the content, so a drawing's content gets a space at its end (which
    draws nothing); any other stream is kept uncompressed where that ends it otherwise."""
    data = getattr(stream, "_data", None)
    if not isinstance(data, bytes) or not data.endswith(b"\r") or \
            stream.get("/Filter") != "/FlateDecode":
        return
    content = zlib.decompress(data)
    if stream.get("/Subtype") == "/Form":
        for padding in range(1, 8):
            again = zlib.compress(content + b" " * padding, 9)
            if not again.endswith(b"\r"):
                stream._data = again
                return
    elif not content.endswith(b"\r"):
        del stream["/Filter"]  # its /Length is written anew with it
        stream._data = content


def archival(pdf: bytes) -> bytes:
    """The PDF/A-3a the layout engine wrote, made to pass PDF/A-3a and PDF/UA-1 both.
    Everything else, the embedded source included, is kept as it was."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DecodedStreamObject, NameObject

    with quiet_pdf_reader():
        reader = PdfReader(io.BytesIO(pdf))
        writer = PdfWriter(clone_from=reader)
    for image in writer._objects:  # pages', patterns' and masks' images alike
        if hasattr(image, "get") and image.get("/Subtype") == "/Image" and \
                "/Interpolate" in image:
            image[NameObject("/Interpolate")] = BooleanObject(False)
        _unambiguous_end(image)
    root = writer._root_object
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    if "pdfuaid:part" not in xmp:
        xmp = xmp.replace("</rdf:RDF>", PDFUA_ID + PDFUA_EXTENSION + "</rdf:RDF>", 1)
    metadata = DecodedStreamObject()
    metadata.set_data(xmp.encode("utf-8"))
    metadata.update({NameObject("/Type"): NameObject("/Metadata"),
                     NameObject("/Subtype"): NameObject("/XML")})
    root[NameObject("/Metadata")] = writer._add_object(metadata)
    writer._info = reader.trailer.raw_get("/Info")  # the engine's, matching the XMP
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()
