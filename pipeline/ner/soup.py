"""Average the weights of trained models that share one architecture (a "model soup").

The models are the main training run's model-best and short continuations of it with other seeds
(pipeline/ner/train.py). They start from the same weights, so their average stays in the same basin
and scores above each member (run X3s in pipeline/ner/README.md). Models trained from different
initialisations do not average usefully; that is not checked here and is the caller's choice.
"""

from __future__ import annotations

from pathlib import Path

import numpy

COMPONENTS = ("tok2vec", "ner")


def _params(nlp) -> list[tuple[object, str]]:
    """(node, param name) for every trained parameter of COMPONENTS, in a fixed walk order."""
    out = []
    for comp in COMPONENTS:
        for node in nlp.get_pipe(comp).model.walk():
            out.extend((node, name) for name in node.param_names if node.has_param(name))
    return out


def _check_compatible(first, other, path: Path) -> None:
    if first.pipe_names != other.pipe_names:
        raise ValueError(f"{path}: pipeline {other.pipe_names} differs from {first.pipe_names}")
    a, b = first.vocab.vectors, other.vocab.vectors
    if a.shape != b.shape or not numpy.array_equal(numpy.asarray(a.data), numpy.asarray(b.data)):
        raise ValueError(f"{path}: its static vectors differ from the first model's")


def average_weights(model_dirs: list[Path], out_dir: Path) -> Path:
    """Write the first model with every trained parameter replaced by the members' mean."""
    import spacy

    import pipeline.ner  # noqa: F401  (registers the fazhi architectures)

    if len(model_dirs) < 2:
        raise ValueError("a weight average needs at least two models")
    nlps = [spacy.load(path) for path in model_dirs]
    for path, nlp in zip(model_dirs[1:], nlps[1:]):
        _check_compatible(nlps[0], nlp, Path(path))
    slots = [_params(nlp) for nlp in nlps]
    shapes = [[node.get_param(name).shape for node, name in own] for own in slots]
    for path, own in zip(model_dirs[1:], shapes[1:]):
        if own != shapes[0]:
            raise ValueError(f"{path}: its layers or their sizes differ from the first model's")
    for members in zip(*slots):
        values = [node.get_param(name) for node, name in members]
        node, name = members[0]
        node.set_param(name, (sum(values) / len(values)).astype(values[0].dtype))
    nlps[0].to_disk(out_dir)
    return Path(out_dir)
