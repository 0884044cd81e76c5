"""The answer path's steps: question parsing, the fragment check, compose guarantees, judge rules, and the
whole path on the real index (slow)."""

from __future__ import annotations

import json

import pytest

from assistant.answering.compose import Composer
from assistant.answering.fragments import details, problems
from assistant.answering.judge import asked_thing, measure_stems, states_measure, thing_spoken
from assistant.answering.question import parse_question, split_ask
from assistant.answering.route import Route
from assistant.sections import split_sections
from assistant.types import DocMeta, Document


# --- question ----------------------------------------------------------------------------------------------
def test_the_ask_is_the_question_sentence_and_the_situation_weighs_less():
    q = parse_question("Mūsu aģentūrā ir zvanu centrs, kas atbild klientiem pa tālruni. Kā konsultācijas jāapraksta?")
    assert q.ask.startswith("Kā konsultācijas") and "zvanu centrs" in q.situation
    assert q.weights["konsultacij"] == 1.0 and q.weights["zvan"] == 0.5
    assert q.fact == ""  # the phone is in the situation, not asked for


def test_a_short_ask_takes_the_sentence_before_it_and_a_classifying_question_has_a_concept():
    q = parse_question("Mūsu pašvaldībā ir bibliotēka, kas izsniedz grāmatas. Vai tas ir pakalpojums?")
    assert q.concept == "pakalpojums" and q.weights["pakalpojum"] == 1.0 and "bibliotek" in q.weights
    assert q.ask.startswith("Mūsu pašvaldībā")  # "Vai tas ir pakalpojums?" alone says too little
    assert split_ask("Kas ir e-pakalpojums?") == ("Kas ir e-pakalpojums?", "")


def test_an_opening_clause_with_a_question_word_is_situation_when_a_question_follows():
    assert split_ask("Cik man zināms, konsultācijas nav pakalpojums, vai tas tā ir?")[0] == "vai tas tā ir?"
    assert split_ask("Kad klients iesniedz sūdzību, kādā termiņā jāatbild?")[0] == "kādā termiņā jāatbild?"


def test_one_sentence_keeps_its_subordinate_clauses_when_it_opens_with_the_question_word():
    # "…, kad mainās statuss" is part of the question, not a new one: the named system stays in the ask
    q = "Kā VIRSIS sistēmā iestatīt, lai klients saņem e-pastu, kad mainās viņa pieteikuma statuss?"
    assert split_ask(q) == (q, "")
    # a sentence opening with a statement asks in its last clause
    ask, situation = split_ask("Mums ir bibliotēka, kas izsniedz grāmatas, vai tas ir pakalpojums?")
    assert ask == "vai tas ir pakalpojums?" and situation.startswith("Mums ir bibliotēka")


def test_count_questions_know_what_they_count():
    assert measure_stems("cik darba dienu laika jaatbild") == frozenset({"darb"})
    assert states_measure("Atbild 10 darba dienu laikā [1]", frozenset({"darb"}))
    assert not states_measure("Atbild reizi ceturksnī [1]", frozenset({"darb"}))


# --- fragments ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("Iestāde veido veicinošu regulējumu, nosakot, piemēram. [1]", "cut"),
        ("Pakalpojumu saraksts ir iekšējs dokuments, un [1]", "cut"),
        ("un tas ir jādara katru gadu. [1]", "cut"),
        ("Pakalpojuma nosaukums [1]", "heading"),
        ("Pakalpojumu veidi ir šādi: [1]", "heading"),
        ("Pakalpojumu pārvaldība EekelpR AERIpavaldibalif ir svarīga. [1]", "ocr"),
        ("Jautājumi: Maija Anspoka, tālr. 67026938. [1]", "contact"),
    ],
)
def test_fragment_kinds_are_caught(answer, kind):
    assert kind in problems(answer, "Kā veicināt e-pakalpojumu izmantošanu?")


def test_clean_answers_and_requested_contacts_pass():
    good = (
        "Par pakalpojumu nav jāuzskata: [1]\n• atbalsta sniegšana savas iestādes pakalpojumiem\n"
        "• pašas iestādes atbalsta funkciju īstenošana (t.sk. grāmatvedība, u.c.)\n(… un vēl 2 punkti: skatiet visu sadaļu.)"
    )
    assert problems(good, "Kas nav pakalpojums?") == []
    contact = "Jautājumus sūtiet uz pvp@varam.gov.lv. [1]"
    assert problems(contact, "Kam rakstīt jautājumus?") == []
    assert details(contact, "Kas ir PLVN?")[0][0] == "contact"


# --- compose -----------------------------------------------------------------------------------------------
TEXT = """# Atbalsts

Konsultācijas par savas iestādes pakalpojumiem ir šo pakalpojumu sastāvdaļa, un tās nav jāuzskata par atsevišķu pakalpojumu.

Par pakalpojumu nav jāuzskata:

  • atbalsta sniegšana savas iestādes pakalpojumiem
  • pašas iestādes atbalsta funkciju īstenošana

EekelpR AERIpavaldibalif konsultācijas auļošu pakalpojums.

Vairāk informācijas: Maija Anspoka, tālr. 67026938.
"""


def _routes(text: str = TEXT):
    d = Document(DocMeta("901", "901_t.txt", "Testa vadlīnijas", ocr=True), text, text)
    secs = split_sections(d)
    return secs, [Route(secs[0], 1.0, {"lexical+dense": 1.0})]


def test_composer_shows_whole_readable_units_and_never_debris_or_contacts():
    secs, routes = _routes()
    c = Composer()
    c.warm_up(secs)
    q = parse_question("Vai konsultācijas par mūsu pakalpojumiem ir atsevišķs pakalpojums?")
    d = c.run(q, routes, folded="vai konsultacijas par musu pakalpojumiem ir atseviskss pakalpojums")
    assert d.text.startswith("Konsultācijas par savas iestādes pakalpojumiem ir šo pakalpojumu sastāvdaļa")
    assert "EekelpR" not in d.text and "67026938" not in d.text
    assert problems(d.text, q.text) == []
    cit = d.citations[0]
    assert cit.section_text and "Par pakalpojumu nav jāuzskata:" in cit.section_text
    for line in cit.quote.splitlines():
        assert line in cit.section_text


def _two_sections(text: str, second_starts: str, titles: tuple[str, str]):
    """A test document of two sections (the second from ``second_starts`` on) and a composer warmed on them."""
    d = Document(DocMeta("902", "902_t.txt", "Testa vadlīnijas"), text, text)
    secs = split_sections(d, [(0, titles[0]), (text.index(second_starts), titles[1])])
    assert len(secs) == 2
    c = Composer()
    c.warm_up(secs)
    return secs, c


def test_an_answer_opening_on_a_sentence_that_points_back_brings_what_it_points_to():
    text = (
        "Konsultācijas par savas iestādes pakalpojumiem ir to sastāvdaļa, un tās nav jāuzskata par atsevišķu pakalpojumu.\n\n"
        "Arī tad, ja iestādei ir zvanu centrs, tas pilda iestādes pienākumu un nesniedz atsevišķu pakalpojumu.\n"
    )
    secs, c = _two_sections(text, "Arī tad", ("Konsultācijas", "Zvanu centrs"))
    q = parse_question("Mūsu zvanu centrs konsultē klientus. Vai tas ir atsevišķs pakalpojums?")
    draft = c.run(q, [Route(secs[1], 1.0, {"bank": 1.0})])
    assert draft.text.startswith("Konsultācijas par savas iestādes pakalpojumiem")  # what "Arī tad" points back to
    assert "Arī tad, ja iestādei ir zvanu centrs" in draft.text and len(draft.citations) == 2
    # a section that opens on its own statement gets nothing added
    alone = c.run(q, [Route(secs[0], 1.0, {"bank": 1.0})])
    assert "Arī tad" not in alone.text.split("\n\n")[0] and len(alone.citations) >= 1


def test_a_near_tie_shows_the_second_section_and_the_judge_weighs_the_lead_alone():
    from assistant.answering.judge import judged_text

    text = (
        "Pakalpojuma vadītājs atbild par pakalpojuma pilnveidi un tā rādītājiem.\n\n"
        "Pakalpojuma vadītājs plāno pakalpojuma pilnveidi reizi gadā un ziņo saimniekam 10 darba dienu laikā.\n"
    )
    secs, c = _two_sections(text, "Pakalpojuma vadītājs plāno", ("Vadītāja atbildība", "Vadītāja plāns"))
    q = parse_question("Ko dara pakalpojuma vadītājs?")
    # the router cannot tell the two sections apart: both are shown, the second as an alternative
    tie = c.run(q, [Route(secs[0], 1.0, {"bank": 1.0}), Route(secs[1], 0.95, {"bank": 0.95})])
    assert len(tie.citations) == 2 and tie.hedge_n == 2
    assert "10 darba dienu" in tie.text and "10 darba dienu" not in judged_text(tie)
    assert tie.lead_coverage <= tie.coverage
    # a second section routed far below the lead, adding nothing the question asks: the lead alone
    far = c.run(q, [Route(secs[0], 1.0, {"bank": 1.0}), Route(secs[1], 0.3, {"bank": 0.3})])
    assert len(far.citations) == 1 and far.hedge_n == 0 and judged_text(far) == far.text


def test_composer_cuts_a_long_list_between_items_and_says_so():
    items = "\n".join(f"  • {w} pakalpojuma sniegšanas nosacījums nr. {i} tiek izpildīts" for i, w in enumerate(["pirmais"] * 30))
    secs, routes = _routes(f"Pakalpojuma nosacījumi ir šādi:\n\n{items}\n")
    c = Composer()
    c.warm_up(secs)
    d = c.run(parse_question("Kādi ir pakalpojuma nosacījumi?"), routes)
    assert "(… un vēl" in d.text and "skatiet visu sadaļu" in d.text
    assert len(d.text.split()) < 160 and problems(d.text, "Kādi ir pakalpojuma nosacījumi?") == []


# --- the whole path on the real index -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real(tmp_path_factory):
    from assistant.index import build_test_index
    from assistant.pipeline import Assistant

    settings = build_test_index(tmp_path_factory.mktemp("answering-index"))
    a = Assistant(settings)
    a.warm_up()
    return a


@pytest.mark.slow
def test_definition_situational_and_decline_on_the_real_index(real):
    d = real.ask("Kas ir pakalpojuma līmeņa vienošanās?")
    assert d.answerable and "dokumentēta vienošanās" in d.answer and problems(d.answer, d.question) == []
    c = d.citations[0].to_dict()
    assert c["section_text"] and c["section"] and d.debug["matched_via"]
    s = real.ask("Mūsu aģentūrā klienti zvana uz informatīvo tālruni un jautā par mūsu pakalpojumiem. Vai šīs konsultācijas ir atsevišķs pakalpojums?")
    assert s.answerable and "nav jāuzskata par atsevišķu pakalpojumu" in s.answer
    assert problems(s.answer, s.question) == []
    n = real.ask("Cik maksā pakalpojuma apraksta ievietošana katalogā?")
    assert not n.answerable and n.citations == [] and "pvp@varam.gov.lv" in n.answer
    assert json.loads(json.dumps(n.to_dict()))["debug"]["reason"] == "missing_fact"


@pytest.mark.slow
def test_questions_without_diacritics_get_the_same_answer(real):
    a = real.ask("Vai konsultācijas ir pakalpojums?")
    b = real.ask("vai konsultacijas ir pakalpojums")
    assert a.answerable and b.answerable and a.citations[0].chunk.section == b.citations[0].chunk.section


def test_how_fast_is_a_duration_and_at_once_states_it():
    soon = measure_stems("cik atri pec izmainam jaaktualize apraksts")
    assert states_measure("Neatbilstību gadījumā to nekavējoties aktualizē [1]", soon)
    assert states_measure("Atbild 5 darbdienu laikā [1]", soon)
    assert not states_measure("Apraksts ir jāaktualizē [1]", soon)
    # "cik ilgi jāglabā" asks for a period: "at once" does not state one
    period = measure_stems("cik ilgi jaglaba pieteikumi")
    assert not states_measure("Pieteikumu nekavējoties reģistrē [1]", period)
    assert states_measure("Pieteikumus glabā piecus gadus [1]", period)


@pytest.mark.parametrize(
    "question, things",
    [
        ("Vai VARAM ir izstrādājusi vienotu klientu aptaujas anketu vai metodiku?", [["klient", "aptauj", "anket"], ["metodik"]]),
        ("vai pakalpojumu sarakstam ir kada noteikta forma vai veidne, ko mums jaizmanto?", [["form"], ["veidn"]]),
        ("Kur var atrast starpiestāžu pakalpojumu katalogu?", [["starpiestad", "pakalpojum", "katalog"]]),
        ("Vai ir noteikts termiņš, līdz kuram saraksts jāapstiprina?", [["termin"]]),
        # a property, not an existence: "ir" is not followed by a participle of making or "kāds"
        ("Vai e-pakalpojums ir obligāts?", []),
        ("Direktors jautā, vai tas ir oficiāls valsts dokuments un kas to izstrādāja?", []),
        # the description of a thing is asked: the thing is what the answer must name
        ("Kur atrast nepārtrauktās uzlabošanas procesa aprakstu?", [["nepartraukt", "uzlabosan", "proces"]]),
        ("Kur atrast VARAM skaidrojumu?", []),
        ("Vai tas ir pakalpojums?", []),
        # a property of a thing named before "ir" ("noteikts likumā", "paredzēts personām"), and "ja" = "if"
        ("Vai termiņš ir noteikts likumā?", []),
        ("Kas jādara, ja ir apstiprināts jauns pakalpojumu standarts?", []),
        # what the thing is for follows its head: the head is the thing
        ("Vai ir izstrādātas vadlīnijas klientu apkalpošanai?", [["vadlinij"]]),
        ("Vai ir izstrādāta e-pakalpojumu veidlapa?", [["e-pakalpojum", "veidlap"]]),
        ("Kas ir PLVN?", []),
    ],
)
def test_an_existence_question_names_the_thing_it_asks_about(question, things):
    from assistant.textnorm import folded_tokens

    assert asked_thing(" ".join(folded_tokens(question))) == things


def test_an_existence_question_is_answered_only_by_an_answer_that_names_the_thing():
    from assistant.sentences import content_stems

    things = [["klient", "aptauj", "anket"], ["metodik"]]
    survey = frozenset(content_stems("Pakalpojuma turētājs reizi trijos gados veic klientu apmierinātības mērījumu"))
    assert not thing_spoken(things, survey)
    assert thing_spoken(things, frozenset(content_stems("Klientu aptaujas anketas paraugs ir pielikumā")))
    assert thing_spoken(things, frozenset(content_stems("Izmaksu noteikšanas metodika")))
    assert thing_spoken([], survey)  # no existence question: nothing to name
    # a short head matches whole words only ("forma" is not "platforma"); a generic modifier names nothing
    assert not thing_spoken([["form"]], frozenset(content_stems("Vienotā platforma")))
    assert not thing_spoken([["pakalpojum", "veidlap"]], frozenset(content_stems("Pakalpojumu katalogs")))


def test_a_count_is_a_number_beside_what_it_counts():
    services = frozenset({"pakalpojum"})
    # a citation mark, a year, a site address or an act's number counts nothing
    assert not states_measure("Publisko pakalpojumu katalogs ir pieejams: www.latvija.gov.lv [1]", services)
    assert not states_measure("2017. gadā pakalpojumu skaits auga [1]", services)
    assert not states_measure("MK noteikumi Nr. 399 par pakalpojumiem [2]", services)
    assert states_measure("Katalogā ir 2000 pakalpojumu [1]", services)  # a number, not a year
    assert not states_measure("Procesa 4. posmā izvērtē pakalpojumus [1]", frozenset({"posm"}))  # an ordinal
    assert states_measure("Vadītājs drīkst vadīt ne vairāk kā trīs pakalpojumus [1]", services)
    assert states_measure("Katalogā ir 1200 pakalpojumu apraksti [1]", services)


def test_a_list_counts_only_under_its_own_lead_in_and_the_apps_notes_count_nothing():
    directions = frozenset({"virzien"})
    listed = "Pakalpojumu vides pilnveides virzieni ir šādi: [1]\n• pieejamība\n• kvalitāte\n• efektivitāte"
    assert states_measure(listed, directions)
    # a list further down, under another line, or a bullet that ends with ":" is not a list of directions
    assert not states_measure("Virzieni ir svarīgi [1]\n\nCiti punkti:\n• a\n• b", directions)
    assert not states_measure("• Pilnveides virzieni:\n• pieejamība\n• kvalitāte", directions)
    # the composer's own note "(… un vēl 9 punkti …)" is not a count from the documents
    assert not states_measure("Punkti: [1]\n(… un vēl 9 punkti: skatiet visu sadaļu.)", frozenset({"punkt"}))


def test_how_often_is_stated_by_a_period_not_by_any_reiz():
    from assistant.answering.judge import _FREQ_STATED_RE
    from assistant.textnorm import fold

    assert _FREQ_STATED_RE.search(fold("pārbauda informāciju reizi ceturksnī"))
    assert _FREQ_STATED_RE.search(fold("katru gadu"))
    assert not _FREQ_STATED_RE.search(fold("pirmo reizi iesniedz pieteikumu"))
    assert not _FREQ_STATED_RE.search(fold("reizē ar pieteikumu"))


def test_hours_questions_ask_for_the_time_not_for_rules_about_it():
    from assistant.answering.facts import expected_fact

    assert expected_fact("kads ir vienota klientu apkalposanas centra darba laiks sestdienas") == "hours"
    assert expected_fact("kadi normativie akti regule valsts iestazu darba laiku") == ""
    assert expected_fact("kada ir kartiba ka iestade informe par darba laika izmainam") == ""


def test_a_person_named_in_the_question_must_be_in_the_answer():
    from assistant.answering.compose import Draft
    from assistant.answering.judge import only_mentioned

    other = Draft("Vienas pieturas aģentūras nodaļa: Maija Anspoka, tālr. 67026938 [1]", [])
    ask = "Kāds ir VARAM darbinieka Jāņa Bērziņa tālruņa numurs?"
    assert only_mentioned(ask, other) == "Jāņa Bērziņa"  # another person's contact does not answer
    same = Draft("Kontaktpersona: Jānis Bērziņš, tālr. 67000000 [1]", [])
    assert only_mentioned(ask, same) == ""  # the same person in another case
    plvn = Draft("PLVN ir pakalpojuma līmeņa vienošanās nosacījumi [1]", [])
    assert only_mentioned("Jānis Bērziņš jautā, kas ir PLVN?", plvn) == ""  # the sentence's first words


def test_no_alternative_section_when_the_lead_defines_what_is_asked():
    text = (
        "Dzīves situācija – situācija, kurā personai jāsaņem vairāki pakalpojumi no dažādām iestādēm.\n\n"
        "Dzīves situāciju apraksti portālā palīdz personai atrast vajadzīgos pakalpojumus.\n"
    )
    secs, c = _two_sections(text, "Dzīves situāciju apraksti", ("Definīcija", "Apraksti portālā"))
    q = parse_question("Kas ir dzīves situācija?")
    d = c.run(q, [Route(secs[0], 1.0, {"bank": 1.0}), Route(secs[1], 0.99, {"bank": 0.99})])
    assert d.defines and d.hedge_n == 0 and len(d.citations) == 1


def test_a_question_in_the_guidance_answers_nothing_by_itself():
    from assistant.sections import Unit

    checklist = Unit("Vai nozarē ir skaidrs politiskās atbildības sadalījums par pakalpojuma sniegšanu starp ministrijām?", "paragraph", 0, 10)
    statement = Unit("Pakalpojumu var sniegt klātienē, pa tālruni un elektroniski.", "paragraph", 0, 10)
    assert not Composer.says_something(checklist) and Composer.says_something(statement)
