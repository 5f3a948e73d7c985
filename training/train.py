"""Train the fazhi NER model: convert the corpora (cached), run ``spacy train``, ship model-best.

The shipped copy lives in ``pipeline/models/ner`` and its ``meta.json`` records the source data
hashes, the label mapping and the evaluation scores, so a model can always be traced to its data.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from training.convert import (
    MISSING,
    RULES_PATH,
    convert_all,
    default_cache_dir,
    load_rules,
    title_mask_label,
)
from training.corpus import model_guidelines
from training.evaluate import DEFAULT_DATA_DIR, DEFAULT_MODEL, REPO_ROOT, evaluate_ner
from training.lexicon import LEXICON_FILE, LEXICON_STAMP, build_lexicon
from training.vectors import BIGRAMS_FILE, VECTORS_STAMP, build_vectors

CONFIG_PATH = Path(__file__).with_name("config.cfg")
MAX_MODEL_MB = 40
DONE_MARK = "fazhi_run_done.json"


def label_mapping_summary(rules: dict) -> dict:
    """The mapping in a compact, human-readable form for meta.json."""
    split = rules["gov_org_split"]
    titles, title_label = "MSRA text matching the title lexicon", title_mask_label(rules)
    missing = missing_labels(rules) + ([titles] if title_label == MISSING else [])
    return {
        "labels": rules["labels"],
        "cluener": rules["cluener"],
        "msra": rules["msra"],
        "resume": rules["resume"],
        "gov_org_rule": "ORG span -> GOV if it ends with one of gov_suffixes or starts with one of "
        "gov_prefixes, unless it ends with an org_suffix_exception (label_rules.json)",
        "gov_suffixes": split["gov_suffixes"],
        "gov_prefixes": split["gov_prefixes"],
        "org_suffix_exceptions": split["org_suffix_exceptions"],
        "msra_place_gov": (
            "MSRA train/dev: LOC followed directly by one of these -> one GOV span: "
            + " ".join(rules["msra_place_gov"]["suffixes"])
        )
        if rules["msra_place_gov"]["suffixes"]
        else "off: MSRA keeps its published labels (guidelines)",
        "missing": "'-' = tokens left unannotated (not taught as O): " + "; ".join(missing),
        **({} if title_label == MISSING else {"title_mask": f"{titles}: taught as {title_label}"}),
    }


def missing_labels(rules: dict) -> list[str]:
    """'CLUENER scene'-style entries: per corpus, the raw labels the rules map to missing ('-')."""
    out = []
    for corpus in ("cluener", "msra", "resume"):
        raw = [label for label, mapped in rules[corpus].items() if mapped == MISSING]
        if raw:
            out.append(f"{corpus.upper()} {'/'.join(raw)}")
    return out


def resume_config(model_dir: Path, output_dir: Path, config_path: Path = CONFIG_PATH) -> Path:
    """The config with the trained model's components sourced from it (continued training).

    Sourcing tok2vec and ner together keeps the ner's listener wired to the same tok2vec; components
    the model does not have (a newer weightless step such as trim_entities) come from the config.
    """
    from spacy.util import load_config

    config = load_config(config_path)
    trained = load_config(Path(model_dir) / "config.cfg")["nlp"]["pipeline"]
    for name in config["nlp"]["pipeline"]:
        if name in trained:
            config["components"][name] = {"source": str(Path(model_dir).resolve())}
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / "config.resume.cfg"
    config.to_disk(path)
    return path


def run_spacy_train(
    output_dir: Path,
    cache_dir: Path,
    max_steps: int | None,
    seed: int,
    resume_from: Path | None = None,
    overrides: dict | None = None,
    vectors_dir: Path | None = None,
    lexicon_path: Path | None = None,
    config_path: Path = CONFIG_PATH,
    train_path: Path | None = None,
) -> None:
    from spacy.cli.train import train
    from spacy.util import load_config

    import pipeline.ner  # noqa: F401  (the model's layers, also when the project is not installed)
    import training.corpus  # noqa: F401  (registers fazhi.GuidelineCorpus.v1)

    # One BLAS thread: the model is meant for 1-core CPU use and this keeps runs reproducible.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if resume_from:
        config_path = resume_config(resume_from, output_dir, config_path)
    overrides = {
        "paths.train": str(train_path or cache_dir / "train.spacy"),
        "paths.dev": str(cache_dir / "dev.spacy"),
        "paths.vectors": str(vectors_dir) if vectors_dir else None,
        "paths.lexicon": str(lexicon_path) if lexicon_path else None,
        "system.seed": seed,
        **(overrides or {}),
    }
    paths = load_config(config_path)["paths"]
    if "bigram_vectors" in paths:  # configs written before it lack the key
        overrides["paths.bigram_vectors"] = str(vectors_dir / BIGRAMS_FILE) if vectors_dir else None
    if max_steps:
        overrides["training.max_steps"] = max_steps
    started = time.time()
    train(config_path, output_dir, overrides=overrides)
    # spaCy rewrites model-last at every evaluation, so only this mark says the run got to its end.
    (output_dir / DONE_MARK).write_text(
        json.dumps({"seconds": round(time.time() - started), "seed": seed, "max_steps": max_steps}),
        encoding="utf-8",
    )


def finished(run_dir: Path) -> bool:
    return (Path(run_dir) / DONE_MARK).is_file()


def _shown(path: Path | str) -> str:
    """A path for meta.json: relative to the repo when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


# What the shipped config says of the files training read: nothing machine-specific. The model keeps
# what it read (lexicon words, bigram vectors) in its weights; the names only say which files they were.
SHIPPED_PATHS = {
    "train": None,
    "dev": None,
    "vectors": None,
    "lexicon": LEXICON_FILE,
    "bigram_vectors": f"vectors/{BIGRAMS_FILE}",
}


def portable_paths(config_path: Path) -> None:
    """Rewrite a trained model's [paths] (absolute cache paths) to SHIPPED_PATHS; a path set to null
    stays null (a null lexicon means a model without lexicon features)."""
    from spacy.util import load_config

    config = load_config(config_path)
    for key, value in config["paths"].items():
        if value is not None:
            config["paths"][key] = SHIPPED_PATHS.get(key)
    config.to_disk(config_path)


def ship_model(
    best_dir: Path, dest: Path, manifest: dict, extra: dict | None = None, data_dir: Path = DEFAULT_DATA_DIR
) -> dict:
    """Copy model-best to dest, evaluate it and write provenance + scores into meta.json."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(best_dir, dest)
    portable_paths(dest / "config.cfg")
    size = dir_size_mb(dest)
    if size > MAX_MODEL_MB:
        raise RuntimeError(f"model is {size:.1f} MB, over the {MAX_MODEL_MB} MB limit")
    scores = evaluate_ner(dest, data_dir)
    if model_guidelines(dest)[0]:  # also what the pipeline gets: every set tagged by the default guideline
        extra = {
            **(extra or {}),
            "evaluation_default_guideline": evaluate_ner(dest, data_dir, speed=False, guideline="default"),
        }
    meta_path = dest / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({"name": "fazhi_ner", "description": "Chinese char-level NER: PER TITLE GOV ORG LOC"})
    meta["fazhi"] = {
        "data_sha256": manifest["sources"],
        "label_rules_sha256": manifest["rules_sha256"],
        "label_mapping": label_mapping_summary(load_rules(RULES_PATH)),
        "train_counts": manifest["counts"]["train"],
        "seed": manifest["seed"],
        "cluener_repeat": manifest["cluener_repeat"],
        "evaluation": scores,
        "size_mb": round(size, 1),
        **(extra or {}),
    }
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def distilled_train(data_dir: Path, cache_dir: Path, teacher: Path, skip: int, repeat: int):
    """The labelled training set plus ``repeat`` copies of the teacher's tagged windows."""
    from training.distil import FILE, merged, teacher_docbin
    from training.vectors import NEWS_PATH

    tagged = cache_dir / FILE
    counts = teacher_docbin(data_dir / NEWS_PATH, teacher, tagged, skip, 10**12, "cluener")
    path = merged([cache_dir / "train.spacy", *[tagged] * repeat], cache_dir / "train_distil.spacy")
    return path, dict(counts)


def train_ner(
    output_dir: Path | str,
    data_dir: Path | str = DEFAULT_DATA_DIR,
    cache_dir: Path | str | None = None,
    max_steps: int | None = None,
    seed: int = 0,
    ship_to: Path | str | None = DEFAULT_MODEL,
    resume_from: Path | str | None = None,
    overrides: dict | None = None,
    config_path: Path | str = CONFIG_PATH,
    cluener_repeat: int = 2,
    reuse: bool = False,
    teacher: Path | str | None = None,
    teacher_skip: int = 0,
    teacher_repeat: int = 2,
) -> dict:
    """Convert and build the char vectors (if needed), train with the committed config, ship.

    resume_from continues training a trained model (its weights, the committed training settings);
    overrides are spaCy config overrides such as ``{"training.optimizer.learn_rate": 0.001}``;
    config_path replaces the committed config (experiments); cluener_repeat is how many times CLUENER
    train goes into the training set; reuse keeps a run in output_dir that got to its end (DONE_MARK);
    teacher is a trained model whose tags of the pipeline's windows in the news corpus (after its first
    teacher_skip stories) go teacher_repeat times into the training set (``distil.py``).
    """
    data_dir, output_dir, config_path = Path(data_dir), Path(output_dir), Path(config_path)
    cache_dir = Path(cache_dir or default_cache_dir())
    manifest = convert_all(data_dir, cache_dir, seed=seed, cluener_repeat=cluener_repeat)
    vectors_dir = build_vectors(data_dir, cache_dir)
    lexicon_path = build_lexicon(cache_dir, rules=load_rules())
    train_path, taught = None, None
    if teacher:
        train_path, taught = distilled_train(data_dir, cache_dir, Path(teacher), teacher_skip, teacher_repeat)
    reused = reuse and finished(output_dir)
    started = time.time()
    if not reused:
        run_spacy_train(
            output_dir,
            cache_dir,
            max_steps,
            seed,
            Path(resume_from) if resume_from else None,
            overrides,
            vectors_dir,
            lexicon_path,
            config_path,
            train_path,
        )
    extra = {
        "train_seconds": round(time.time() - started),
        "max_steps": max_steps,
        "config": _shown(config_path),
        "resumed_from": _shown(resume_from) if resume_from else None,
        "overrides": overrides or {},
        "reused_run": reused,
        **(
            {
                "teacher": {
                    "model": _shown(teacher),
                    "skip_stories": teacher_skip,
                    "repeat": teacher_repeat,
                    "counts": taught,
                }
            }
            if teacher
            else {}
        ),
        "char_vectors": json.loads((vectors_dir / VECTORS_STAMP).read_text(encoding="utf-8")),
        "word_lexicon": json.loads((cache_dir / LEXICON_STAMP).read_text(encoding="utf-8")),
    }
    if ship_to is None:
        return {"fazhi": {**extra, "data_sha256": manifest["sources"]}}
    return ship_model(output_dir / "model-best", Path(ship_to), manifest, extra, data_dir)
