"""Archival PDFs: the source inside byte for byte (its comments checked), and reading one back bounded like
any PDF from elsewhere: its size first, never a source decoded past a briefing's size."""

import io
import os
import subprocess
import sys

import pdfs
import yaml
from click.testing import CliRunner
from helpers import ROOT, minimal, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.cli import main
from briefing_builder.settings import Settings


def test_the_source_is_archived_byte_for_byte_and_its_comments_are_checked(tmp_path):
    notes = ("# Notes: the family lives at 12 Acacia Avenue, the mother's NHS number is\n"
             "# 943 476 5919. Do not publish.\n")
    plain = yaml.safe_dump(minimal(), allow_unicode=True, sort_keys=False)
    body = plain.replace("subject: ALEX\n", "subject: ALEX  # ask Jenny Wilkinson first\n")
    path = write(tmp_path, "a.yaml", notes + body)
    [refused] = build([path], tmp_path / "out", settings=Settings(pdf_a=True))
    assert refused.status == "failed" and not (tmp_path / "out" / "a.pdf").exists()
    found = {(p.code, p.position.line): p.format() for p in refused.problems}
    line = 3 + body[:body.index("subject: ALEX")].count("\n")
    assert set(found) == {("street-address", 1), ("nhs-number", 2), ("undeclared-name", line)}
    assert "in a comment" in found["nhs-number", 2]
    assert "(take it out of the comment)" in found["undeclared-name", line]
    assert found["street-address", 1].startswith(f"{path}:1:")
    # Comments without identifying details are archived as they are, with every other byte.
    fine = ("# 7-minute briefing for the July issue.\n"
            + plain.replace("subject: ALEX\n", "subject: ALEX  # the review's pseudonym\n"))
    path.write_bytes(fine.encode("utf-8").replace(b"\n", b"\r\n"))
    [result] = build([path], tmp_path / "out", settings=Settings(pdf_a=True))
    assert result.status == "built", [p.format() for p in result.problems]
    assert PdfReader(result.output).attachments == {"a.yaml": [path.read_bytes()]}
    assert extract(result.output).stdout_bytes == path.read_bytes()


def pdf_with_source(data: bytes, name: str = "a.yaml", compress: bool = True) -> bytes:
    writer = pdfs.plain(1)
    stream = pdfs.stream(data, compress=compress, Type="/EmbeddedFile")
    spec = writer._add_object(pdfs.d(Type="/Filespec", F=name, UF=name,
                                     EF=pdfs.d(F=writer._add_object(stream))))
    writer._root_object[pdfs.name("/Names")] = pdfs.d(EmbeddedFiles=pdfs.d(Names=[
        pdfs.TextStringObject(name), spec]))
    return pdfs.finished(writer)


def extract(path):
    return CliRunner().invoke(main, ["extract", str(path)])


def test_a_source_larger_than_a_briefing_is_not_decoded_or_written(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_with_source(b"title: x\n" + b"#" * 200_000_000))
    assert bomb.stat().st_size < 1_000_000
    result = extract(bomb)
    assert result.exit_code == 1
    assert "is larger than a briefing may be (1,048,576 bytes)" in result.stderr
    assert result.stderr.endswith("[source-unusable]\n") and result.stdout == ""


def test_an_embedded_file_that_is_not_text_is_not_printed(tmp_path):
    path = tmp_path / "binary.pdf"
    path.write_bytes(pdf_with_source(b"title: x\n\x1b]0;owned\x07\x1b[2J", compress=False))
    result = extract(path)
    assert result.exit_code == 1 and "not a briefing source" in result.stderr
    assert "\x1b" not in result.output


def test_extract_refuses_a_fifo_at_once(tmp_path):
    fifo = tmp_path / "a.pdf"
    os.mkfifo(fifo)
    run = subprocess.run([sys.executable, "-m", "briefing_builder", "extract", str(fifo)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr == f"{fifo}: error: it is a named pipe (FIFO), not a PDF file " \
        "[pdf-unreadable]\n"


def test_a_source_the_builder_embedded_comes_back(tmp_path):
    data = pdf_with_source("title: Ünïcode\n".encode())
    assert PdfReader(io.BytesIO(data)).attachments
    path = tmp_path / "ok.pdf"
    path.write_bytes(data)
    assert extract(path).stdout_bytes == "title: Ünïcode\n".encode()
