"""Typer commands for the NER model; mounted into ``python -m pipeline`` by the main CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from pipeline.ner.convert import SOURCES
from pipeline.ner.evaluate import DEFAULT_DATA_DIR, DEFAULT_MODEL

app = typer.Typer(add_completion=False, help="Train and evaluate the fazhi Chinese NER model.")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _check_models(models: list[Path]) -> None:
    for model in models:
        if not (model / "config.cfg").is_file():
            _fail(f"no spaCy model at {model}")


def _check_data(data_dir: Path, extra: tuple[str, ...] = (), corpora: bool = True) -> None:
    """One clear line instead of a traceback when the shared corpora (and the extra files) are not there."""
    missing = [rel for rel in (*(SOURCES.values() if corpora else ()), *extra) if not (data_dir / rel).is_file()]
    if missing:
        _fail(f"NER data not found under {data_dir} (missing {missing[0]}); pass --data-dir")


@app.command("train-ner")
def train_ner_cmd(
    output: Path = typer.Option(Path("outputs/ner_train"), "--output", "-o", help="spacy train output dir"),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", min=1, help="Override training.max_steps"),
    data_dir: Path = typer.Option(DEFAULT_DATA_DIR, "--data-dir", help="Folder with cluener2020/, msra_ner/, resume_ner/"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="DocBin cache (default ~/.cache/fazhi/ner)"),
    seed: int = typer.Option(0, "--seed"),
    ship_to: Path = typer.Option(DEFAULT_MODEL, "--ship-to", help="Where model-best is copied"),
    resume_from: Optional[Path] = typer.Option(None, "--resume-from", help="Continue training this model"),
    learn_rate: Optional[float] = typer.Option(None, "--learn-rate", min=0.0, help="Constant learn rate (replaces the config's schedule)"),
    config: Optional[Path] = typer.Option(None, "--config", help="Train with this config instead of pipeline/ner/config.cfg (experiments)"),
    cluener_repeat: int = typer.Option(2, "--cluener-repeat", min=1, help="Times CLUENER train goes into the training set"),
    continuations: Optional[int] = typer.Option(None, "--continuations", min=0, help="Continuations averaged with the main run (default: the config soup section; 0 ships the main run)"),
    reuse: bool = typer.Option(False, "--reuse", help="Keep the runs in --output that got to their end instead of training them again"),
    extra_train: Optional[Path] = typer.Option(None, "--extra-train", help="A DocBin trained on beside the corpora (distill-ner's output)"),
) -> None:
    """Convert the corpora, train with pipeline/ner/config.cfg and ship the best model."""
    from pipeline.ner.vectors import NEWS_PATH

    _check_data(data_dir, (str(NEWS_PATH),))  # the news corpus feeds the char vectors
    from pipeline.ner.train import train_ner

    if resume_from is not None and not (resume_from / "config.cfg").is_file():
        _fail(f"no spaCy model at {resume_from}")
    if config is not None and not config.is_file():
        _fail(f"no config file at {config}")
    if extra_train is not None and not extra_train.is_file():
        _fail(f"no DocBin at {extra_train}")
    overrides = {"training.optimizer.learn_rate": learn_rate} if learn_rate else None
    try:
        meta = train_ner(output, data_dir, cache_dir, max_steps, seed, ship_to, resume_from, overrides,
                         **({"config_path": config} if config else {}), cluener_repeat=cluener_repeat,
                         continuations=continuations, reuse=reuse, extra_train=extra_train)
    except (OSError, ValueError) as e:  # bad corpus lines, unreadable files: one line, not a traceback
        _fail(f"train-ner failed: {e}")
    typer.echo(f"shipped to {ship_to} ({meta['fazhi'].get('size_mb', '?')} MB)")


@app.command("distill-ner")
def distill_ner_cmd(
    teachers: list[Path] = typer.Option(..., "--teacher", "-t", help="A trained model that votes (repeat the option)"),
    out: Path = typer.Option(..., "--out", "-o", help="DocBin to write (its stamp goes beside it as .json)"),
    sentences: int = typer.Option(20000, "--sentences", min=1, help="News sentences to tag"),
    seed: int = typer.Option(0, "--seed", help="Seed of the sentence sample"),
    guideline: str = typer.Option("cluener", "--guideline", help="Annotation guideline the teachers follow"),
    min_votes: Optional[int] = typer.Option(None, "--min-votes", min=1, help="Votes a span needs (default: a strict majority)"),
    data_dir: Path = typer.Option(DEFAULT_DATA_DIR, "--data-dir", help="Folder with xinwenlianbo_news/"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where each teacher's tags are cached (default: <NER cache>/distill)"),
) -> None:
    """Tag news sentences with several trained models; their majority vote becomes training docs (train-ner --extra-train)."""
    from pipeline.ner.vectors import NEWS_PATH

    _check_data(data_dir, (str(NEWS_PATH),), corpora=False)  # only the news corpus is read
    from pipeline.ner.guidelines import model_guidelines

    _check_models(teachers)
    for teacher in teachers:
        known = model_guidelines(teacher)[0]
        if guideline not in known:
            _fail(f"{teacher} was not trained with the guideline {guideline!r} (it knows {known or 'none'})")
    from rich.progress import Progress

    from pipeline.ingest import corpus_texts
    from pipeline.ner.convert import default_cache_dir
    from pipeline.ner.distill import build_distill_docbin, news_sentences

    try:
        texts = news_sentences(corpus_texts(data_dir / NEWS_PATH), sentences, seed)
        with Progress(transient=True) as bar:
            task = bar.add_task("teachers tagging", total=len(teachers))
            stamp = build_distill_docbin(teachers, texts, out, guideline, cache_dir or default_cache_dir() / "distill",
                                         min_votes, progress=lambda _: bar.advance(task))
    except (OSError, ValueError) as e:
        _fail(f"distill-ner failed: {e}")
    out.with_suffix(".json").write_text(json.dumps({**stamp, "seed": seed}, ensure_ascii=False, indent=2),
                                        encoding="utf-8")
    typer.echo(f"{out}: {stamp['sentences']} sentences, {stamp['counts']} ({stamp['min_votes']} of "
               f"{len(teachers)} votes), {stamp['missing_chars']} chars missing")


@app.command("evaluate-vote")
def evaluate_vote_cmd(
    models: list[Path] = typer.Option(..., "--model", "-m", help="A model that votes (repeat the option)"),
    min_votes: Optional[int] = typer.Option(None, "--min-votes", min=1, help="Votes a span needs (default: a strict majority)"),
    data_dir: Path = typer.Option(DEFAULT_DATA_DIR, "--data-dir"),
    as_json: bool = typer.Option(False, "--json", help="Print scores as JSON"),
) -> None:
    """Per-label P/R/F1 of the span-level vote of several models (the teachers of distill-ner)."""
    _check_models(models)
    _check_data(data_dir)
    from pipeline.ner.evaluate import evaluate_vote

    try:
        scores = evaluate_vote(models, data_dir, min_votes, quiet=as_json)
    except (OSError, ValueError) as e:  # a bad threshold, a model spaCy cannot load: one line
        _fail(f"evaluate-vote failed: {str(e).strip().splitlines()[0]}")
    if as_json:
        typer.echo(json.dumps(scores, indent=2))


@app.command("evaluate-ner")
def evaluate_ner_cmd(
    model: Path = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Model directory"),
    data_dir: Path = typer.Option(DEFAULT_DATA_DIR, "--data-dir"),
    speed: bool = typer.Option(True, "--speed/--no-speed", help="Also measure chars/s"),
    as_json: bool = typer.Option(False, "--json", help="Print scores as JSON"),
    guideline: str = typer.Option("own", "--guideline", help="Annotation guideline the model is asked to follow: "
                                  "own (each test set's), default (the model's), or a name (cluener, msra, resume)"),
) -> None:
    """Per-label P/R/F1 on CLUENER dev, MSRA test and Resume test."""
    if not (model / "config.cfg").is_file():
        _fail(f"no spaCy model at {model}")
    from pipeline.ner.evaluate import evaluate_ner
    from pipeline.ner.guidelines import model_guidelines

    try:
        known, _ = model_guidelines(model)
    except Exception as e:  # noqa: BLE001 — a config spaCy cannot parse, whatever the reason
        _fail(f"cannot read {model / 'config.cfg'}: {str(e).strip().splitlines()[0]}")
    if guideline not in ("own", "default", *known):
        _fail(f"unknown guideline {guideline!r}: this model knows {known or 'none'} (or use own / default)")
    _check_data(data_dir)

    scores = evaluate_ner(model, data_dir, speed=speed, quiet=as_json, guideline=guideline)
    if as_json:
        typer.echo(json.dumps(scores, indent=2))
