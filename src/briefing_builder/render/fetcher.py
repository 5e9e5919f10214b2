"""The one door WeasyPrint has to the outside world: files of the house style, nothing else."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .engine import URLFetcher, URLFetcherResponse


class StylesFetcher(URLFetcher):
    """A URL fetcher that serves only files inside the given folders."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []
        # Files the builder makes for the house style, served as if they were in it.
        self.generated: dict[Path, tuple[bytes, str]] = {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is not None and parts.netloc in ("", "localhost") and path in self.generated:
            data, content_type = self.generated[path]
            return URLFetcherResponse(path.as_uri(), data, {"Content-Type": content_type})
        if path is None or parts.netloc not in ("", "localhost") or not any(
                path.is_relative_to(root) for root in self.roots) or not path.is_file():
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the house style's own files are used")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                  {"Content-Type": content_type})
