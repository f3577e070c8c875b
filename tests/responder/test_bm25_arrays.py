"""BM25 weights computed in numpy (a stored index's lists) are bit for bit those of the plain formula (an index in
memory), so both rank alike, ties included."""

from __future__ import annotations

import random

import numpy as np

from mockserver.responder import bm25


def test_numpy_weights_are_the_plain_formula_bit_for_bit() -> None:
    rng = random.Random(3)
    norms = [bm25.norm(rng.randint(1, 400), 37.3) for _ in range(5000)]
    lists = [(bm25.idf(5000, rng.randint(1, 4000)), sorted(rng.sample(range(5000), rng.randint(0, 300))))
             for _ in range(12)]
    tfs = [[rng.randint(1, 9) for _ in docs] for _, docs in lists]
    norm_array = np.asarray(norms)
    batched = bm25.weight_arrays([term_idf for term_idf, _ in lists],
                                 [np.asarray(docs, dtype=np.intc) for _, docs in lists],
                                 [np.asarray(term_tfs, dtype=np.intc) for term_tfs in tfs], norm_array)
    for (term_idf, docs), term_tfs, together in zip(lists, tfs, batched, strict=True):
        plain = list(bm25.weights(term_idf, docs, term_tfs, norms))
        alone = bm25.weight_array(term_idf, np.asarray(docs, dtype=np.intc), np.asarray(term_tfs, dtype=np.intc),
                                  norm_array)
        assert alone.tolist() == plain
        assert together.tolist() == plain
        assert [bm25.weight(term_idf, tf, norms[doc]) for doc, tf in zip(docs, term_tfs, strict=True)] == plain
