"""PDFs from elsewhere: vetted before they are bundled, and cleaned of active content.

Manifests point at PDFs from other agencies. Nothing in them may act when a
practitioner opens the bundle: JavaScript, actions that run on opening a
document or a page, launch and form-submission actions and embedded files are
taken out, and the bundle says what was taken from which attachment.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject, NameObject

# Actions that run code, open other files or send data. Links to web pages and to pages
# of the same document (/URI, /GoTo) stay.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm",
                  "/GoToR", "/GoToE", "/Rendition", "/Sound", "/Movie", "/RichMediaExecute"}


def read_pdf(data: bytes) -> tuple[PdfReader | None, str | None]:
    """Return the PDF read from `data`, or None and why it cannot be used."""
    if not data:
        return None, "the file is empty"
    if data.lstrip()[:5] != b"%PDF-":
        return None, "the file is not a PDF"
    if b"%%EOF" not in data[-2048:]:
        return None, "the PDF is truncated (it has no end-of-file marker)"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None, "the PDF is encrypted; attach an unprotected copy"
        for page in reader.pages:
            page.get_contents()
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        return None, f"the PDF is damaged ({exc})"
    return reader, None


def _is_active(action) -> bool:
    action = action.get_object() if hasattr(action, "get_object") else action
    return isinstance(action, DictionaryObject) and (
        action.get("/S") in ACTIVE_ACTIONS or "/JS" in action)


def _clean(holder: DictionaryObject, removed: set[str]) -> None:
    """Take the active parts out of a catalog, page or annotation dictionary."""
    if "/AA" in holder:
        del holder["/AA"]
        removed.add("actions that run on opening")
    for key in ("/OpenAction", "/A"):
        if key in holder and _is_active(holder[key]):
            removed.add("JavaScript" if "/JS" in holder[key].get_object()
                        else f"{str(holder[key].get_object()['/S'])[1:]} actions")
            del holder[key]


def without_active_content(reader: PdfReader) -> tuple[bytes | None, list[str]]:
    """Return the PDF with its active content removed and what was removed.

    Returns (None, []) when there was nothing to remove.
    """
    writer = PdfWriter(clone_from=reader)
    removed: set[str] = set()
    root = writer._root_object
    _clean(root, removed)
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        for key, what in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "embedded files")):
            if key in names:
                del names[key]
                removed.add(what)
    if "/AF" in root:
        del root["/AF"]
        removed.add("embedded files")
    for page in writer.pages:
        _clean(page, removed)
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = []
        for reference in annotations.get_object():
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                removed.add("embedded files")
                continue
            _clean(annotation, removed)
            kept.append(reference)
        page[NameObject("/Annots")] = type(annotations.get_object())(kept)
    if not removed:
        return None, []
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue(), sorted(removed)
