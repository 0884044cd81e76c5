"""Latvian analysis of service names: tokens, lemmas, object/action/qualifier, diacritics, inflection."""

from __future__ import annotations

import pytest

from linter.nlp import analyze_name, get_nlp, restore_diacritics, to_genitive, verb_to_action

PARSES = [
    # name, action lemma, object tokens, qualifier tokens
    ("Semināru organizēšana nevalstisko organizāciju pārstāvjiem", "organizēšana", ("Semināru",),
     ("nevalstisko", "organizāciju", "pārstāvjiem")),
    ("Pieteikšanās bezdarbnieka statusam", "pieteikšanās", (), ("bezdarbnieka", "statusam")),
    ("pieteiksanas bezdarbnieka statusam", "pieteikšanās", (), ("bezdarbnieka", "statusam")),
    ("Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem", "nodrošināšana",
     ("Uzņēmumu", "reģistra", "informācijas", "pieejamības"), ("uzņēmējiem",)),
    ("VALSTS VALODAS PRASMES PĀRBAUDES ORGANIZĒŠANA", "organizēšana",
     ("VALSTS", "VALODAS", "PRASMES", "PĀRBAUDES"), ()),
    ("Darba devēju pārbaudes darba aizsardzības jomā", "pārbaude", ("Darba", "devēju"),
     ("darba", "aizsardzības", "jomā")),
    ("Uzturēšanās atļaujas izsniegšana ārzemniekiem", "izsniegšana", ("Uzturēšanās", "atļaujas"), ("ārzemniekiem",)),
    ("Bērna kopšanas pabalsts", None, ("Bērna", "kopšanas", "pabalsts"), ()),
    ("Konsultacijas par iestades pakalpojumiem", "konsultācija", (), ("par", "iestades", "pakalpojumiem")),
    ("Personas apliecības izsniegšna", "izsniegšana", ("Personas", "apliecības"), ()),
    ("Bezdarbnieka pabalsta piešķiršana un izmaksa", "piešķiršana", ("Bezdarbnieka", "pabalsta"), ()),
]


@pytest.mark.parametrize(("name", "action", "obj", "qual"), PARSES, ids=[p[0][:40] for p in PARSES])
def test_parse(name: str, action: str | None, obj: tuple[str, ...], qual: tuple[str, ...]) -> None:
    p = analyze_name(name)
    assert p.action_lemma == action
    assert p.object_tokens == obj
    assert p.qualifier_tokens == qual


def test_coordinated_actions() -> None:
    p = analyze_name("Bezdarbnieka pabalsta piešķiršana un izmaksa")
    assert p.action_lemmas == ("piešķiršana", "izmaksa")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("e-pakalpojums t.sk. Nr. 5", ["e-pakalpojums", "t.sk.", "Nr.", "5"]),
        ("Bērnu uzņemšana 1. klasē", ["Bērnu", "uzņemšana", "1.", "klasē"]),
        ("Maršrutā Rīga-Ogre-Lielvārde 1.–4. klasei", ["Maršrutā", "Rīga-Ogre-Lielvārde", "1.–4.", "klasei"]),
    ],
)
def test_tokenizer_exceptions(text: str, tokens: list[str]) -> None:
    assert [t.text for t in get_nlp()(text) if not t.is_space] == tokens


@pytest.mark.parametrize(
    ("folded", "restored"),
    [("izsniegsana", "izsniegšana"), ("konsultacijas", "konsultācijas"), ("iestades", "iestādes"),
     ("dzivokla", "dzīvokļa"), ("registracija", "reģistrācija"), ("pases", "pases"), ("BUVATLAUJAS", "būvatļaujas")],
)
def test_restore_diacritics(folded: str, restored: str) -> None:
    assert restore_diacritics(folded) == restored


def test_lemmas_and_pos() -> None:
    p = analyze_name("Izsniegšanu pakalpojumiem reģistrēt")
    assert p.lemmas[0] == "izsniegšana" and p.lemmas[1] == "pakalpojums"
    assert p.pos[2] == "VERB" and p.infos[2].verb_form == "inf"


@pytest.mark.parametrize(
    ("word", "kwargs", "expected"),
    [("statusam", {}, "statusa"), ("izziņu", {"plural": False}, "izziņas"), ("uzņēmumu", {"plural": False}, "uzņēmuma"),
     ("Sociālais", {"plural": False}, "Sociālā"), ("jaunu", {"plural": False, "feminine": True}, "jaunas")],
)
def test_to_genitive(word: str, kwargs: dict, expected: str) -> None:
    assert to_genitive(word, **kwargs) == expected


def test_verb_to_action() -> None:
    assert verb_to_action("reģistrēt") == "reģistrēšana"
    assert verb_to_action("Izsniegt") == "izsniegšana"
    assert verb_to_action("reģistrēties") == "reģistrēšanās"


@pytest.mark.parametrize(("junk", "tokens"), [("", 0), ("   ", 0), ("🙂🙂", 2), ("\x00\x07", 0), ("123", 1),
                                             ("x" * 10000, 1), ("-- ; --", 0)])
def test_odd_input_never_raises(junk: str, tokens: int) -> None:
    p = analyze_name(junk)
    assert len(p.tokens) == tokens and p.action_index is None
    assert p.text == junk.strip().replace("\x00", "").replace("\x07", "")


def test_module_docstring_examples() -> None:
    import doctest

    import linter.nlp

    result = doctest.testmod(linter.nlp)
    assert result.attempted >= 2 and result.failed == 0


def test_plain_fast_path_matches_spacy(repo_root) -> None:  # noqa: ANN001
    import json

    from linter.nlp import _PLAIN, word_tokens

    names = [json.loads(x)["name"] for f in ("linter.jsonl", "dev_linter.jsonl")
             for x in (repo_root / "evals" / "sets" / f).read_text(encoding="utf-8").splitlines() if x.strip()]
    names += ["Rīga-Ogre-Lielvārde maršruts", "e-pakalpojums Laulības reģistrācija", "Covid-19 vakcinācija"]
    plain = [n for n in names if _PLAIN.fullmatch(n)]
    assert len(plain) > 100
    nlp = get_nlp()
    for n in plain:
        assert word_tokens(n) == [t.text for t in nlp.tokenizer(n) if not t.is_space], n
