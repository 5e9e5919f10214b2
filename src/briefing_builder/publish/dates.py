"""Dates as teams write them on a sheet: 30/09/2025, 30 Sept 2025, 2025-09-30, September 2025.

Day first, as in the UK. A month alone means its last day (an action due "by September
2025" is overdue in October). Anything else ("ASAP", "ongoing") has no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr)
                if name})
_MONTHS["sept"] = 9
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?([A-Za-z]{3,9})\.?,?\s+(\d{4})")


def due_date(text: str) -> date | None:
    """The date `text` names, or None when it names none."""
    text = " ".join(text.split())[:100]
    try:
        if found := _ISO.search(text):
            return date(*(int(part) for part in found.groups()))
        if found := _NUMERIC.search(text):
            day, month, year = (int(part) for part in found.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        if (found := _WORDS.search(text)) and found.group(2).lower() in _MONTHS:
            month, year = _MONTHS[found.group(2).lower()], int(found.group(3))
            day = int(found.group(1)) if found.group(1) else \
                calendar.monthrange(year, month)[1]
            return date(year, month, day)
    except ValueError:  # 31/02/2025
        return None
    return None


def people(text: str) -> int | None:
    """The number of people present, from "12", "12 people" or "about 12"."""
    found = re.search(r"\d{1,5}", text)
    return int(found.group(0)) if found else None
