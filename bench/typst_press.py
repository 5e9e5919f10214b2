"""Compile the Typst twin of each briefing to PDF: the Typst contestant of bench/batch.py.

    python bench/typst_press.py OUT_DIR DATA.json...

Every JSON file must sit beside a copy of bench/typst-twin/briefing.typ (bench/workload.py
puts them so). One `typst.Compiler` compiles them all, one after another, in this one
process, as a Python user of the `typst` package would; run with one file, it is the
per-file way. The bench times this whole process.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typst


def main(output: Path, data: list[Path]) -> None:
    output.mkdir(parents=True, exist_ok=True)
    folder = data[0].parent
    compiler = typst.Compiler(folder / "briefing.typ", root=folder)
    for path in data:
        compiler.compile(output=output / f"{path.stem}.pdf", sys_inputs={"data": path.name})


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]])
