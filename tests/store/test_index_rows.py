"""A stored index's rows read piecemeal: which terms' postings hold one document, found without reading them whole."""

from __future__ import annotations

import random
from array import array

import pytest
from sqlite_utils import Database

from mockserver.store import index_rows
from mockserver.store.index_rows import StoredIndexRows, int_blob


def postings_of(rng: random.Random, kind: str, count: int) -> list[int]:
    """Ascending documents: spread evenly, bunched at both ends, or one run then a far tail."""
    if kind == "even":
        return sorted(rng.sample(range(count * 3), count))
    if kind == "ends":
        return sorted(rng.sample(range(count), count // 2) + rng.sample(range(10**7, 10**7 + count), count // 2))
    return [*range(count - 3), 10**6, 10**6 + 5, 2 * 10**6]


@pytest.mark.parametrize("count", [1, 5, index_rows.PROBE_WINDOW, index_rows.PROBE_WINDOW + 1, 20_000])
def test_occurring_finds_exactly_the_terms_that_hold_the_document(db: Database, count: int) -> None:
    rng = random.Random(count)
    lists = {f"{kind}{flag}": (flag, postings_of(rng, kind, count)) for kind in ("even", "ends", "run")
             for flag in (0, 1)}
    for term, (flag, docs) in lists.items():
        db.conn.execute("insert into model_index_postings (build, term, after_tool, docs, tfs) values (7, ?, ?, ?, ?)",
                        [term, flag, int_blob(array("i", docs)), int_blob(array("i", [1] * len(docs)))])
    db.conn.execute("insert into model_index_docs (build, doc, after_tool, length, question, answer) "
                    "values (7, ?, 0, 1, '[]', x'')", [10**7 + count])  # the last document: where probes interpolate
    rows = StoredIndexRows(db, 7)
    everything = sorted({doc for _, docs in lists.values() for doc in docs})
    probes = {-1, 0, 2 * 10**6 + 1, 10**7 + count, *rng.sample(everything, min(200, len(everything))),
              *(doc + 1 for doc in rng.sample(everything, min(200, len(everything))))}
    terms = [*lists, "absent"]
    for flag in (False, True):
        for doc in probes:
            expected = {term for term, (term_flag, docs) in lists.items() if term_flag == flag and doc in docs}
            assert rows.occurring(terms, flag, doc) == expected, (flag, doc)
