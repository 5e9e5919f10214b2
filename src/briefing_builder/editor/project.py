"""The project's briefings as the editor sees them: found by name inside the briefings
folder only, read with the digest of their bytes, listed with what `check` says of them,
and saved atomically only when nobody changed them since they were opened."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..batch import find_briefings
from ..pipeline import Press, check_one
from ..publish.files import is_up_to_date, write_atomic
from ..settings import Settings
from ..source.kinds import Kind
from ..source.new import NAME, new_briefing
from ..source.words import briefing_words, reading_minutes

# An existing briefing's name as the browser may give it: no slashes, no dots at the start.
EXISTING = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")
SUFFIXES = (".yaml", ".yml")


class NotFound(LookupError):
    """No briefing of that name in the project's briefings folder."""


@dataclass(frozen=True)
class Opened:
    """A briefing file as read: its name, path, text and the digest of its bytes."""

    name: str
    path: Path
    text: str
    digest: str


@dataclass(frozen=True)
class Listed:
    """One briefing on the home page."""

    name: str
    title: str
    label: str | None
    minutes: int | None
    errors: int
    warnings: int
    built: str


@dataclass(frozen=True)
class Saved:
    """What a save did: `ok`, or refused because the file changed (`theirs` is on disk)."""

    ok: bool
    digest: str
    theirs: str | None = None


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Project:
    """The briefings folder of one project, and nothing outside it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = settings.briefings.resolve()
        self._saving = threading.Lock()

    def path_of(self, name: str) -> Path:
        """The file of the briefing called `name`. Raises NotFound for any name that is not
        a briefing file directly inside the briefings folder (no other path is reachable)."""
        if not EXISTING.match(name or ""):
            raise NotFound(name)
        for suffix in SUFFIXES:
            path = self.folder / f"{name}{suffix}"
            if path.is_file() and path.resolve().parent == self.folder:
                return path
        raise NotFound(name)

    def names(self) -> list[str]:
        """The names of the briefings in the folder, sorted."""
        if not self.folder.is_dir():
            return []
        return [path.stem for path in find_briefings([self.folder])
                if EXISTING.match(path.stem) and path.resolve().parent == self.folder]

    def open(self, name: str) -> Opened:
        path = self.path_of(name)
        raw = path.read_bytes()
        return Opened(name, path, raw.decode("utf-8-sig", errors="replace"), digest_of(raw))

    def listing(self, press: Press) -> list[Listed]:
        """Every briefing with its title, label, reading time, findings (before fitting), and
        whether its PDF was built from the file as it is now."""
        found = []
        for name in self.names():
            path = self.path_of(name)
            item = check_one(path, press.rules)
            briefing = item.briefing
            target = self.settings.output / f"{name}.pdf"
            raw = item.document.raw if item.document else b""
            if is_up_to_date(target, press.digest(raw, path)):
                built = "built"
            else:
                built = "built, but changed since" if target.is_file() else "not built"
            title = briefing.title if briefing else _title_of(item.document) or name
            found.append(Listed(
                name, title, briefing.label if briefing else None,
                reading_minutes(briefing_words(briefing)) if briefing else None,
                sum(p.is_error for p in item.problems),
                sum(not p.is_error for p in item.problems), built))
        return found

    def save(self, name: str, text: str, base: str) -> Saved:
        """Write `text` over the briefing, atomically, unless the file's bytes are no longer
        those with digest `base`; then nothing is written and their text comes back."""
        path = self.path_of(name)
        with self._saving:
            raw = path.read_bytes()
            if digest_of(raw) != base:
                return Saved(False, digest_of(raw), raw.decode("utf-8-sig", errors="replace"))
            data = text.encode("utf-8")
            write_atomic(path, data)
            return Saved(True, digest_of(data))

    def create(self, name: str, kind: Kind) -> str:
        """Start a new briefing as `briefing new` does; returns its name. Raises ValueError
        for a name that is not plain, FileExistsError when it is taken."""
        if not NAME.match(name):
            raise ValueError("use lower-case letters, digits and hyphens, e.g. alex or "
                             "police-protection")
        if any((self.folder / f"{name}{suffix}").exists() for suffix in SUFFIXES):
            raise FileExistsError(name)
        new_briefing(name, self.folder, kind)
        return name

    def write_new(self, name: str, text: str) -> str:
        """Write a new briefing made elsewhere (an imported document). Raises as `create`."""
        if not NAME.match(name):
            raise ValueError("use lower-case letters, digits and hyphens")
        if any((self.folder / f"{name}{suffix}").exists() for suffix in SUFFIXES):
            raise FileExistsError(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / f"{name}.yaml", "x", encoding="utf-8") as stream:
            stream.write(text)
        return name


def _title_of(document) -> str | None:
    data = getattr(document, "data", None)
    title = data.get("title") if isinstance(data, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else None
