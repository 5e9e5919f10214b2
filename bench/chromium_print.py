"""Print HTML pages to PDF with one Chromium: the Chromium contestant of bench/batch.py.

    python bench/chromium_print.py OUT_DIR PAGE.html...

Launches Debian's Chromium once (through Playwright, as the editor's browser tests do),
opens each page from its file and prints it to OUT_DIR/<page>.pdf with the page's own
CSS page size and backgrounds, tagged, as the builder's PDFs are. The bench times this
whole process: Python's start, the browser's launch and every page.
"""

from __future__ import annotations

import inspect
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def main(output: Path, pages: list[Path]) -> None:
    output.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page()
        # Tags where this Playwright can ask for them (`tagged`, newer than 1.40).
        tags = {"tagged": True} if "tagged" in inspect.signature(tab.pdf).parameters else {}
        for page in pages:
            tab.goto(page.resolve().as_uri(), wait_until="load")
            tab.pdf(path=output / f"{page.stem}.pdf", prefer_css_page_size=True,
                    print_background=True, **tags)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]])
