"""Composer rules for question lines in the text, questionnaires, "Cik …?" questions and sentences cut by chunking."""

from __future__ import annotations

import pytest
from answer_passages import Passages, assert_all_contained

from assistant.answer import ExtractiveComposer, analyze_question
from assistant.sentences import WORD_QUALITY
from assistant.types import Chunk

GOAL = (
    "Pakalpojumu vides pilnveide\n\n"
    "Kāds ir pilnveides mērķis?\n"
    '"Ārēji" — apmierināti pakalpojumu saņēmēji, tostarp:\n'
    "• sabiedrības apmierinātības pieaugums ar pārvaldes pakalpojumiem\n"
    "• sabiedrības apmierinātības pieaugums ar iestāžu darbu kopumā\n"
)
QUESTIONNAIRE = (
    "Vai atbildība par pakalpojuma sniegšanu ir atbilstoši sadalīta starp ministrijām?\n"
    "Kas ir pakalpojuma turētājs?\n"
    "Kuras struktūrvienības ir iesaistītas pakalpojuma sniegšanā?\n"
)
SEGMENTS = (
    "Klientu segmentēšana ir nepieciešama divu būtisku mērķu sasniegšanai:\n"
    "• Klientu vajadzību apzināšanai, lai nodrošinātu to labāku apmierināšanu;\n"
    "• Pakalpojumu piegādes kanālu pielāgošanai klientu segmentu vēlmēm.\n"
)
NAME = (
    "Pakalpojuma nosaukums var ietvert vairākas sastāvdaļas, piemēram, objektu un darbību.\n"
    "Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs.\n"
    "Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi.\n"
)
# one definition cut in mid-sentence by chunking: it goes on in the next chunk of the same document
CUT_A = (
    "Vispārējā informācija\n"
    '• "Teritoriālā piekļūstamība" — pakalpojumu var pieprasīt un saņemt dažādās vietās, un\n'
)
CUT_B = (
    "pakalpojuma saņēmējiem ir iespēja izvēlēties sev piemērotāko saņemšanas vietu, tostarp:\n"
    "• visā Latvijas teritorijā\n"
    "• ārpus Latvijas teritorijas\n"
)
CONSULT = "Pakalpojumu pārvaldības uzdevumi\n\nTiešsaistes konsultācijas\nkatru ceturtdienu 15:00-17:00 MS Teams vidē.\n"

TEXTS = [GOAL, QUESTIONNAIRE, SEGMENTS, NAME, CUT_A, CUT_B, CONSULT]
DOCS = ["000_h.txt", "003_h.txt", "003_h.txt", "002_h.txt", "001_h.txt", "001_h.txt", "001_h.txt"]
CHUNKS = [Chunk(f"h{i}", DOCS[i], "Vadlīnijas", f"sadaļa {i}", t, i) for i, t in enumerate(TEXTS)]


P = Passages(CHUNKS)
hits_for = P.hits


@pytest.fixture(scope="module")
def composer() -> ExtractiveComposer:
    return P.composer


def test_a_question_in_the_text_heads_the_answer_below_it(composer):
    d = composer.run("Kāds ir pakalpojumu vides pilnveides mērķis?", hits_for(0, 2))
    first = d.text.split("\n\n")[0]
    assert "?" not in first  # the slide's own question is not the answer
    assert "apmierinātības pieaugums" in first
    assert_all_contained(d)


def test_a_questionnaire_is_not_the_answer(composer):
    d = composer.run("Kāpēc klientus vajag sadalīt grupās atbilstoši to sadalījumam?", hits_for(1, 2))
    assert "Vai atbildība" not in d.text and "Kas ir pakalpojuma turētājs" not in d.text
    assert "Klientu vajadzību apzināšanai" in d.text
    assert_all_contained(d)


def test_count_question_wants_the_unit_with_the_number(composer):
    assert analyze_question("Cik garam jābūt pakalpojuma nosaukumam?").wants == "count"
    assert analyze_question("cik biezi jamera klientu apmierinatiba").wants == "frequency"
    assert analyze_question("Kas ir pakalpojums?").wants == ""
    d = composer.run("Cik garam jābūt pakalpojuma nosaukumam?", hits_for(3))
    assert d.text.startswith("Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi")


def test_sentence_cut_by_chunking_continues_in_the_next_chunk(composer):
    d = composer.run("Ko nozīmē teritoriālā piekļūstamība?", hits_for(4))
    assert "dažādās vietās, un" in d.text
    assert "izvēlēties sev piemērotāko saņemšanas vietu" in d.text  # from the next chunk
    assert "visā Latvijas teritorijā" in d.text  # with the list it leads into
    assert [c.chunk.chunk_id for c in d.citations] == ["h4", "h5"]
    assert_all_contained(d)


def test_times_are_words_not_debris(composer):
    assert WORD_QUALITY.good("15:00-17:00") and WORD_QUALITY.good("9.00–17.00")
    assert not WORD_QUALITY.good("v_ajad;u;pzl")
    d = composer.run("Kad notiek tiešsaistes konsultācijas?", hits_for(6))
    assert "15:00-17:00" in d.text
