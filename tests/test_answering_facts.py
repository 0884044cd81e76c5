"""What a question demands (assistant.answering.facts) and the judge's question-form rules, with and without
diacritics; the whole path on hand-made passages, including concurrent requests on one assistant."""

from __future__ import annotations

import threading

import pytest
from answer_passages import StemRetriever

from assistant.answering.facts import analyze_question, answer_states, expected_fact, is_personal_case, looks_verbal
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.textnorm import fold, folded_tokens
from assistant.types import Chunk


def _fact(q: str) -> str:
    return expected_fact(" ".join(folded_tokens(q)))


@pytest.mark.parametrize(
    "q", ["Kā strādā pakalpojumu katalogs?", "ka strada pakalpojumu katalogs", "KĀ STRĀDĀ PAKALPOJUMU KATALOGS"]
)
def test_how_something_works_is_not_an_hours_question(q):
    assert _fact(q) == ""


@pytest.mark.parametrize(
    "q",
    [
        "Kad strādā VPVKAC Siguldā?",
        "Cikos strādā klientu centrs?",
        "Līdz cikiem piektdienās strādā klientu centrs?",
        "Kāds ir Rīgas VPVKAC darba laiks sestdienās?",
        "kads ir rigas vpvkac darba laiks sestdienas",
    ],
)
def test_time_questions_are_hours_questions(q):
    assert _fact(q) == "hours"


@pytest.mark.parametrize(
    ("q", "fact"),
    [
        ("Cik maksā pases izsniegšana?", "money"),
        ("Cik iestādei izmaksā viens e-paraksta lietojums?", "money"),
        ("Vai VRAA ņem maksu par aprakstu publicēšanu?", "money"),
        ("Cik vārdu drīkst būt pakalpojuma nosaukumā?", "count"),
        ("Kāds ir maksimālais gaidīšanas laiks rindā?", "count"),
        ("Kad pakalpojums jāatkārto?", "frequency"),
        ("Kāds ir komitejas priekšsēdētāja tālrunis?", "phone"),
        ("Kas ir e-pakalpojums?", ""),
        # naming a thing is not asking for the fact
        ("Gribam pieņemt pieteikumus arī pa telefonu. Kā to pamatot?", ""),
        ("Vai pakalpojuma aprakstā jāraksta darba laiki?", ""),
        ("Kā pamatot vadībai apmācību budžetu?", ""),
        ("Pakalpojums tikai vienai iestādei — kā to sauc?", ""),
    ],
)
def test_the_fact_a_question_asks_for(q, fact):
    assert _fact(q) == fact


@pytest.mark.parametrize(
    ("q", "kind"),
    [
        ("Kādā veidā iestāde publicē pakalpojumus?", "how"),
        ("kada veida iestade publice pakalpojumus", "how"),
        ("Kas jāņem vērā, publicējot pakalpojumu?", "list"),
        ("KO IEKLAUJ PAKALPOJUMA APRAKSTS", "list"),
        ("Kas ir e-pakalpojums?", "definition"),
    ],
)
def test_question_shapes_with_and_without_diacritics(q, kind):
    assert analyze_question(q).kind == kind


@pytest.mark.parametrize(
    ("q", "own"),
    [
        ("Mans iesniegums kavējas, ko darīt?", True),
        ("Mūsu iesniegums VARAM joprojām nav izskatīts.", True),
        ("Vai pakalpojuma aprakstā jānorāda, kā klients var pārsūdzēt mūsu lēmumu?", False),
        ("Kas atbild par piekļūstamību mūsu sociālās palīdzības pieteikumam?", False),
    ],
)
def test_own_case(q, own):
    assert is_personal_case(q) is own


@pytest.mark.parametrize(("word", "verbal"), [("uztaisit", True), ("darot", True), ("izdarits", True), ("vieta", False)])
def test_looks_verbal(word, verbal):
    assert looks_verbal(word) is verbal


def test_answer_patterns():
    assert answer_states("money", fold("Nodeva ir 10 EUR")) is True
    assert answer_states("hours", fold("strādā no 9:00 līdz 17:00")) is True
    assert answer_states("money", fold("Maksa nav noteikta")) is False
    assert answer_states("name", "x") is None


# -- the whole path on hand-made passages -------------------------------------------------------------------
TEXTS = [
    "Pakalpojumu katalogs strādā kā vienots pakalpojumu saraksts: iestādes katalogā publicē pakalpojumu aprakstus.",
    "Iestāde pārskata savus pakalpojumus regulāri – reizi gadā, un izmaiņu gadījumā nekavējoties.",
    "e-pakalpojums – pakalpojums, ko pakalpojuma saņēmējs var pieprasīt un saņemt elektroniskā vidē.",
    "Dzīves situācija – notikums vai notikumu kopums, apstākļi un ar tiem saistītās vajadzības.",
]
CHUNKS = [Chunk(f"f{i}", "009_test.txt", "Tests", f"s{i}", t, i) for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    a = Assistant(Settings(), retriever=StemRetriever(CHUNKS))
    a.warm_up()
    return a


@pytest.mark.parametrize("q", ["Kā strādā pakalpojumu katalogs?", "ka strada pakalpojumu katalogs"])
def test_how_the_catalogue_works_is_answered(assistant, q):
    a = assistant.ask(q)
    assert a.answerable and "vienots pakalpojumu saraksts" in a.answer


@pytest.mark.parametrize("q", ["Kad strādā pakalpojumu katalogs?", "cikos strada pakalpojumu katalogs"])
def test_when_the_catalogue_works_is_declined(assistant, q):
    a = assistant.ask(q)
    assert not a.answerable and a.debug["reason"] == "missing_fact"


def test_concurrent_requests_never_get_each_others_answer(assistant):
    """One assistant serves many threads (the web app): each answer belongs to its own question."""
    qs = {"Kas ir e-pakalpojums?": "elektroniskā vidē", "Kas ir dzīves situācija?": "notikumu kopums"}
    errors: list[str] = []

    def worker(q: str, want: str) -> None:
        for _ in range(20):
            a = assistant.ask(q)
            if want not in a.answer:
                errors.append(f"{q} -> {a.answer[:60]}")

    threads = [threading.Thread(target=worker, args=(q, w)) for q, w in qs.items() for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
