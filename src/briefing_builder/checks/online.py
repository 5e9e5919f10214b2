"""`check --online`: ask every link in a briefing whether it still answers.

Off by default: checking needs the network, and a briefing is not wrong
because a website was down for a minute. Findings are warnings.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from ..problems import Problem, warning
from ..source.load import KeyPath, SourceDocument
from ..source.markup import links
from ..source.model import Briefing

TIMEOUT_SECONDS = 10


def briefing_links(document: SourceDocument, briefing: Briefing) -> Iterator[tuple[KeyPath, str]]:
    """Yield every web link of the briefing with where it is written."""
    for key, text in document.strings():
        if key[-1] == "url" and text.strip():
            yield key, text.strip()
    for key, text in document.strings():
        if key[-1] != "url":
            for url in links(text):
                yield key, url


def answer(url: str, timeout: float = TIMEOUT_SECONDS) -> str | None:
    """Return why `url` does not answer, or None when it does."""
    if not url.startswith(("http://", "https://")):
        return None
    headers = {"User-Agent": "briefing-builder link check"}
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method=method,
                                                               headers=headers),
                                        timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            exc.close()
            reason = f"the server answered {exc.code} {exc.reason}"
            if exc.code not in (403, 405, 501):
                return reason
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return f"no answer ({getattr(exc, 'reason', exc)})"
    return reason


def check_online(document: SourceDocument, briefing: Briefing,
                 timeout: float = TIMEOUT_SECONDS) -> list[Problem]:
    """Warn about every link that does not answer, a few at a time."""
    found = list(dict.fromkeys(briefing_links(document, briefing)))
    with ThreadPoolExecutor(max_workers=4) as pool:
        reasons = list(pool.map(lambda item: answer(item[1], timeout), found))
    return [warning(document.path, document.locate(key, url), "link-unreachable",
                    f"{url}: {reason}", "check the address, or link to the page it moved to")
            for (key, url), reason in zip(found, reasons, strict=True) if reason]
