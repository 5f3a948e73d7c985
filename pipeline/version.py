"""Versions recorded on every row and run: the code + rules hash decides what needs reprocessing."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"
_PKG = Path(__file__).resolve().parent


_SOURCES = (".py", ".yaml", ".txt", ".json", ".cfg")


def _hashed(f: Path) -> bool:
    """What decides outputs: runtime sources, rules and lexicons, and every file of a shipped model
    (its weights have no suffix). Training code lives outside the package (training/) and is not here."""
    if not f.is_file() or "__pycache__" in f.parts:
        return False
    return f.suffix in _SOURCES or f.relative_to(_PKG).parts[0] == "models"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Package version + hash of the runtime code, rules, lexicons and models of the pipeline package."""
    h = hashlib.sha256()
    for f in sorted(filter(_hashed, _PKG.rglob("*"))):
        h.update(str(f.relative_to(_PKG)).encode())
        h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def matching_stamp(path: Path, record: dict) -> dict | None:
    """The JSON build stamp at path if it records the same inputs as ``record`` (every key equal).

    Cached builds (NER DocBins, char vectors, word lexicon) stamp what they were built from and are
    reused only while the stamp matches; None means build again.
    """
    if not path.is_file():
        return None
    old = json.loads(path.read_text(encoding="utf-8"))
    return old if all(old.get(key) == value for key, value in record.items()) else None


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in (
        "spacy",
        "prefect",
        "pydantic",
        "pyarrow",
        "opencc",
        "cn2an",
        "jionlp",
        "charset-normalizer",
        "trafilatura",
        "readability-lxml",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out
