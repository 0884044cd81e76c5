"""Portfolio review (linter.portfolio): one table of Latvian cases per check, the contract, bad input."""

from __future__ import annotations

import pytest

from assistant.textnorm import fold
from linter.portfolio import CODES, Group, PortfolioInputError, find_groups
from linter.portfolio.lexicon import stem_word
from linter.portfolio.parse import parse_name


def groups_of(names: list[str], category: str | None = None) -> list[tuple[str, tuple[int, ...]]]:
    return [(g.code, g.rows) for g in find_groups(names) if category is None or g.category == category]


# ---- stemming and parsing ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("iestādēm", "iestāde"),
        ("atļaujas", "atļauju"),
        ("pieņemšana", "pienemsanai"),
        ("aprēķināšana", "aprēķina"),
        ("Sociālās", "socialo"),
        ("ilgstošajiem", "ilgstošais"),
        ("pensionāriem", "pensionārs"),
    ],
)
def test_stems_agree_across_inflection_and_missing_diacritics(a: str, b: str) -> None:
    assert stem_word(a) == stem_word(b)


@pytest.mark.parametrize(
    ("name", "action", "kinds"),
    [
        ("Dzīvokļa pabalsta piešķiršana personām ar invaliditāti", "piešķiršana", ["recipient"]),
        ("Bērna kopšanas pabalsta piešķiršana klātienē", "piešķiršana", ["channel"]),
        ("Vadītāja apliecības atjaunošana pēc nozaudēšanas", "atjaunošana", ["condition"]),
        ("Izziņas izsniegšana par būves neesamību", "izsniegšana", ["complement"]),
        ("Asistenta nodrošināšana izglītības iestādē", "nodrošināšana", ["place"]),
        ("Transportlīdzekļa tehniskā apskate", "apskate", []),
        # the locative -šanā is not the action when it was typed with its diacritics
        ("Dzīvokļa jautājumu risināšanā atbalsta sniegšana", "sniegšana", []),
        ("Logopēda konsultācijas bērniem", "konsultācijas", ["recipient"]),
    ],
)
def test_parse_finds_action_and_qualifier_kinds(name: str, action: str, kinds: list[str]) -> None:
    p = parse_name(name, 0)
    assert p.action is not None and p.surface[p.action].lower() == action
    assert [k for k, _, _ in p.phrases] == kinds


# ---- duplicates ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("names", "code"),
    [
        (["Laulības reģistrācija", "laulības  reģistrācija"], "P001"),  # case and whitespace
        (["Būves pieņemšana ekspluatācijā", "Buves pienemsana ekspluatacija"], "P001"),  # no diacritics
        (
            [
                "Tirdzniecības atļaujas izsniegšana publiskās vietās",
                "Tirdzniecības atļauju izsniegšana publiskās vietās",
            ],
            "P002",
        ),  # singular / plural
        (["Pievienotās vērtības nodokļa maksātāju reģistrācija", "PVN maksātāju reģistrācija"], "P002"),
        (["Sociālās aprūpes nodrošināšana mājās", "Aprūpes mājās nodrošināšana"], "P002"),  # order, shortened
        (["Darba vakanču reģistrācija", "Vakanču reģistrēšana darba devējiem"], "P002"),  # action synonym
        (["Izglītības dokumenta dublikāta izsniegšana", "Izglītības dokumenta dublkāta izsniegšana"], "P002"),
        (["Pases izsniegšna", "Pases izsniegšana"], "P002"),  # a typo in the action itself
        (
            ["Asistenta pakalpojuma nodrošināšana", "Asistenta nodrošināšana"],
            "P002",
        ),  # "pakalpojums" is filler
        (["Konsultāciju sniegšana lauksaimniekiem", "Lauksaimnieku konsultēšana"], "P002"),  # light verb
    ],
)
def test_duplicates(names: list[str], code: str) -> None:
    assert groups_of(names, "duplicate") == [(code, (1, 2))]


# ---- variations ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "names",
    [
        [
            "Dzīvokļa pabalsta piešķiršana pensionāriem",
            "Dzīvokļa pabalsta piešķiršana daudzbērnu ģimenēm",
            "Dzīvokļa pabalsta piešķiršana personām ar invaliditāti",
        ],
        [
            "Bērna kopšanas pabalsta piešķiršana",
            "Bērna kopšanas pabalsta piešķiršana elektroniski",
            "Bērna kopšanas pabalsta piešķiršana klātienē",
        ],
        [
            "Vadītāja apliecības atjaunošana pēc nozaudēšanas",
            "Vadītāja apliecības atjaunošana pēc zādzības",
            "vaditaja aplieciba atjaunosana pec sabojasanas",
        ],
    ],
)
def test_variations(names: list[str]) -> None:
    found = groups_of(names, "variation")
    assert found == [("P003", (1, 2, 3))]
    g = next(g for g in find_groups(names) if g.category == "variation")
    assert g.suggestion and fold(g.suggestion).startswith(fold(" ".join(names[0].split()[:2])))


@pytest.mark.parametrize(
    "names",
    [
        ["Transportlīdzekļa reģistrācija", "Transportlīdzekļa tehniskā apskate"],
        ["Būvatļaujas izsniegšana", "Būves pieņemšana ekspluatācijā"],
        [
            "Vecuma pensijas piešķiršana",
            "Invaliditātes pensijas piešķiršana",
            "Apgādnieka zaudējuma pensijas piešķiršana",
        ],
        ["Slimības pabalsta izmaksa", "Maternitātes pabalsta izmaksa", "Paternitātes pabalsta izmaksa"],
        ["Trūcīgas personas statusa piešķiršana", "Maznodrošinātas personas statusa piešķiršana"],
        # a recipient group and a place are not two values of one qualifier
        ["Asistenta nodrošināšana personām ar invaliditāti", "Asistenta nodrošināšana izglītības iestādē"],
        ["Koku ciršanas atļaujas izsniegšana", "Reklāmas izvietošanas atļaujas izsniegšana"],
        # renewing a permit is a service of its own, not a step of issuing it
        ["Ieroču atļaujas izsniegšana", "Ieroču atļaujas pagarināšana", "Ieroču atļaujas anulēšana"],
        ["Zemes vienības sadalīšana", "Zemes vienību apvienošana"],
    ],
)
def test_distinct_services_are_not_grouped(names: list[str]) -> None:
    assert find_groups(names) == []


# ---- split steps ---------------------------------------------------------------------------------------------
def test_split_steps_merge_into_the_outcome_service() -> None:
    names = [
        "Vecuma pensijas piešķiršana",
        "Vecuma pensijas pieprasījuma pieņemšana",
        "Bērna kopšanas pabalsta piešķiršana",
        "Vecuma pensijas pieprasījuma izskatīšana",
        "Lēmuma paziņošana par vecuma pensijas piešķiršanu",
        "Invaliditātes pensijas piešķiršana",
    ]
    split = [g for g in find_groups(names) if g.category == "split_steps"]
    assert [(g.code, g.rows) for g in split] == [("P004", (1, 2, 4, 5))]
    assert split[0].suggestion == "Vecuma pensijas piešķiršana"


def test_split_steps_without_diacritics_and_with_purpose_dative() -> None:
    names = [
        "Trucigas personas statusa pieskirsana",
        "Iesnieguma pienemsana trucigas personas statusa noteiksanai",
        "Materiala stavokla izvertesana trucigas personas statusa noteiksanai",
        "Maznodrosinatas personas statusa pieskirsana",
    ]
    assert groups_of(names, "split_steps") == [("P004", (1, 2, 3))]


# ---- excessive detail ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("names", "rows"),
    [
        (
            [
                "Teorijas eksāmena pieņemšana A kategorijā",
                "Teorijas eksāmena pieņemšana B kategorijā",
                "Teorijas eksāmena pieņemšana C kategorijā",
                "Braukšanas eksāmena pieņemšana",
            ],
            (1, 2, 3),
        ),
        (
            [
                'Koncerta "Ziemassvētku brīnums" organizēšana 2025. gada 20. decembrī',
                "Pilsētas svētku organizēšana 2026. gada 15. augustā",
                "Senioru balles organizēšana",
                "Kultūras pasākumu organizēšana",
            ],
            (1, 2, 3),
        ),
        (
            [
                "Lielās zāles iznomāšana",
                "Mazās zāles iznomāšana",
                "Foajē iznomāšana",
                "Skaņas aparatūras iznomāšana",
            ],
            (1, 2, 3),
        ),
    ],
)
def test_excessive_detail(names: list[str], rows: tuple[int, ...]) -> None:
    assert groups_of(names, "excessive_detail") == [("P005", rows)]


# ---- synonyms ------------------------------------------------------------------------------------------------
def test_inconsistent_action_synonyms() -> None:
    names = [
        "Izziņas izsniegšana par nodokļu parādu neesamību",
        "Akcīzes nodokļa marku izsniegšana",
        "Izziņas izdošana par deklarētajiem ienākumiem",
    ]
    found = [g for g in find_groups(names) if g.category == "synonym"]
    assert [(g.code, g.rows) for g in found] == [("P006", (1, 3))]
    assert "izsniegšana" in (found[0].suggestion or "")


def test_synonym_pair_that_is_one_service_is_reported_once_as_duplicate() -> None:
    # one service named with two action synonyms (issue 16: a duplicate; the message names the synonyms)
    names = ["Izziņas izsniegšana par studiju statusu", "Izziņas izdošana par studiju statusu"]
    groups = find_groups(names)
    assert [(g.code, g.category) for g in groups] == [("P002", "duplicate")]
    assert "izsniegšana / izdošana" in groups[0].message


def test_derivations_of_one_verb_stay_a_duplicate() -> None:
    names = ["Laulības reģistrēšana", "Laulību reģistrācija"]
    assert [g.category for g in find_groups(names)] == ["duplicate"]


# ---- contract and bad input ----------------------------------------------------------------------------------
def test_group_to_dict_is_the_json_contract() -> None:
    g = find_groups(["Pases izsniegšana bērniem", "Pases izsniegšana pieaugušajiem"])[0]
    assert isinstance(g, Group)
    d = g.to_dict()
    assert set(d) == {"code", "category", "rows", "message", "suggestion"}
    assert d["rows"] == [1, 2] and d["code"] in CODES and d["category"] == CODES[d["code"]][0]
    assert "(EN:" in d["message"] and "variācijas" in d["message"]


def test_rows_stay_true_to_the_input_when_rows_are_unusable() -> None:
    names = ["", None, "Pases izsniegšana", 42, "   ", "pases izsniegšana", "!!!"]
    assert groups_of(names) == [("P001", (3, 6))]  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["Pases izsniegšana", b"x", 5])
def test_a_single_string_is_refused_with_a_latvian_message(bad: object) -> None:
    with pytest.raises(PortfolioInputError) as exc:
        find_groups(bad)  # type: ignore[arg-type]
    assert "saraksts" in exc.value.lv and "list" in exc.value.en


def test_empty_and_tiny_lists() -> None:
    assert find_groups([]) == []
    assert find_groups(["Pases izsniegšana"]) == []


def test_recipient_step_and_destination_condition() -> None:
    names = [
        "Pieteikšanās bezdarbnieka statusam",
        "Bezdarbnieka statusa piešķiršana",
        "Darba meklētāja statusa piešķiršana",
        "Veterinārā sertifikāta izsniegšana eksportam uz trešajām valstīm",
        "Veterinārā sertifikāta izsniegšana eksportam uz ES dalībvalstīm",
    ]
    assert groups_of(names) == [("P004", (1, 2)), ("P003", (4, 5))]


def test_docstring_examples() -> None:
    import doctest

    import linter.portfolio as pkg
    from linter.portfolio import detect, lexicon, model, parse

    for mod in (pkg, detect, lexicon, model, parse):
        res = doctest.testmod(mod, extraglobs={"find_groups": find_groups})
        assert res.failed == 0 and res.attempted >= 1, mod.__name__


# ---- issue 16: judgement on lists written by others -------------------------------------------------------------
def _groups(names: list[str], category: str) -> list[tuple[int, ...]]:
    return [g.rows for g in find_groups(names) if g.category == category]


@pytest.mark.parametrize("chain", [
    # intake -> examination -> decision -> payment, in varied wording and inflection
    ["Iesnieguma par audžuģimenes pabalstu pieņemšana", "Audžuģimenes pabalsta pieprasījuma izskatīšana",
     "Lēmuma par audžuģimenes pabalsta piešķiršanu pieņemšana", "Audžuģimenes pabalsta izmaksa"],
    # a purpose names the procedure; the decision's notice with "par"
    ["Sociāli mazaizsargātas personas statusa noteikšana", "Ienākumu izvērtēšana mazaizsargātas personas statusa noteikšanai",
     "Paziņojuma par personas statusa noteikšanu nosūtīšana"],
    # the exam of a qualification belongs to the certificate of it
    ["Ugunsdrošības speciālista kvalifikācijas eksāmena organizēšana", "Ugunsdrošības speciālista kvalifikācijas sertifikāta izsniegšana"],
])
def test_split_steps_from_procedure_structure(chain: list[str]) -> None:
    names = chain + ["Pases izsniegšana", "Kapavietas piešķiršana"]
    groups = _groups(names, "split_steps")
    assert any(set(range(1, len(chain) + 1)) <= set(g) for g in groups), groups
    assert not any({len(chain) + 1, len(chain) + 2} & set(g) for g in groups)


def test_a_step_does_not_join_a_different_thing_about_the_same_object() -> None:
    # the tax notice's step is not a step of the relief (another head noun), nor of another object's outcome
    names = ["Iesnieguma par nekustamā īpašuma nodokļa atvieglojumu pieņemšana", "Nekustamā īpašuma nodokļa atvieglojuma piešķiršana",
             "Nekustamā īpašuma nodokļa maksāšanas paziņojuma izsniegšana", "Nekustamā īpašuma nodokļa samaksas termiņa pagarināšana"]
    groups = _groups(names, "split_steps")
    assert groups == [(1, 2)]


def test_a_generic_step_fitting_several_outcomes_links_none() -> None:
    names = ["Pabalsta pieprasījuma izskatīšana", "Mājokļa pabalsta izmaksa", "Apbedīšanas pabalsta izmaksa"]
    assert _groups(names, "split_steps") == []


def test_one_word_kind_takes_its_purpose_people_are_recipients() -> None:
    licences = ["Licences izsniegšana makšķerēšanai", "Licences izsniegšana darbībām ar radioaktīvām vielām"]
    assert _groups(licences, "variation") == []
    passports = ["Pases izsniegšana bērniem", "Pases izsniegšana pensionāriem", "Pases izsniegšana steidzamības kārtā"]
    assert _groups(passports, "variation") == [(1, 2, 3)]


@pytest.mark.parametrize("pair", [
    ["Karjeras konsultāciju sniegšana", "Karjeras konsultācijas nodrošināšana"],           # light actions
    ["Zaudējumu kompensācija lauksaimniekiem", "Zaudējumu kompensēšana lauksaimniekiem"],  # one verb's derivations
    ["Patieso labuma guvēju reģistrēšana", "PLG reģistrēšana"],                            # the list spells it out
    ["Personas apliecības (eID kartes) izsniegšana", "Personas apliecības izsniegšana"],   # an explanation
])
def test_duplicates_in_other_words(pair: list[str]) -> None:
    assert _groups(pair + ["Pases izsniegšana"], "duplicate") == [(1, 2)]
