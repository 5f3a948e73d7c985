"""The shipped NER model as a spaCy package: loads by path in a fresh Python, carries no machine paths."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "pipeline" / "models" / "ner"
needs_model = pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")


def _declared() -> dict[str, dict[str, str]]:
    """The spaCy entry points pyproject.toml declares, by group."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {group: points for group, points in project["entry-points"].items() if group.startswith("spacy_")}


def _fresh_python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], check=False, cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _installed_architectures(cwd: Path) -> set[str]:
    """The spacy_architectures a fresh Python sees (the installed metadata: stale until a reinstall)."""
    code = (
        "from importlib.metadata import entry_points\n"
        "print('\\n'.join(entry_points(group='spacy_architectures').names))"
    )
    return set(_fresh_python(code, cwd).stdout.split())


def test_every_name_the_model_config_uses_is_declared_and_importable():
    from importlib import import_module

    from spacy.util import load_config

    config = load_config(MODEL / "config.cfg")
    declared = _declared()
    embed = config["components"]["tok2vec"]["model"]["embed"]["@architectures"]
    assert embed in declared["spacy_architectures"]
    factories = {c["factory"] for c in config["components"].values() if c["factory"].startswith("fazhi")}
    assert factories and factories <= set(declared["spacy_factories"])
    for points in declared.values():
        for target in points.values():
            module, _, attr = target.partition(":")
            assert callable(getattr(import_module(module), attr))


@needs_model
def test_model_config_holds_no_machine_paths():
    from spacy.util import load_config

    paths = load_config(MODEL / "config.cfg")["paths"]
    assert all(value is None or not Path(value).is_absolute() for value in paths.values()), paths
    assert "/root" not in (MODEL / "config.cfg").read_text(encoding="utf-8")


@needs_model
def test_spacy_load_works_in_a_fresh_python_without_importing_the_project(tmp_path):
    if not set(_declared()["spacy_architectures"]) <= _installed_architectures(tmp_path):
        pytest.skip("the installed fazhi-pipeline metadata predates its entry points: pip install -e .")
    text = "国务院总理李强在北京市人民政府会见了华为公司代表。"
    code = (
        "import json, sys, spacy\n"
        "assert 'pipeline' not in sys.modules\n"
        f"nlp = spacy.load({str(MODEL)!r})\n"
        f"doc = nlp({text!r})\n"
        "print(json.dumps([len(doc), [(e.text, e.label_) for e in doc.ents]], ensure_ascii=False))\n"
    )
    out = _fresh_python(code, tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    n_tokens, ents = json.loads(out.stdout)
    assert n_tokens == len(text)  # one token per character
    assert ["李强", "PER"] in ents and {label for _, label in ents} >= {"PER", "GOV"}


@pytest.mark.parametrize("module", ["pipeline.flows", "pipeline.batch", "pipeline.__main__"])
def test_the_runtime_imports_no_training_module(module, tmp_path):
    code = (
        f"import sys, {module}, pipeline.ner\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m == 'training' or m.startswith('training.'))))"
    )
    out = _fresh_python(code, ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == []


def test_pipeline_version_hashes_the_model_weights_and_not_the_training_code():
    from pipeline.version import _PKG, _hashed

    weights = [f for f in (MODEL / "tok2vec" / "model", MODEL / "ner" / "model") if f.is_file()]
    assert all(_hashed(f) for f in weights)
    assert _hashed(_PKG / "ner" / "features.py") and not _hashed(_PKG / "ner" / "__pycache__" / "x.pyc")
    assert not (_PKG / "ner" / "train.py").exists() and (ROOT / "training" / "train.py").is_file()


@needs_model
def test_the_shipped_models_recipe_is_in_the_repository():
    """training/config_student64.cfg trains the network the shipped model has (same encoder and tables)."""
    from spacy.util import load_config

    def network(path: Path) -> tuple:
        model = load_config(path)["components"]["tok2vec"]["model"]
        embed = {k: v for k, v in model["embed"].items() if k not in ("lexicon", "bigram_vectors")}
        return model["encode"], embed

    assert network(ROOT / "training" / "config_student64.cfg") == network(MODEL / "config.cfg")
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["fazhi"]
    assert meta["config"].startswith("training/config_student64.cfg")
