"""Write outputs atomically, and remember what they were built from."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

STAMPS = ".briefing-builder"


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that readers see the old file or the new one, never half.

    Raises OSError when the folder cannot be written; `target` is then unchanged.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    write_atomic(_stamp(target), digest.encode("ascii") + b"\n")


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
                         json.dumps(data, sort_keys=True).encode("utf-8"))
        except OSError:
            pass
