"""Topics from the guidance's sections, the writer's signs, the topic judge, and the evaluation's hold-out rule."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from assistant.triage.classify import TOPICS, TopicClassifier, TopicResult
from assistant.triage.pipeline import without_closing
from assistant.triage.topic_model import FEATURES, TopicJudge, TopicWeights, features, load_weights
from assistant.triage.topics import TopicTable, _parse, section_evidence, topic_table
from assistant.triage.writer import commercial, institution_voice, own_voice, private_mailbox, writer_signs

REPO = Path(__file__).resolve().parent.parent


def bank_sections() -> set[tuple[str, str]]:
    out = set()
    for path in sorted((REPO / "corpus" / "question_bank").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.add((row["doc"], row["section"]))
    return out


# ------------------------------------------------------------------ the table


def test_every_bank_section_has_a_topic_and_every_row_is_a_bank_section():
    table = topic_table()
    sections = bank_sections()
    assert len(sections) > 150
    assert table.problems(sections) == []
    # a row for a section the bank does not have, and a bank section without a row, are both reported
    assert table.problems(sections | {("002", "Sadaļa, kuras nav")})
    assert any("nav jautājumu bankā" in p for p in table.problems(sections - {("002", "Resursi")}))


def test_every_topic_has_a_latvian_definition_written_from_sections():
    table = topic_table()
    assert set(table.topics) == set(TOPICS)
    for code, t in table.topics.items():
        assert t.title and len(t.definition.split()) >= 12, code
        if code != "out_of_scope":
            assert t.sections, code  # the definition says where in the guidance it comes from
            assert t.boundary, code  # and where the neighbouring topics begin


def test_section_lookup_split_sections_and_document_defaults():
    table = topic_table()
    assert table.of_section("002", "Pakalpojumu pārvaldības līmeņi")[0] == "management_tasks"
    assert table.of_section("002", "Pakalpojuma līmeņa vienošanās un SLA") == ("service_levels",)
    # a long section split in two keeps its topic; a document's title page gets the document's topic
    assert table.of_section("001", "Uzdevumu savstarpējās atkarības (2)") == table.of_section(
        "001", "Uzdevumu savstarpējās atkarības"
    )
    assert table.of_section("003", "1. Ievads") == ("redesign",)
    assert table.of_section("999", "nekas") == ()


def test_a_row_naming_an_unknown_topic_is_refused():
    data = {"topics": {"a": {"title": "A", "definition": "x"}}, "sections": {"002/X": ["a", "b"]}}
    with pytest.raises(ValueError, match="unknown topics"):
        _parse(data)
    with pytest.raises(ValueError, match="cites sections"):
        _parse({"topics": {"a": {"title": "A", "definition": "x", "sections": ["002/Y"]}}})


def test_section_evidence_votes_by_score_with_the_second_topic_counting_less():
    table = TopicTable(
        sections={"002/A": ("digital", "channels_access"), "002/B": ("channels_access",)},
    )
    ev = section_evidence([("002", "A", 3.0), ("002", "B", 1.0)], table, second=0.5)
    assert math.isclose(sum(ev.values()), 1.0)
    # digital 3; channels 1.5 (second topic of A) + 1 (B)
    assert math.isclose(ev["digital"], 3 / 5.5) and math.isclose(ev["channels_access"], 2.5 / 5.5)
    assert section_evidence([], table) == {}
    assert section_evidence([("002", "A", 0.0)], table) == {}
    # only the best k sections vote
    assert set(section_evidence([("002", "B", 2.0), ("002", "A", 1.0)], table, k=1)) == {"channels_access"}


# ------------------------------------------------------------------ the writer


@pytest.mark.parametrize(
    "sender,private",
    [
        ("Jānis <janis.berzins@gmail.com>", True),
        ("anna@inbox.lv", True),
        ("s.ivanov@mail.ru", True),
        ("ilze@vid.gov.lv", False),
        ("info@gmail.com.example.lv", False),
        ("", False),
        ("nav adreses", False),
    ],
)
def test_private_mailbox(sender, private):
    assert private_mailbox(sender) is private


def test_institution_voice_from_we_and_an_institution_or_the_signature():
    assert institution_voice("Mūsu iestādē ir trīs departamenti. Kā rīkoties?")
    assert institution_voice("Kā rīkoties?\n\nAr cieņu\nIlze Bērziņa\nVeselības inspekcijas Attīstības nodaļa")
    assert institution_voice("Our agency provides data to other institutions. Is that a service?")
    # "we" about a family or a house is not an institution; a long sentence at the end is not a signature
    assert not institution_voice("Mūsu daudzdzīvokļu mājā maksa pieauga. Kur sūdzēties?\nSkaidrīte")
    assert not institution_voice(
        "Kāpēc centrs bija slēgts, kad es ierados ar dokumentiem par bērna piedzimšanu šodien pēcpusdienā?"
    )


def test_own_voice_and_signs_together():
    assert own_voice("Man nav izmaksāta pensija.") == 1.0
    assert own_voice("Kā veidot pakalpojuma nosaukumu?") == 0.0
    assert own_voice("Мой вид на жительство заканчивается.") == 1.0
    # staff who speak of themselves inside their institution are not a private person
    signs = writer_signs("ieva@lad.gov.lv", "Esmu jauna darbiniece, man uzdots sagatavot sarakstu.\n\nLAD Klientu daļa")
    assert signs.institution_voice and signs.own_voice == 0.0 and not signs.private_mailbox


def test_commercial_needs_two_different_signs():
    assert commercial("SIA piedāvā risinājumu ar 25 % atlaidi un bezmaksas izmēģinājumu.")
    assert commercial("Aicinām uz konferenci. Dalības maksa 290 EUR + PVN.")
    assert not commercial("Mūsu iestāde piedāvā pakalpojumu klātienē. Vai tas ir kanāls?")
    assert not commercial("")


# ------------------------------------------------------------------ the judge


def words(probs: dict[str, float]) -> TopicResult:
    full = {t: probs.get(t, 0.0) for t in TOPICS}
    top = max(full, key=lambda t: full[t])
    return TopicResult(top, full[top], full, {})


def test_weights_file_names_every_feature_and_nothing_else():
    w = load_weights()
    assert set(w.weights) == set(FEATURES)
    assert 0 < w.second_min < 0.5 and 0 < w.low_confidence < 1
    assert w.weights["words"] > 0 and w.weights["bank"] > 0 and w.weights["answer"] > 0
    assert w.weights["oos_private_mailbox"] > 0 and w.weights["oos_institution_voice"] < 0


def test_words_alone_decide_when_there_is_no_other_evidence():
    judge = TopicJudge()
    d = judge.run(words({"service_naming": 0.7, "service_concept": 0.2, "out_of_scope": 0.1}))
    assert d.topic == "service_naming" and d.topic2 == "service_concept"
    assert math.isclose(sum(d.probabilities.values()), 1.0) and d.confidence == round(d.probabilities[d.topic], 4)


def test_the_sections_a_question_routes_to_overturn_a_weak_word_lead():
    judge = TopicJudge()
    w = words({"service_levels": 0.55, "management_tasks": 0.4, "out_of_scope": 0.05})
    assert judge.run(w).topic == "service_levels"
    d = judge.run(w, bank={"management_tasks": 0.8, "roles_governance": 0.2}, answer={"management_tasks": 1.0})
    assert d.topic == "management_tasks" and d.topic2 == "service_levels"
    assert d.evidence["bank"]["management_tasks"] == 0.8


def test_a_private_person_about_their_own_visit_is_out_of_scope():
    judge = TopicJudge()
    text = "Šodien ierados klientu centrā, bet tas bija slēgts. Kas man atlīdzinās ceļa izdevumus?"
    w = words({"channels_access": 0.8, "out_of_scope": 0.15, "quality_measurement": 0.05})
    staff = judge.run(w, writer=writer_signs("anna@vid.gov.lv", text + "\n\nVID Klientu apkalpošanas daļa"))
    citizen = judge.run(w, writer=writer_signs("janis.celms@gmail.com", text + "\n\nJānis Celms"))
    assert staff.topic == "channels_access"
    assert citizen.topic == "out_of_scope" and citizen.topic2 == "channels_access"


def test_features_have_one_value_per_weight_and_out_of_scope_signs_only_on_out_of_scope():
    signs = writer_signs("x@gmail.com", "Man vajag pasi.")
    f = features({"digital": 1.0}, {}, {}, signs)
    assert set(f) == set(TOPICS) and all(len(v) == len(FEATURES) for v in f.values())
    i = FEATURES.index("oos_private_mailbox")
    assert f["out_of_scope"][i] == 1.0 and f["digital"][i] == 0.0
    assert f["digital"][FEATURES.index("words")] == 0.0  # log 1


def test_no_second_topic_when_nothing_else_is_likely():
    judge = TopicJudge(TopicWeights(weights={"words": 3.0}, second_min=0.2))
    d = judge.run(words({"digital": 0.98, "channels_access": 0.01, "out_of_scope": 0.01}))
    assert d.topic == "digital" and d.topic2 is None


# ------------------------------------------------------------------ the words, at the causes


@pytest.fixture(scope="module")
def clf() -> TopicClassifier:
    return TopicClassifier()


def test_a_phrase_replaces_its_words_instead_of_adding_to_them(clf):
    one = clf.classify_text("klientu apkalpošanas").scores["channels_access"]
    assert math.isclose(one, 2.5)  # the phrase's weight, not the phrase plus "apkalpošanas" (1.5)


def test_one_word_counts_once_per_topic(clf):
    # "lomām" matches both the prefix "loma" and the whole word "lomām"
    assert math.isclose(clf.classify_text("lomām").scores["roles_governance"], 2.0)


def test_management_levels_are_not_service_levels(clf):
    assert clf.classify("Kādi ir pakalpojumu pārvaldības līmeņi?")[0] == "management_tasks"
    assert clf.classify("Kāds pakalpojuma līmenis jānosaka klientiem?")[0] == "service_levels"


def test_signature_after_a_closing_line_is_left_out():
    text = "Kā mērīt apmierinātību?\n\nPaldies,\nDzintra Lāce\nVID Klientu apkalpošanas centrs\ntālr. 67120000"
    assert without_closing(text) == "Kā mērīt apmierinātību?"
    # a thanks line followed by more of the message is not a closing
    long = "Paldies par atbildi.\nPaldies!\n" + "\n".join(f"Vēl viens teikums numur {i} ar jautājumu." for i in range(8))
    assert without_closing(long) == long
