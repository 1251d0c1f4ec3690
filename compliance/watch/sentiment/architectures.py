"""The architecture registered with spaCy for the sentiment classifier (imported before any load or train).

``watch.TextCatBOWNorm.v1`` is the checker's bag-of-n-grams-on-NORM classifier
(``compliance.learning.architectures``) with exclusive classes, so that a post in capitals
("PLUS JAMAIS") reads like the same words in lower case. Everything else is spaCy's own layers.
"""

from __future__ import annotations

import spacy
from thinc.api import Model

from compliance.learning.architectures import bow_norm_classifier


@spacy.registry.architectures("watch.TextCatBOWNorm.v1")
def build_bow_norm_classifier(ngram_size: int = 2, length: int = 131072, nO: int | None = None) -> Model:
    return bow_norm_classifier(ngram_size=ngram_size, length=length, nO=nO, exclusive_classes=True)
