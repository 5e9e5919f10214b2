"""Write outputs atomically, alone or together, and remember what they were built from."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

STAMPS = ".briefing-builder"
# A temporary file is named for its target and the process writing it: `.a.pdf.1234.x1y2.tmp`.
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


def write_atomic(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `target` so that readers see the old file or the new one, never half.

    A `durable` file is on the disk before it replaces the old one; a stamp or a cache entry,
    which a crash may only make stale (and so rebuilt), need not wait for the disk.
    Raises OSError when the folder cannot be written; `target` is then unchanged.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent,
                                         prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        try:
            _write_all(handle, data, durable=durable)
        finally:
            os.close(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed run left in `folder`: those of processes that
    are gone. A build running beside this one keeps its own."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.match(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                _remove(folder / name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _write_all(handle: int, data: bytes, *, durable: bool = True) -> None:
    """Write every byte to the open file and, if `durable`, wait until they are on the disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]
    if durable:
        os.fsync(handle)


def _write_file(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o666)
    try:
        _write_all(handle, data)
    finally:
        os.close(handle)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold `path` locked: one bundle of an issue at a time."""
    with open(path, "a+b") as stream:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no lock, as before
            yield
            return
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


def replace_together(folder: Path, key: str,
                     files: dict[str, bytes | dict[str, bytes] | None]) -> None:
    """Put `files` into `folder` so that readers see all the new ones or all the old ones.

    Each name maps to a file's bytes, or to a folder's files (name -> bytes), which
    replaces the whole folder: a file no longer listed disappears; or to None: a file
    no longer made, removed with the others' replacing. Everything is
    written into a staging folder first (`.briefing-builder/KEY.new`), then swapped in
    by renaming, the old ones kept aside (`KEY.old`) until all the new ones are in
    place. A run killed in between is undone by the next one, which also removes the
    staging folder and temporary files a killed run left. Raises OSError when they
    cannot be written (a full disk, a read-only folder); the old ones are then as
    they were.
    """
    work = folder / STAMPS
    work.mkdir(parents=True, exist_ok=True)
    staging, old, trash = (work / f"{key}.{end}" for end in ("new", "old", "trash"))
    with _locked(work / f"{key}.lock"):
        _undo(folder, old, list(files))
        _remove(trash)
        for name in files:  # temporary files of earlier ways of writing a bundle
            for stale in folder.glob(f".{glob.escape(name)}.*.tmp"):
                with contextlib.suppress(OSError):
                    _remove(stale)
        try:
            _remove(staging)
            _stage(staging, files)
            _swap(folder, staging, old, list(files))
            os.rename(old, trash)  # done: the old ones go, in one step
            _remove(trash)
        finally:
            with contextlib.suppress(OSError):
                _remove(staging)


def _stage(staging: Path, files: dict[str, bytes | dict[str, bytes] | None]) -> None:
    staging.mkdir()
    for name, content in files.items():
        if content is None:
            continue
        if isinstance(content, dict):
            (staging / name).mkdir()
            for inner, data in content.items():
                _write_file(staging / name / inner, data)
        else:
            _write_file(staging / name, content)


def _swap(folder: Path, staging: Path, old: Path, names: list[str]) -> None:
    """Move the old outputs aside, noting those there were none of, then the new in."""
    old.mkdir()
    try:
        for name in names:
            if os.path.lexists(folder / name):
                os.rename(folder / name, old / name)
            else:
                (old / f"{name}.absent").touch()
        for name in names:
            if os.path.lexists(staging / name):  # not: a file no longer made
                os.rename(staging / name, folder / name)
    except BaseException:
        _undo(folder, old, names)
        raise


def _undo(folder: Path, old: Path, names: list[str]) -> None:
    """Put back what an unfinished swap moved aside; nothing to do when there was none."""
    if not old.exists():
        return
    for name in names:
        if os.path.lexists(old / name):
            if os.path.lexists(folder / name):
                _remove(folder / name)
            os.rename(old / name, folder / name)
        elif (old / f"{name}.absent").exists() and os.path.lexists(folder / name):
            _remove(folder / name)
    _remove(old)


def assets_digest(*folders: Path) -> str:
    """Return a hash of every file in `folders` (the house style, the templates)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_digest(source: bytes, assets: str, options: str) -> str:
    """Return a hash of everything a briefing's PDF depends on: source, assets, options."""
    digest = hashlib.sha256(f"{options}\0{assets}\0source\0".encode())
    digest.update(source)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of this package's code and of the layout engine's version, for what is
    kept of a layout: what other code found is not trusted."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("weasyprint").encode())
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamp(target: Path) -> Path:
    return target.parent / STAMPS / f"{target.name}.sha256"


def is_up_to_date(target: Path, digest: str) -> bool:
    """True when `target` exists and was last built from inputs with this digest."""
    try:
        return target.is_file() and _stamp(target).read_text("ascii").strip() == digest
    except OSError:
        return False


def record(target: Path, digest: str) -> None:
    """Remember that `target` was built from inputs with this digest."""
    write_atomic(_stamp(target), digest.encode("ascii") + b"\n", durable=False)


class JsonStore:
    """Small JSON files in a folder, written atomically: a cache that is safe to delete."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, name: str) -> dict | None:
        """The data kept under `name`, or None (never kept, unreadable or not JSON)."""
        try:
            data = json.loads((self.folder / f"{name}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, name: str, data: dict) -> None:
        """Keep `data` under `name`; a folder that cannot be written only loses the cache."""
        try:
            write_atomic(self.folder / f"{name}.json",
                         json.dumps(data, sort_keys=True).encode("utf-8"), durable=False)
        except OSError:
            pass


class Kept:
    """A number for each output file, what its last build chose, kept in the process and
    beside the file (`STAMPS/<kind>/`, a cache that is safe to delete) for the next run."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._known: dict[Path, float] = {}

    def get(self, output: Path) -> float | None:
        if output not in self._known:
            kept = JsonStore(output.parent / STAMPS / self.kind).get(output.name) or {}
            if not isinstance(kept.get("value"), float):
                return None
            self._known[output] = kept["value"]
        return self._known[output]

    def put(self, output: Path, value: float) -> None:
        if self.get(output) != value:
            self._known[output] = value
            JsonStore(output.parent / STAMPS / self.kind).put(output.name, {"value": value})
