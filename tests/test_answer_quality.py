"""Answer quality rules: OCR debris, drift, comparisons, lists without lead-ins, OCR-tolerant answerability."""

from __future__ import annotations

import pytest
from answer_passages import Passages, assert_all_contained

from assistant.answer import ExtractiveComposer, _units_of, analyze_question
from assistant.answerability import AnswerabilityJudge, verb_root
from assistant.sentences import WORD_QUALITY, contained_in, split_units
from assistant.types import Chunk

OCR_SLIDE = (
    'Darbs :LI_ Vajadzība (Dzīves situadia)|. "Viedo pakalpojumu" ieviešana samazina pārvaldāmo '
    "pakalpojumu skaitu un padara pakalpojumu pārvaldību kopumā efektīvāku.\n"
    "B B—— Saurbs D vapima v_ajad;u;pzl ~—#- |_tpepojns | | palpooms |\n"
)
TYPES = (
    "Pakalpojumu veidi\n"
    "• Vienkāršs pakalpojums – pakalpojums, kas:\n"
    "  • apmierina tikai vienu konkrētu pakalpojumu saņēmēju vajadzību\n"
    "Katram Vienkāršajam pakalpojumam ir viens pakalpojuma saimnieks.\n"
    "• Komplekss pakalpojums – pakalpojums, kas:\n"
    "  • apmierina vairākas ar dzīves situāciju saistītas vajadzības\n"
    "Katram Kompleksajam pakalpojumam ir viens pakalpojuma saimnieks.\n"
    "• Viedais pakalpojums – pakalpojums, kas:\n"
    "  • pielāgojas konkrētam pakalpojuma saņēmējam un situācijai\n"
)
NAME = (
    "Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs.\n"
    "Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi.\n"
)
DESCRIPTION = (
    "Pakalpojuma apraksts:\n"
    "• Pakalpojuma sniedzējs un tā kontaktinformācija.\n"
    "• Pakalpojuma pieprasīšanai nepieciešamie dokumenti un veidlapas.\n"
    "• Tiesiskais regulējums un apstrīdēšanas kārtība.\n"
    "• Klientu loks un teritoriālais pārklājums.\n"
)
WAYS = (
    "Kompetences iespējams iegūt dažādos veidos:\n"
    "• pašmācība\n"
    "(literatūra, kursu materiāli, video materiāli)\n"
    "• iekšēja apmācība iestādē\n"
    "(vadlīnijas, instrukcijas)\n"
)
RULES = (
    "MK noteikumi Nr. 399\n"
    "Valsts pārvaldes pakalpojumu uzskaites un sniegšanas kārtība\n"
    "• Nosaka vienotu ietvaru pakalpojumu uzskaitei un pakalpojumu kataloga vešanas kārtībai\n"
    "• Nosaka kvalitātes kontroles kārtību\n"
)
CONTENTS = "Noteikumu saturs\n• Definīcijas\n• Elektronizācijas kritēriji\n• Izstrādes process\n• Rādītāji\n"
CRITERIA = (
    "Elektronizācijas kritēriji:\n"
    "• pakalpojuma gadījumu skaits gadā pārsniedz 5000;\n"
    "• tiek uzlabota pakalpojuma pieejamība;\n"
    "• tiek samazināts administratīvais slogs.\n"
)

TEXTS = [OCR_SLIDE, TYPES, NAME, DESCRIPTION, WAYS, RULES, CONTENTS, CRITERIA]
CHUNKS = [
    Chunk(f"q{i}", f"00{i % 5}_quality.txt", "Vadlīnijas", f"sadaļa {i}", t, i) for i, t in enumerate(TEXTS)
]


P = Passages(CHUNKS)
hits_for = P.hits


@pytest.fixture(scope="module")
def composer() -> ExtractiveComposer:
    return P.composer


def test_word_quality_tells_words_from_debris():
    assert WORD_QUALITY.share("Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi.") == 1.0
    assert WORD_QUALITY.share("B B—— Saurbs D vapima v_ajad;u;pzl ~—#-") < 0.5


def test_ocr_prefix_is_trimmed_and_debris_line_dropped(composer):
    units = [u.text for u in _units_of(OCR_SLIDE)]
    assert any(t.startswith('"Viedo pakalpojumu" ieviešana') for t in units)
    assert not any("Saurbs" in t or ":LI_" in t for t in units)
    for t in units:
        assert contained_in(t, OCR_SLIDE)


def test_no_debris_in_answers(composer):
    d = composer.run("Kāpēc ieviest viedos pakalpojumus?", hits_for(0, 1))
    assert "Viedo pakalpojumu" in d.text
    assert "Saurbs" not in d.text and ":LI_" not in d.text and "|" not in d.text
    assert_all_contained(d)


def test_comparison_gathers_each_named_definition(composer):
    d = composer.run("Ar ko atšķiras vienkāršs, komplekss un viedais pakalpojums?", hits_for(1, 0))
    for term in ("Vienkāršs pakalpojums –", "Komplekss pakalpojums –", "Viedais pakalpojums –"):
        assert term in d.text
    # each definition keeps its items
    assert "tikai vienu konkrētu" in d.text and "pielāgojas konkrētam" in d.text
    assert_all_contained(d)


def test_weaker_list_from_another_passage_does_not_drift_in(composer):
    d = composer.run("Kā pareizi jāveido pakalpojuma nosaukums?", hits_for(2, 3))
    assert "3–6 vārdi" in d.text
    assert "teritoriālais pārklājums" not in d.text
    assert [c.n for c in d.citations] == [1]


def test_parenthesis_line_belongs_to_its_item():
    items = [u for u in split_units(WAYS) if u.kind == "item"]
    assert items[0].text == "pašmācība (literatūra, kursu materiāli, video materiāli)"
    assert len(items) == 2


def test_sentence_above_a_list_without_lead_in_brings_the_list(composer):
    d = composer.run("Ko nosaka MK noteikumi Nr. 399?", hits_for(5))
    assert "vienotu ietvaru" in d.text and "kvalitātes kontroles kārtību" in d.text
    assert_all_contained(d)


def test_table_of_contents_is_not_the_answer(composer):
    d = composer.run("Kādi ir elektronizācijas kritēriji?", hits_for(6, 7))
    assert "5000" in d.text
    assert "Izstrādes process" not in d.text


@pytest.mark.parametrize("a,b", [("apgūt", "iegūt"), ("jāpāriet", "pārejot"), ("pārveidot", "veidot")])
def test_verb_root_meets_other_prefixes(a, b):
    assert verb_root(a) == verb_root(b)


def test_answerability_tolerates_prefixed_verbs(composer):
    judge = AnswerabilityJudge()
    judge.warm_up(CHUNKS)
    assert judge.in_corpus("apgūt")  # "iegūt" is in the corpus
    assert not judge.in_corpus("blokķēde")
    q = analyze_question("Kādos veidos var apgūt kompetences?")
    hits = hits_for(4)
    v = judge.run(q, hits, composer.run(q, hits))
    assert v.answerable, v.features
    q2 = analyze_question("Kas ir pakalpojumu blokķēdes reģistrs?")
    hits2 = hits_for(1)
    assert not judge.run(q2, hits2, composer.run(q2, hits2)).answerable


# -- answerability: asking words, measure adjectives, verb-shaped out-of-corpus words, absent terms ------
@pytest.mark.parametrize(
    "q,words",
    [
        ("Cik garam jābūt mūsu pakalpojuma nosaukumam?", ["pakalpojuma", "nosaukumam"]),
        ("vai iestade drikst piedavat sliktakus nosacijumus neka saimnieks", None),
    ],
)
def test_topic_words_drop_pronouns_modals_and_measures(q, words):
    from assistant.answerability import topic_words

    got = topic_words(q)
    if words is not None:
        assert got == words
    for w in ("musu", "garam", "drikst", "neka"):
        assert w not in got


def test_length_question_answered_when_the_unit_states_it(composer):
    judge = AnswerabilityJudge()
    judge.warm_up(CHUNKS)
    hits = hits_for(2)
    for q in ("Cik garam jābūt pakalpojuma nosaukumam?", "cik garam jabut musu pakalpojuma nosaukumam"):
        info = analyze_question(q)
        v = judge.run(info, hits, composer.run(info, hits))
        assert v.answerable and v.features["oov"] == [], v.features
    fee = analyze_question("Cik maksā pakalpojuma nosaukums?")
    assert not judge.run(fee, hits, composer.run(fee, hits)).answerable


@pytest.mark.parametrize(
    "q,kind",
    [
        ("Kāds ir minimālās algas apmērs 2025. gadā?", "money"),
        ("Cik liels ir pabalsta apmērs?", "money"),
        ("Kas notiek, kad pakalpojumu ievieš pilnā apmērā?", ""),
    ],
)
def test_amount_questions_demand_money(q, kind):
    from assistant.answerability import expected_fact
    from assistant.textnorm import fold

    assert expected_fact(fold(q)) == kind


@pytest.mark.parametrize(
    "word,verbal",
    [
        ("uztaisita", True),
        ("uztaisit", True),
        ("izdarijis", True),
        ("vieta", False),
        ("algas", False),
        ("blokkedes", False),
        ("produkts", False),
    ],
)
def test_looks_verbal(word, verbal):
    from assistant.answerability import looks_verbal

    assert looks_verbal(word) is verbal


def test_absent_verb_weighs_less_than_absent_noun(composer):
    judge = AnswerabilityJudge()
    judge.warm_up(CHUNKS)
    hits = hits_for(2)
    verb = analyze_question("Vai pakalpojuma nosaukums var būt uztaisīts īss?")
    noun = analyze_question("Vai pakalpojuma nosaukums var būt īss blokķēdē?")
    fv = judge.features(verb, hits, composer.run(verb, hits))
    fn = judge.features(noun, hits, composer.run(noun, hits))
    assert len(fv["oov"]) == len(fn["oov"]) == 1
    assert fv["coverage"] > fn["coverage"] + 0.1, (fv, fn)


def test_definition_with_a_term_word_absent_from_corpus_is_out_of_corpus(composer):
    judge = AnswerabilityJudge()
    judge.warm_up(CHUNKS)
    hits = hits_for(1)
    info = analyze_question("Kas ir blokķēdes pakalpojums?")
    v = judge.run(info, hits, composer.run(info, hits))
    assert not v.answerable and v.reason == "out_of_corpus" and v.features["subject_oov"], v.features
