"""Definition look-up: which lines define a term, graded matches, and how fusion uses them."""

from __future__ import annotations

import pytest

from assistant.retrieval.definitions import DefinitionIndex, defined_terms, query_subject
from assistant.retrieval.hybrid import combsum
from assistant.types import Chunk


@pytest.mark.parametrize(
    ("line", "terms"),
    [
        ("Pakalpojumu pārbūve – vienreizēju pakalpojumu pilnveidošanas projektu īstenošana", ["Pakalpojumu pārbūve"]),
        ('• "Pārrobežu piekļūstamība" — pakalpojumus var pieprasīt citu valstu iedzīvotāji', ["Pārrobežu piekļūstamība"]),
        ('4+ "Parrobezu pieklustamiba" — pakalpojumus var pieprasit', ["Parrobezu pieklustamiba"]),
        ("1. Vienkāršs pakalpojums – pakalpojums, kas apmierina vienu vajadzību", ["Vienkāršs pakalpojums"]),
        ("„E-pakalpojums” – pakalpojums elektroniskā vidē", ["E-pakalpojums"]),
        ("2021. gadā – sākās darbs", []),  # a year, not a term
        ("Teksts bez definīcijas.", []),
    ],
)
def test_defined_terms(line: str, terms: list[str]) -> None:
    assert defined_terms(line) == terms


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Ko nozīmē pārrobežu piekļūstamība?", "parrobezu pieklustamiba"),
        ("kas ir e-pakalpojums", "e-pakalpojums"),
        ("Kā pārvaldība notiek?", None),
    ],
)
def test_query_subject(question: str, subject: str | None) -> None:
    assert query_subject(question) == subject


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(f"c{i}", "002_x.txt", "Vadlīnijas", f"s{i}", text, i)


def test_exact_definition_outranks_partial_and_loose_ones() -> None:
    chunks = [
        _chunk(0, "Pakalpojumu pārbūve ir īstenojama katram pakalpojumam atsevišķi."),  # loose "X ir ..."
        _chunk(1, "Pakalpojumu pārbūves plāns – dokuments, kas apraksta pārbūvi."),  # a longer term
        _chunk(2, "Citi jēdzieni:\n• Pakalpojumu pārbūve – vienreizēju pilnveidošanas projektu īstenošana."),
        _chunk(3, "Šeit pārbūve netiek definēta."),
    ]
    d = DefinitionIndex()
    d.warm_up(chunks)
    ranked = d.rank_scored("kas ir pakalpojumu parbuve")  # typed without diacritics
    # the exact "X – ..." line first; then "X ir ..." about exactly X; then a definition of a longer term
    assert [i for i, _ in ranked] == [2, 0, 1]
    scores = dict(ranked)
    assert scores[2] == 1.0 and 0.5 < scores[1] < scores[0] < 1.0
    assert d.rank("kas ir pakalpojumu pārbūve") == [2, 0, 1]
    assert d.rank("kā notiek pārbūve") == []  # not a definition question


def test_calibrated_lists_are_not_min_max_normalised() -> None:
    lexical = [(0, 10.0), (1, 5.0), (2, 0.0)]
    definition = [(2, 1.0), (1, 0.5)]
    plain = combsum([lexical, definition], [1.0, 1.0])
    graded = combsum([lexical, definition], [1.0, 1.0], [False, True])
    # min-max would turn the weaker definition match (0.5) into 0; calibrated keeps it at 0.5
    assert plain[1] == pytest.approx(0.5) and graded[1] == pytest.approx(1.0)
    assert graded[2] == pytest.approx(1.0) and graded[0] == pytest.approx(1.0)
