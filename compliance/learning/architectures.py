"""Model architectures registered with spaCy for the checker's classifier (imported before any load or train).

``checker.TextCatBOWNorm.v1`` is spaCy's bag-of-n-grams classifier (``spacy.TextCatBOW.v3``) reading the
tokens' NORM (lower case) instead of their exact spelling: a post in capitals, or a sentence starting with
the word, reads the same. Everything else is spaCy's own layers.
"""

from __future__ import annotations

from functools import partial
from typing import cast

import spacy
from spacy.attrs import NORM
from spacy.ml.extract_ngrams import extract_ngrams
from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
from spacy.ml.models.textcat import resize_linear_weighted as _resize_linear_weighted
from thinc.api import Logistic, Model, SparseLinear_v2, chain, resizable, softmax_activation, with_cpu


@spacy.registry.architectures("checker.TextCatBOWNorm.v1")
def build_bow_norm_classifier(ngram_size: int = 2, length: int = 262144, nO: int | None = None) -> Model:
    return bow_norm_classifier(ngram_size=ngram_size, length=length, nO=nO, exclusive_classes=False)


def bow_norm_classifier(*, ngram_size: int, length: int, nO: int | None, exclusive_classes: bool) -> Model:
    """Bag of n-grams over NORM: independent labels (logistic) or exclusive classes (softmax)."""
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    resizable_layer = resizable(
        sparse_linear, resize_layer=partial(_resize_linear_weighted, fill_defaults={"b": NEG_VALUE, "W": 0})
    )
    with Model.define_operators({">>": chain}):
        model = extract_ngrams(ngram_size, attr=NORM) >> resizable_layer
        model = with_cpu(model, model.ops)
        output = softmax_activation() if exclusive_classes else Logistic()
        model = model >> with_cpu(output, output.ops)
    if nO is not None:
        model.set_dim("nO", cast(int, nO))
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model
