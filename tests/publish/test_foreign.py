"""PDFs from elsewhere: rebuilt from what is allowed, within limits, named when refused.

Every hostile PDF here is made by tests/pdfs.py with pypdf. Each is bundled; the
bundle, the part's own PDF in the folder and the zip must all carry the rebuilt
copy: no payload in their bytes or in any stream decoded, no forbidden key in the
object graph, only links that are allowed, and every kind left out named.
"""

import io
import os
import subprocess
import sys
import zipfile

import pdfs
import pytest
from helpers import ROOT, active_parts, untagged_aside, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing_builder.bulletin import bundle
from briefing_builder.settings import Settings

MANIFEST = """\
title: Practice and Learning Bulletin – March 2022
issue: 2022-03
published: 2022-03-01
attachments:
  - pdf: ../reports/one.pdf
    title: Report one
  - pdf: ../reports/two.pdf
    title: Report two
"""
PART = "01-report-one.pdf"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "one.pdf").write_bytes(pdfs.pages(2))
    (tmp_path / "reports" / "two.pdf").write_bytes(pdfs.pages(1))
    (tmp_path / "issues").mkdir()
    write(tmp_path / "issues", "2022-03.yaml", MANIFEST)
    return tmp_path


def bundled(project, hostile: bytes, **settings):
    (project / "reports" / "one.pdf").write_bytes(hostile)
    return untagged_aside(bundle(project / "issues" / "2022-03.yaml",
                                 Settings(output=project / "build", **settings),
                                 project / "out"))


def outputs(project) -> dict[str, bytes]:
    """The bundle, the part's own PDF in the folder and the part in the zip."""
    with zipfile.ZipFile(project / "out" / "2022-03.zip") as archive:
        zipped = archive.read(PART)
    return {"bundle": (project / "out" / "2022-03.pdf").read_bytes(),
            "folder": (project / "out" / "2022-03" / PART).read_bytes(), "zip": zipped}


def links(data: bytes) -> list[str]:
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            action = annotation.get("/A")
            found.append(str(action.get("/URI") or action.get("/S")) if action else "dest")
    return found


LEFT_OUT = {
    "with_javascript": {"JavaScript", "actions that run on opening"},
    "with_actions": {"Launch actions", "GoToR actions", "SubmitForm actions",
                     "ImportData actions", "actions that run on opening"},
    "with_chained_actions": {"GoToR actions", "Launch actions", "JavaScript"},
    "with_bad_links": {"javascript: links", "file: links", "links that are not to web pages"},
    "with_files": {"embedded files", "associated files", "references to other files"},
    "with_forms": {"forms", "XFA forms", "JavaScript"},
    "with_rich_media": {"multimedia (RichMedia)", "Rendition actions"},
}


@pytest.mark.parametrize("maker", [*LEFT_OUT, "every_kind"])
def test_a_hostile_pdf_is_rebuilt_everywhere_and_what_was_left_out_is_named(project, maker):
    hostile = getattr(pdfs, maker)()
    result = bundled(project, hostile)
    assert not result.failed, [p.format() for p in result.problems]
    [cleaned] = [p for p in result.problems if p.code == "attachment-cleaned"]
    assert cleaned.severity.value == "warning" and cleaned.position.line == 5
    assert str(project / "reports" / "one.pdf") in cleaned.message
    expected = set().union(*LEFT_OUT.values()) if maker == "every_kind" else LEFT_OUT[maker]
    for kind in expected:
        assert kind in cleaned.message, kind
    found = outputs(project)
    assert found["folder"] == found["zip"]
    for where, data in found.items():
        assert not pdfs.carries_payload(data), where  # the bytes, raw and decoded
        reader = PdfReader(io.BytesIO(data))
        assert active_parts(reader) == set(), where
        for link in links(data):
            assert link.startswith(("https:", "http:", "mailto:")) or link in ("dest", "/GoTo")
    part = PdfReader(io.BytesIO(found["folder"]))
    assert [page.extract_text().strip() for page in part.pages][:2] == ["Page 1", "Page 2"]


def test_links_to_web_pages_and_to_the_same_pdf_are_kept_and_the_outline_too(project):
    result = bundled(project, pdfs.with_chained_actions())
    assert not result.failed
    part = outputs(project)["folder"]
    assert links(part) == ["https://example.org/ok", "/GoTo"]
    reader = PdfReader(io.BytesIO(part))
    goto = reader.pages[0]["/Annots"][1].get_object()["/A"]
    assert reader.get_page_number(goto["/D"][0].get_object()) == 1
    [item] = reader.outline
    assert item["/Title"] == "Page two" and reader.get_destination_page_number(item) == 1
    assert "/A" not in item  # its action, and what was chained to it, are gone


def test_only_https_http_and_mailto_links_survive(project):
    bundled(project, pdfs.with_bad_links())
    assert links(outputs(project)["folder"]) == ["https://example.org/kept",
                                                "mailto:team@example.org"]


def test_named_destinations_are_the_parts_own_in_a_bundle(project):
    (project / "reports" / "two.pdf").write_bytes(pdfs.with_named_destinations("two"))
    result = bundled(project, pdfs.with_named_destinations("one"))
    assert not result.failed, [p.format() for p in result.problems]
    reader = PdfReader(project / "out" / "2022-03.pdf")
    names = reader.named_destinations
    for label, first_page in (("one", 1), ("two", 3)):  # after the contents page
        page = reader.pages[first_page]
        [link] = [a.get_object() for a in page["/Annots"]
                  if a.get_object().get("/Contents") == f"to the chapter of {label}"]
        target = names[str(link["/Dest"])]
        # Each part's link leads to its own second page, never to the other part's.
        assert reader.get_destination_page_number(target) == first_page + 1
    assert len({str(name) for name in names}) == 2


@pytest.mark.parametrize("make,settings,words", [
    (lambda: pdfs.pages(6), {"attachment_max_pages": 5}, "has 6 pages; an attachment may "
     "have at most 5 (attachment_max_pages)"),
    (lambda: pdfs.lying_page_count(), {}, "1,000,000,000 pages"),
    (pdfs.no_pages, {}, "has no pages"),
    (lambda: pdfs.bomb(30), {"attachment_max_stream_mb": 10}, "decodes to more than 10 MB "
     "(attachment_max_stream_mb)"),
    (pdfs.picture_bomb, {}, "decodes to more than 100 MB"),
    (lambda: pdfs.bomb(6, pages=4), {"attachment_max_decoded_mb": 20},
     "its streams together decode to more than 20 MB (attachment_max_decoded_mb)"),
    (lambda: pdfs.pages(3) + b"%" + b" " * 30_000 + b"\n%%EOF\n",
     {"attachment_max_mb": 0.02}, "an attachment may be at most 0.02 MB (attachment_max_mb)"),
])
def test_a_pdf_over_a_limit_is_refused_naming_the_limit(project, make, settings, words):
    result = bundled(project, make(), **settings)
    [problem] = result.problems
    assert problem.code == "attachment-bad" and words in problem.message, problem.format()
    assert problem.position.line == 5
    assert not (project / "out").exists()


def test_the_limits_are_settings_with_sensible_defaults():
    settings = Settings()
    assert (settings.attachment_max_mb, settings.attachment_max_pages,
            settings.attachment_max_stream_mb, settings.attachment_max_decoded_mb) == (
        50, 500, 100, 500)


def test_a_fifo_is_refused_at_once_never_waited_on(project):
    fifo = project / "reports" / "one.pdf"
    fifo.unlink()
    os.mkfifo(fifo)
    run = subprocess.run([sys.executable, "-m", "briefing_builder", "bundle",
                          str(project / "issues" / "2022-03.yaml"), "-o", str(project / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "a named pipe (FIFO), not a PDF file [attachment-bad]" in run.stdout


def test_a_folder_or_a_device_is_refused(project):
    (project / "reports" / "one.pdf").unlink()
    (project / "reports" / "one.pdf").mkdir()
    result = untagged_aside(bundle(project / "issues" / "2022-03.yaml",
                                   Settings(output=project / "build"), project / "out"))
    assert [p.code for p in result.problems] == ["attachment-bad"]
    assert "it is a folder, not a PDF file" in result.problems[0].message
    if os.geteuid() != 0:
        return  # only root may make a device
    os.rmdir(project / "reports" / "one.pdf")
    os.mknod(project / "reports" / "one.pdf", 0o600 | 0o020000, os.makedev(1, 5))  # zero
    result = bundle(project / "issues" / "2022-03.yaml", Settings(output=project / "build"),
                    project / "out")
    assert "it is a device, not a PDF file" in result.problems[0].message


BASES = [pdfs.every_kind(), pdfs.with_named_destinations("x"), pdfs.with_chained_actions()]


@settings(max_examples=60, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(range(len(BASES))),
       st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.binary(max_size=12)),
                max_size=4))
def test_any_damage_to_a_pdf_is_refused_or_rebuilt_never_raised(tmp_path_factory, base, edits):
    """Bytes cut, replaced or inserted anywhere: the attachment is refused with a reason, or
    rebuilt with nothing of what was left out in it (but what a damaged stream swallowed,
    which is drawn, never run or saved)."""
    from briefing_builder.publish.bundle import read_part

    data = BASES[base]
    for where, cut, inserted in edits:
        at = int(where * len(data))
        data = data[:at] + inserted + data[at + cut:]
    path = tmp_path_factory.mktemp("fuzz") / "a.pdf"
    path.write_bytes(data)
    part, left_out, reason = read_part(path, "A report", "PDF", foreign=True)
    if part is None:
        assert reason is not None and reason[0] == "attachment-bad" and str(path) in reason[1]
        return
    assert reason is None and not pdfs.carries_payload_besides_streams(part.data)
    assert active_parts(PdfReader(io.BytesIO(part.data))) == set()
