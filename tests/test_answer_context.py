"""Answer rules round 2: slide/section titles as context, sub-lists under an item, verbal derivations,
paragraph references ("(3. p.)") are words."""

from __future__ import annotations

import pytest
from answer_passages import Passages, assert_all_contained

from assistant.answer import ExtractiveComposer, analyze_question
from assistant.answerability import AnswerabilityJudge, verb_root
from assistant.sentences import WORD_QUALITY, StemVocabulary, verbal_base
from assistant.types import Chunk

OTHER = "Iestāde plāno pasākumus sadarbībai ar citām iestādēm un nozares organizācijām.\n"
PROMOTION = (
    "E-pakalpojumu izmantošanas veicināšana\n"
    "Iestāde veido atbalstošu regulējumu.\n"
    "Iestāde plāno pasākumus darbinieku apmācībai un klientu informēšanai par e-iespējām savā tīmekļvietnē.\n"
)
EVALUATION = (
    "Galvenās darbības:\n"
    "• Noteikt pakalpojuma izvērtēšanas mērķi, piemēram:\n"
    "  • Veikt pakalpojuma analīzi pēc noteiktu kritēriju viedokļa;\n"
    "  • Izanalizēt pakalpojuma iespējamos pārbūves veidus, piemēram:\n"
    "deleģēt privātajam sektoram;\n"
    "elektronizēt;\n"
    "sniegt pakalpojumu ar vienas pieturas aģentūras starpniecību, utt.\n"
    "Informācijas ievākšana un analīze ir nākamais solis.\n"
)
REBUILD = (
    "Pakalpojuma pārbūve var ietvert izmaiņas vairākās jomās:\n"
    "• Procesu izmaiņas;\n"
    "• Normatīvo aktu izmaiņas;\n"
    "• Informācijas sistēmu izmaiņas.\n"
)
FILLER = (
    "Pakalpojumu katalogs ir pieejams tīmekļvietnē.\n",
    "Pakalpojuma turētājs apstiprina pakalpojumu sarakstu.\n",
    "Klientu apmierinātības mērījumu veic reizi trijos gados.\n",
)
TEXTS = [OTHER, PROMOTION, EVALUATION, REBUILD, *FILLER]
CHUNKS = [
    Chunk(f"c{i}", f"00{i % 5}_ctx.txt", "Vadlīnijas", f"sadaļa {i}", t, i) for i, t in enumerate(TEXTS)
]


P = Passages(CHUNKS)
hits_for = P.hits


@pytest.fixture(scope="module")
def composer() -> ExtractiveComposer:
    return P.composer


def test_slide_title_names_the_topic_of_the_lines_below(composer):
    # the second sentence under "E-pakalpojumu izmantošanas veicināšana" answers, though it never says
    # "e-pakalpojumi" itself; the better-ranked passage shares only "iestāde plāno pasākumus"
    d = composer.run("Kādus pasākumus iestāde plāno e-pakalpojumu izmantošanas veicināšanai?", hits_for(0, 1))
    assert d.text.startswith("Iestāde plāno pasākumus darbinieku apmācībai")
    assert d.citations[0].chunk.chunk_id == "c1"
    assert_all_contained(d)


def test_sub_list_under_an_item_whose_bullets_were_lost_is_kept(composer):
    d = composer.run("Kādi ir iespējamie pakalpojuma pārbūves veidi?", hits_for(2))
    assert "deleģēt privātajam sektoram" in d.text
    assert "elektronizēt" in d.text
    assert "Informācijas ievākšana" not in d.text  # the sub-list ends with its last item
    assert_all_contained(d)


@pytest.mark.parametrize(
    "stem_a,stem_b",
    [("istenojot", "istenosan"), ("mainiti", "main"), ("parbuvejot", "parbuv"), ("uzturet", "uzturesan")],
)
def test_verbal_derivations_meet(stem_a, stem_b):
    assert stem_b in StemVocabulary([stem_b, "vid"]).related(stem_a)
    assert verbal_base(stem_a) == verbal_base(stem_b)


def test_verbal_base_keeps_short_stems():
    assert verbal_base("lemt") == "lemt"  # 4 letters must stay: nothing is cut
    assert "vid" not in StemVocabulary(["vid", "main"]).related("mainiti")


def test_verb_root_meets_reflexive_and_noun_forms():
    assert verb_root("mainīties") == verb_root("izmaiņas")
    assert verb_root("īstenojot") == verb_root("īstenošana")
    assert verb_root("apgūt") == verb_root("iegūt")  # the prefix rule still holds


def test_paragraph_references_are_words():
    assert WORD_QUALITY.share("Elektronizācijas kritēriji (3. p.)") == 1.0
    assert WORD_QUALITY.share("E-pakalpojumu pārvaldība (13.-17. p.)") == 1.0
    assert not WORD_QUALITY.good("ab.)")  # debris still is debris


def test_reflexive_verb_question_is_answered_from_noun_forms(composer):
    judge = AnswerabilityJudge()
    judge.warm_up(CHUNKS)
    q = "Kas var mainīties, kad pārbūvē pakalpojumu?"
    hits = hits_for(3, 4)
    info = analyze_question(q)
    d = composer.run(info, hits)
    v = judge.run(info, hits, d)
    assert v.answerable, v.features
    assert "Procesu izmaiņas" in d.text
    # an absent concept is still declined
    info2 = analyze_question("Kā pakalpojumu pārbūvē izmantot blokķēdes tehnoloģiju?")
    d2 = composer.run(info2, hits)
    assert not judge.run(info2, hits, d2).answerable
