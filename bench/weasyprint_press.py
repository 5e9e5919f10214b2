"""Print HTML pages to PDF with WeasyPrint alone, in one process: the floor of bench/batch.py.

    python bench/weasyprint_press.py OUT_DIR PAGE.html...

The same final pages Chromium prints (each briefing already fitted), each laid out and
written by WeasyPrint's own API, as the `weasyprint` command would, in one process kept
running: no checks, no fitting, no tags for PDF/UA, nothing of the builder's. What this
costs a page is what any tool making these pages with WeasyPrint pays at the least.
"""

from __future__ import annotations

import sys
from pathlib import Path

from weasyprint import HTML


def main(output: Path, pages: list[Path]) -> None:
    output.mkdir(parents=True, exist_ok=True)
    for page in pages:
        HTML(filename=page).write_pdf(output / f"{page.stem}.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]])
