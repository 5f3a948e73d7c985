"""Context encoders for the char-level NER model (registered spaCy architectures).

The CNN (``spacy.MaxoutWindowEncoder.v2``) sees depth x window_size characters on each side. A
bidirectional LSTM reads the whole sentence: ``fazhi.BiLSTMEncoder.v1`` alone, or
``fazhi.WindowBiLSTMEncoder.v1``, the CNN with a residual BiLSTM layer on top (the CNN's local
features stay; the LSTM adds what lies further away). Both use thinc's own ``LSTM`` layer
(numpy/blis kernels), so neither training nor tagging needs PyTorch or a GPU.
"""

from __future__ import annotations

from typing import List

from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.util import registry
from thinc.api import LSTM, LayerNorm, Model, chain, residual, with_array, with_padded
from thinc.types import Floats2d


@registry.architectures("fazhi.BiLSTMEncoder.v1")
def BiLSTMEncoder(width: int, depth: int = 1, dropout: float = 0.0) -> Model[List[Floats2d], List[Floats2d]]:
    """A bidirectional LSTM over each doc's token vectors; ``width`` is its output width, half of it
    per direction. Its input width is taken from the embedding when the model is initialised.
    ``dropout`` drops LSTM weights during training (thinc applies it to the weights, not activations)."""
    if width % 2:
        raise ValueError(f"BiLSTM width must be even (half per direction), got {width}")
    return with_padded(LSTM(width, None, bi=True, depth=depth, dropout=dropout))


@registry.architectures("fazhi.WindowBiLSTMEncoder.v1")
def WindowBiLSTMEncoder(width: int, depth: int, window_size: int, maxout_pieces: int,
                        lstm_depth: int = 1) -> Model[List[Floats2d], List[Floats2d]]:
    """spaCy's CNN encoder, then ``x + BiLSTM(x)`` (layer-normalised), all ``width`` wide."""
    if width % 2:
        raise ValueError(f"BiLSTM width must be even (half per direction), got {width}")
    cnn = MaxoutWindowEncoder(width=width, window_size=window_size, maxout_pieces=maxout_pieces, depth=depth)
    lstm = with_padded(LSTM(width, width, bi=True, depth=lstm_depth))
    model = chain(cnn, residual(lstm), with_array(LayerNorm(width)))
    model.set_dim("nO", width)
    return model
