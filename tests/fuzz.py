"""The long fuzz run: `make fuzz` (FUZZ_MINUTES=10 by default).

Runs the properties of test_fuzz.py again and again with fresh random examples
until the time is up, and stops at the first failure with hypothesis's smallest
example of it. Every run also checks that no example took longer than a bound.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["FUZZ_PROFILE"] = "long"
sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent / "integration")]

import test_fuzz

PROPERTIES = [test_fuzz.test_check_answers_any_source_plainly,
              test_fuzz.test_check_answers_any_bytes_plainly,
              test_fuzz.test_build_writes_a_whole_pdf_or_nothing,
              test_fuzz.test_the_command_line_never_shows_a_traceback,
              test_fuzz.test_one_briefing_never_brings_down_the_others]
# No single round of examples may take longer than this: a hang is a failure too.
ROUND_SECONDS = 600


def main() -> int:
    minutes = float(os.environ.get("FUZZ_MINUTES", "10"))
    end = time.monotonic() + minutes * 60
    rounds = 0
    while time.monotonic() < end:
        for prop in PROPERTIES:
            started = time.monotonic()
            prop()
            took = time.monotonic() - started
            if took > ROUND_SECONDS:
                print(f"{prop.__name__}: one round took {took:.0f} s", file=sys.stderr)
                return 1
        rounds += 1
        print(f"round {rounds} passed, {max(0, end - time.monotonic()) / 60:.1f} minutes left",
              flush=True)
    print(f"fuzzing: {rounds} rounds of {len(PROPERTIES)} properties, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
