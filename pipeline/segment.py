"""Chinese word segmentation: spaCy's char segmenter, or pkuseg with the project's user dictionary.

spacy-pkuseg ships no model, and its own download goes to GitHub, which is out of reach here. The
PyPI sdist of the original `pkuseg==0.0.25` carries its `default` model (features.pkl + weights.npz,
~175 MB), which spacy-pkuseg can load, so `fetch_pkuseg_model()` takes the model out of that sdist.

Fetch once:  python -c "from pipeline.segment import fetch_pkuseg_model as f; print(f())"
Benchmark:   python -m pipeline.segment bench [--news]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

PKUSEG_SDIST = "pkuseg==0.0.25"
MODEL_PREFIX = "pkuseg-0.0.25/pkuseg/models/default/"  # the model's folder inside the sdist
MODEL_FILES = ("features.pkl", "weights.npz")  # what spacy-pkuseg needs to load the model
ENV_VAR = "FAZHI_PKUSEG_MODEL"
DEFAULT_MODEL_DIR = Path("~/.cache/fazhi/pkuseg/default")
USER_DICT = Path(__file__).resolve().parent / "lexicons" / "user_dict.txt"
SEGMENTERS = ("char", "pkuseg")
FETCH_HINT = 'python -c "from pipeline.segment import fetch_pkuseg_model as f; print(f())"'

_SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE_DOCS = _SHARED / "samples" / "docs"
NEWS_CORPUS = _SHARED / "data" / "xinwenlianbo_news" / "xwlb_2022_2026.jsonl.gz"


class PkusegModelError(RuntimeError):
    """The pkuseg model could not be fetched, or is not where it should be."""


# --- where the model lives ------------------------------------------------------------------


def resolve_model_dir(cache_dir: str | os.PathLike | None = None) -> Path:
    """The model folder: the argument, else $FAZHI_PKUSEG_MODEL, else ~/.cache/fazhi/pkuseg/default."""
    chosen = cache_dir or os.environ.get(ENV_VAR) or DEFAULT_MODEL_DIR
    return Path(chosen).expanduser().resolve()


def _missing_files(folder: Path) -> list[str]:
    # an empty file means an interrupted copy, so it counts as missing
    return [n for n in MODEL_FILES if not (folder / n).is_file() or (folder / n).stat().st_size == 0]


def pkuseg_model_path() -> Path | None:
    """The cached model folder, or None when it has not been fetched."""
    folder = resolve_model_dir()
    return None if _missing_files(folder) else folder


def _require_model(cache_dir: str | os.PathLike | None = None) -> Path:
    folder = resolve_model_dir(cache_dir)
    missing = _missing_files(folder)
    if missing:
        raise PkusegModelError(
            f"pkuseg model not found at {folder} (missing {', '.join(missing)}); fetch it with: {FETCH_HINT}"
        )
    return folder


# --- fetching ----------------------------------------------------------------------------------


def fetch_pkuseg_model(cache_dir: str | os.PathLike | None = None) -> Path:
    """Download the pkuseg==0.0.25 sdist once and keep only its model folder; returns that folder."""
    target = resolve_model_dir(cache_dir)
    if not _missing_files(target):
        return target  # already there: no download
    if target.exists() and any(target.iterdir()):
        # never delete a folder we did not make (the env var may point anywhere)
        raise PkusegModelError(
            f"{target} exists but holds no complete pkuseg model; empty it or pick another folder"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # work beside the target so the final rename stays on one filesystem (atomic, no half-copied model)
    with tempfile.TemporaryDirectory(prefix=".pkuseg-fetch-", dir=target.parent) as tmp:
        staging = Path(tmp) / "model"
        _extract_model(_download_sdist(Path(tmp)), staging)
        missing = _missing_files(staging)
        if missing:
            raise PkusegModelError(f"{PKUSEG_SDIST} sdist has no {', '.join(missing)} under {MODEL_PREFIX}")
        _move_into_place(staging, target)
    return target


def _download_sdist(workdir: Path) -> Path:
    # pip prepares an sdist's metadata even for `download`; pkuseg's setup.py imports numpy without
    # declaring it, so the isolated build fails. Without isolation it uses this interpreter's numpy
    # (a spaCy dependency) but needs `wheel` for bdist_wheel (setuptools < 70.1 lacks it), which
    # goes to a throwaway folder on PYTHONPATH instead of into the venv.
    tools = workdir / "buildtools"
    _run_pip(
        ["install", "--quiet", "--target", str(tools), "wheel"], "pip install of the build helper `wheel`"
    )
    paths = [str(tools), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    download = ["download", "--no-deps", "--no-binary", ":all:", "--no-build-isolation", PKUSEG_SDIST]
    _run_pip([*download, "-d", str(workdir)], f"pip download of {PKUSEG_SDIST}", env)
    found = sorted(workdir.glob("pkuseg-*.tar.gz"))
    if not found:
        raise PkusegModelError(f"pip download of {PKUSEG_SDIST} left no pkuseg-*.tar.gz in {workdir}")
    return found[0]


def _run_pip(args: list[str], what: str, env: dict[str, str] | None = None) -> None:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PkusegModelError(f"{what} failed: {exc}") from exc
    if proc.returncode != 0:
        raise PkusegModelError(f"{what} failed (exit {proc.returncode}): {_error_line(proc.stderr)}")


def _error_line(stderr: str) -> str:
    """pip's own ERROR line if there is one, else the last line it wrote: one line for the message."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    return (errors or lines or ["no output"])[-1]


def _extract_model(sdist: Path, dest: Path) -> None:
    """Copy the files directly inside the model folder; everything else in the sdist is skipped."""
    dest.mkdir()
    try:
        with tarfile.open(sdist, "r:gz") as tar:
            for member in tar.getmembers():
                name = member.name[len(MODEL_PREFIX) :]
                # a plain file name only: no subfolders, links or path tricks
                if member.isfile() and member.name.startswith(MODEL_PREFIX) and name and "/" not in name:
                    with tar.extractfile(member) as src, open(dest / name, "wb") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
    except (tarfile.TarError, OSError) as exc:
        raise PkusegModelError(f"could not unpack {sdist.name}: {exc}") from exc


def _move_into_place(staging: Path, target: Path) -> None:
    if target.exists():
        target.rmdir()  # only ever an empty folder here (checked before the download)
    try:
        staging.rename(target)
    except OSError as exc:
        if _missing_files(target):  # a concurrent fetch that finished first is fine
            raise PkusegModelError(f"could not move the model into {target}: {exc}") from exc


# --- building the pipeline -----------------------------------------------------------------------


def build_zh_nlp(
    segmenter: str = "char",
    user_dict: str | os.PathLike | None = None,
    *,
    model_dir: str | os.PathLike | None = None,
) -> Language:
    """A blank zh pipeline with the chosen segmenter.

    pkuseg is initialised offline from the cached model plus the project user dictionary (or
    `user_dict`). Loading takes a few seconds and ~0.8 GB, so build it once per process.
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {', '.join(SEGMENTERS)}, not {segmenter!r}")
    config = {"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    if segmenter == "char":
        nlp.tokenizer = CharTokenizer(nlp.vocab)
    if segmenter == "pkuseg":
        model = _require_model(model_dir)
        words = Path(user_dict) if user_dict else USER_DICT
        if not words.is_file():
            raise PkusegModelError(f"pkuseg user dictionary not found: {words}")
        with _without_pkl_notice():
            nlp.tokenizer.initialize(pkuseg_model=str(model), pkuseg_user_dict=str(words))
    return nlp


# A character and the one space that may follow it, or a run of other whitespace.
_CHAR_TOKEN = re.compile(r"(\S)( ?)|(\s+)")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The tokens of spaCy's char segmenter: each character, with a single space after it as its
    trailing space, and each other run of whitespace as a token. Found in one pass: spaCy's own
    alignment (``util.get_words_and_spaces``) slices the rest of the text once per character, which
    is quadratic (90 s on a one-line document of 1 M characters)."""
    words, spaces = [], []
    for m in _CHAR_TOKEN.finditer(text):
        words.append(m.group(1) or m.group(3))
        spaces.append(m.group(2) == " ")
    return words, spaces


class CharTokenizer:
    """spaCy's Chinese char tokenizer (same tokens), in time linear in the text."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)


@contextlib.contextmanager
def _without_pkl_notice() -> Iterator[None]:
    # spacy-pkuseg prints a notice before falling back from features.msgpack to features.pkl. The
    # .pkl is kept on purpose: it loads in ~1.6 s where the .msgpack takes ~2.7 s. Anything else
    # it prints is passed through.
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer):
            yield
    finally:
        for line in buffer.getvalue().splitlines(keepends=True):
            if "features.msgpack does not exist" not in line:
                sys.stderr.write(line)


# --- measuring -------------------------------------------------------------------------------------


def _rss_mb() -> float:
    """Current resident memory of this process (Linux /proc), else the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_rss_mb()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _measure_one(segmenter: str, texts: list[str], n_chars: int) -> dict:
    start = time.perf_counter()
    nlp = build_zh_nlp(segmenter)
    load_s = time.perf_counter() - start
    nlp.make_doc(texts[0][:200])  # warm-up, so the timing below is steady-state
    start = time.perf_counter()
    n_tokens = sum(len(nlp.make_doc(text)) for text in texts)
    seg_s = time.perf_counter() - start
    return {
        "load_s": round(load_s, 3),
        "seg_s": round(seg_s, 3),
        "chars_per_s": round(n_chars / seg_s) if seg_s else None,
        "tokens": n_tokens,
        "rss_mb": round(_rss_mb()),  # while this pipeline is alive
    }


def measure(texts: Iterable[str], segmenters: Iterable[str] | None = None) -> dict:
    """Load time and warm chars/s per segmenter; pkuseg is included only when its model is cached."""
    texts = [text for text in texts if text]
    if not texts:
        raise ValueError("measure() needs at least one non-empty text")
    if segmenters is None:
        segmenters = SEGMENTERS if pkuseg_model_path() else ("char",)
    n_chars = sum(map(len, texts))
    report: dict = {"texts": len(texts), "chars": n_chars, "rss_mb_start": round(_rss_mb())}
    for name in segmenters:
        report[name] = _measure_one(name, texts, n_chars)
    report["peak_rss_mb"] = round(_peak_rss_mb())
    return report


def read_news_slice(path: str | os.PathLike = NEWS_CORPUS, max_bytes: int = 1_000_000) -> list[str]:
    """The first stories of the gzip JSONL news corpus, up to about max_bytes of UTF-8 text."""
    from pipeline.ingest import corpus_texts

    texts, size = [], 0
    for text in corpus_texts(Path(path)):
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= max_bytes:
            break
    return texts


def benchmark_segmenters(
    sample_dir: str | os.PathLike = SAMPLE_DOCS,
    news_path: str | os.PathLike | None = None,
    news_bytes: int = 1_000_000,
) -> dict:
    """char vs pkuseg on the sample .txt docs (and a news slice if given); prints and returns JSON."""
    docs = [p.read_text(encoding="utf-8") for p in sorted(Path(sample_dir).glob("*.txt"))]
    report = {"samples": measure(docs)}
    if news_path:
        report["news"] = measure(read_news_slice(news_path, news_bytes))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.segment", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fetch = sub.add_parser("fetch", help="download the pkuseg model into the cache")
    fetch.add_argument("--cache-dir", default=None)
    bench = sub.add_parser("bench", help="char vs pkuseg speed, load time and memory")
    bench.add_argument("--samples", default=str(SAMPLE_DOCS))
    bench.add_argument("--news", nargs="?", const=str(NEWS_CORPUS), default=None, help="also a news slice")
    bench.add_argument("--news-bytes", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.command == "fetch":
        print(fetch_pkuseg_model(args.cache_dir))
    else:
        benchmark_segmenters(args.samples, args.news, args.news_bytes)


if __name__ == "__main__":
    main()
