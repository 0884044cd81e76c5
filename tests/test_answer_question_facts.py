"""The fact a question demands (one decision shared by composer and judge), opening-hours questions, and a
composer shared by concurrent requests (hand-made passages, milliseconds)."""

from __future__ import annotations

import threading

import pytest
from answer_passages import Passages

from assistant.answer import ExtractiveComposer, analyze_question, expected_fact
from assistant.answerability import AnswerabilityJudge
from assistant.textnorm import folded_tokens
from assistant.types import Chunk

TEXTS = [
    # 0: what the catalogue is and how it works (no opening hours anywhere)
    (
        "Pakalpojumu katalogs strādā kā vienots pakalpojumu saraksts: iestādes katalogā publicē pakalpojumu "
        "aprakstus, un iedzīvotāji tos atrod portālā."
    ),
    # 1: how often services are reviewed (a frequency, no digits and no number words)
    "Iestāde pārskata savus pakalpojumus regulāri – reizi gadā, un izmaiņu gadījumā nekavējoties.",
    # 2: a deadline given only as a day of a month
    "Pakalpojumu pārskatu iestāde iesniedz ministrijai 1. jūnijā.",
    # 3: a definition
    "e-pakalpojums – pakalpojums, ko pakalpojuma saņēmējs var pieprasīt un saņemt elektroniskā vidē.",
]
CHUNKS = [Chunk(f"f{i}", "009_test.txt", "Tests", f"s{i}", t, i) for i, t in enumerate(TEXTS)]
P = Passages(CHUNKS)


@pytest.fixture(scope="module")
def judge() -> AnswerabilityJudge:
    j = AnswerabilityJudge()
    j.warm_up(CHUNKS)
    return j


def _ask(judge: AnswerabilityJudge, question: str, *idx: int):
    info = analyze_question(question)
    hits = P.hits(*idx)
    draft = P.composer.run(info, hits)
    return info, draft, judge.run(info, hits, draft)


def _fact(q: str) -> str:
    return expected_fact(" ".join(folded_tokens(q)))


# -- opening hours: only questions about the time ----------------------------------------------------------
@pytest.mark.parametrize(
    "q",
    [
        "Kā strādā pakalpojumu katalogs?",
        "ka strada pakalpojumu katalogs",
        "KĀ STRĀDĀ PAKALPOJUMU KATALOGS",
        "Kā strādā iestāde ar klientiem?",
    ],
)
def test_how_something_works_is_not_an_hours_question(q):
    assert _fact(q) == ""


@pytest.mark.parametrize(
    "q",
    [
        "Kad strādā VPVKAC Siguldā?",
        "kad strada VPVKAC Valmiera sestdienas",
        "Cikos strādā klientu centrs?",
        "Līdz cikiem piektdienās strādā klientu centrs?",
        "No cikiem strādā klientu centrs?",
        "Kāds ir Rīgas VPVKAC darba laiks sestdienās?",
        "Vai nodaļa Daugavpilī strādā pirmdienās līdz 19:00?",
        "Vai nodala Daugavpili strada pirmdienas lidz 19:00",
    ],
)
def test_time_questions_are_hours_questions(q):
    assert _fact(q) == "hours"


@pytest.mark.parametrize("q", ["Kā strādā pakalpojumu katalogs?", "ka strada pakalpojumu katalogs"])
def test_how_the_catalogue_works_is_answered(judge, q):
    _info, draft, v = _ask(judge, q, 0, 1)
    assert v.answerable, v.features
    assert draft.text.startswith("Pakalpojumu katalogs strādā kā vienots pakalpojumu saraksts")


@pytest.mark.parametrize("q", ["Kad strādā pakalpojumu katalogs?", "cikos strada pakalpojumu katalogs"])
def test_when_the_catalogue_works_is_declined(judge, q):
    _info, _draft, v = _ask(judge, q, 0, 1)
    assert not v.answerable and v.reason == "missing_fact", v.features


# -- one question-type decision for the composer and the judge ----------------------------------------------
@pytest.mark.parametrize(
    "q",
    [
        "Cik regulāri jāpārskata pakalpojumi?",
        "cik regulari japarskata pakalpojumi",
        "CIK BIEŽI IESTĀDE PĀRSKATA PAKALPOJUMUS",
    ],
)
def test_how_regularly_is_a_frequency_question_end_to_end(judge, q):
    info, draft, v = _ask(judge, q, 1, 0)
    assert v.answerable, v.features
    assert "reizi gadā" in draft.text
    assert v.features["expected_fact"] == "frequency" and v.features["fact_found"], v.features
    assert info.wants == "frequency" and info.fact == "frequency"


@pytest.mark.parametrize(
    "q,fact,wants",
    [
        ("Cik maksā pases izsniegšana?", "money", ""),
        ("Cik liels ir nodevas apmērs?", "money", ""),
        ("Cik vārdu drīkst būt pakalpojuma nosaukumā?", "count", "count"),
        ("Kad pakalpojums jāatkārto?", "frequency", "frequency"),
        ("Kas ir e-pakalpojums?", "", ""),
    ],
)
def test_composer_wants_follows_the_judges_fact(q, fact, wants):
    info = analyze_question(q)
    assert (info.fact, info.wants) == (fact, wants)
    assert _fact(q) == fact


def test_day_of_june_is_a_date(judge):
    for q in [
        "Līdz kuram datumam jāiesniedz pakalpojumu pārskats?",
        "lidz kuram datumam jaiesniedz parskats",
    ]:
        _info, _draft, v = _ask(judge, q, 2, 0)
        assert v.features["expected_fact"] == "date" and v.features["fact_found"], v.features


@pytest.mark.parametrize(
    "q,kind",
    [
        ("Kādā veidā iestāde publicē pakalpojumus?", "how"),
        ("kada veida iestade publice pakalpojumus", "how"),
        ("Kas jāņem vērā, publicējot pakalpojumu?", "list"),
        ("kas janem vera publicejot pakalpojumu", "list"),
        ("Ko iekļauj pakalpojuma apraksts?", "list"),
        ("KO IEKLAUJ PAKALPOJUMA APRAKSTS", "list"),
    ],
)
def test_question_shapes_with_and_without_diacritics(q, kind):
    assert analyze_question(q).kind == kind


# -- one composer, concurrent requests ----------------------------------------------------------------------
FULL = "Kas ir e-pakalpojums?"  # the whole term is named in one unit
PARTIAL = "Kas ir pakalpojumu matricas katalogs?"  # some of its words occur, never together


def test_subject_coverage_belongs_to_its_own_question():
    hits = P.hits(3, 0, 1)
    full = P.composer.run(FULL, hits).subject_coverage
    partial = P.composer.run(PARTIAL, hits).subject_coverage
    assert full == 1.0 and partial < 1.0

    class Interleaving(ExtractiveComposer):
        """Answers PARTIAL in the middle of answering FULL: after scoring, before the draft is finished."""

        def __init__(self) -> None:
            super().__init__()
            self.nested: list[float] = []
            self.busy = False

        def _render(self, chosen, best):  # type: ignore[override]
            if not self.busy:
                self.busy = True
                self.nested.append(self.run(PARTIAL, hits).subject_coverage)
            return ExtractiveComposer._render(chosen, best)

    c = Interleaving()
    c.warm_up(CHUNKS)
    outer = c.run(FULL, hits)
    assert c.nested == [partial] and outer.subject_coverage == full


def test_concurrent_definition_questions_never_get_each_others_value():
    hits = P.hits(3, 0, 1)
    expected = {q: P.composer.run(q, hits).subject_coverage for q in (FULL, PARTIAL)}
    assert expected[FULL] != expected[PARTIAL]
    got: list[tuple[str, float]] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(q: str) -> None:
        start.wait()
        for _ in range(200):
            value = P.composer.run(q, hits).subject_coverage
            with lock:
                got.append((q, value))

    threads = [threading.Thread(target=worker, args=((FULL, PARTIAL)[i % 2],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8 * 200
    assert all(value == expected[q] for q, value in got)
