"""evals.answers: where the key points are found (answer / cited / top passages / corpus), on fakes."""

from __future__ import annotations

from types import SimpleNamespace

from evals.answers import key_point_locations

CHUNKS = [
    SimpleNamespace(text="Pakalpojuma nosaukumā jābūt darbībai un objektam."),
    SimpleNamespace(text="Pakalpojumu katalogu pārbauda reizi ceturksnī."),
    SimpleNamespace(text="Konsultācijas par saviem pakalpojumiem nav pakalpojums."),
]


class FakeRetriever:
    chunks = CHUNKS

    def run(self, question: str, top_k: int = 10):
        order = [1, 0, 2]  # the catalogue passage first, whatever is asked
        return [SimpleNamespace(chunk=CHUNKS[i]) for i in order[:top_k]]


class FakeAssistant:
    retriever = FakeRetriever()

    def ask(self, question: str):
        # answers from the naming passage only, and cites it
        return SimpleNamespace(
            answerable=True,
            answer="Nosaukumā jābūt darbībai.",
            citations=[SimpleNamespace(chunk=CHUNKS[0])],
            retrieved=self.retriever.run(question),  # what the answer was composed from
        )


def test_key_points_are_located_in_each_place() -> None:
    rows = [
        {"answerable": True, "question": "q1", "key_points": ["jābūt darbībai", "un objektam"]},
        {"answerable": True, "question": "q2", "key_points": ["reizi ceturksnī", "konsultācijas par saviem"]},
        {"answerable": False, "question": "q3", "key_points": ["nekas"]},  # unanswerable rows are skipped
        {"answerable": True, "question": "q4", "key_points": ["mēness orbīta"]},  # in no chunk at all
    ]
    found = key_point_locations(rows, FakeAssistant())
    # 5 key points: "jābūt darbībai" is in the answer; "un objektam" only in the cited passage;
    # "reizi ceturksnī" in top 1; "konsultācijas par saviem" in the top 3 (third passage); "mēness orbīta" nowhere
    assert found == {"answer": 0.2, "cited": 0.4, "top1": 0.2, "top3": 0.8, "any_chunk": 0.8}


def test_no_answerable_rows_gives_nothing() -> None:
    assert key_point_locations([{"answerable": False, "question": "x"}], FakeAssistant()) == {}
