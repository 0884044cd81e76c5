"""Split process steps (P004) read from the structure of a procedure, not from fixed pairs of names.

The guidance (002) says a service list must not split "viena pakalpojuma atsevišķus pieprasīšanas un saņemšanas
procesa soļus" into services. A procedure has stages: the application is taken in (pieņemšana, reģistrēšana of
an iesniegums / pieteikums / pieprasījums), examined (izskatīšana, izvērtēšana, pārbaude of it or of the case's
data), decided (lēmuma pieņemšana, līguma slēgšana) and its result is issued or paid (izsniegšana, piešķiršana,
izmaksa) or notified (paziņojuma nosūtīšana). The stage words and documents are in data/lexicon.toml
(``procedure_*``), matched by stem, so synonyms are data and inflection does not matter.

Each name gets a *stage* (``None`` for an outcome) and one or more *cores*: what the procedure is about, in the
order of the name, with the stage's own words left out: the documents of the procedure, deverbal nouns (the
actions of other stages: "Lēmuma par pabalsta **piešķiršanu** pieņemšana"), who decides or is served
("komisija", "iedzīvotāji") and aspect words. The core comes from the object and its "par ..." complement; a
purpose ("... statusa noteikšanai", "... konkursam") or a queue ("... rindā") names the procedure when the object
only names the step's material. An outcome that hands out a document has a second core without it
("Muitas brokera kvalifikācijas sertifikāta izsniegšana" -> muitas brokera kvalifikācija).

Two names link when one core is part of the other and the wider one's head is in it (the head of a Latvian
noun phrase is its last noun: the wider core only adds modifiers), and at least one of them is a step; two
outcomes never link, and a step never links to an outcome less specific than itself. A step whose core is a strict part of several different outcomes' cores names none of them and links to
none. The groups are the connected parts that contain a step.

Cost: each core is indexed under itself and under its narrower forms (without up to ``MAX_DROPPED`` modifiers,
the head kept), and a step looks up its own cores: a hash join; buckets larger than ``MAX_BUCKET`` (an object
shared by that many names names no single service) are skipped, so the check stays close to linear.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING

from .lexicon import deverbal_base

if TYPE_CHECKING:
    from .detect import PortfolioReview, Sig
    from .lexicon import Lexicon

MAX_BUCKET = 60
MAX_DROPPED = 2  # modifiers a wider core may add to a step's core ("trūcīgas vai maznodrošinātas")
MAX_CORE = 8  # longer cores are sentences, not objects: not indexed
MAX_STEP_LINKS = 12
_AGENT = ("tajiem", "tajam", "tajai", "ejiem", "ejam", "ejai", "niekiem", "niekam")
MAX_AMBIGUOUS = 1  # distinct outcome cores a step may fit (duplicates and variations of one outcome share one)


_SETS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _word_sets(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """All procedure documents, and the stage words a chain may end with (built once per lexicon)."""
    got = _SETS.get(id(lex))
    if got is None:
        got = _SETS[id(lex)] = (frozenset().union(*lex.stage_documents.values()),
                                lex.stage_actions["result"] | lex.stage_actions["intake"] | lex.stage_actions["exam"])
    return got


def _chain_words(review: PortfolioReview, sig: Sig, start: int, end: int) -> list[str]:
    """Content ids of tokens [start, end): what the procedure is about. Left out: documents of the procedure,
    a deverbal noun that ends the chain and names a stage ("par būvatļaujas **izdošanu**"; one that names the
    kind of case stays: "par būves nojaukšanu", "apbedīšanas pabalsts"), agents, persons, aspect words, filler."""
    lex = review.lex
    p, ids = sig.p, sig.ids
    docs, stage_words = _word_sets(lex)
    kept: list[tuple[str, str]] = []
    for i in range(start, end):
        x = ids[i]
        if not x or p.folded[i] in lex.complement_openers:
            continue
        if x in docs or x in lex.procedural or x in lex.agents or x in lex.persons or x in lex.aspect or \
                x in lex.filler or x in lex.queue:
            continue
        kept.append((x, p.folded[i]))
    # a stage word that ends what is left ("Adreses piešķiršanas [lēmuma]", "par būvatļaujas izdošanu")
    while kept and kept[-1][0] in stage_words:
        kept.pop()
    return [x for x, _ in kept]


def _head_noun_index(review: PortfolioReview, sig: Sig, end: int) -> int | None:
    """Index of the object's head noun: the last content word before ``end``."""
    for i in range(end - 1, -1, -1):
        if sig.ids[i] and sig.p.folded[i] not in review.lex.complement_openers:
            return i
    return None


def analyse_steps(review: PortfolioReview, sig: Sig) -> None:
    """Set ``sig.stage`` (None for an outcome), ``sig.step`` (for the messages) and ``sig.cores``."""
    lex = review.lex
    p, ids = sig.p, sig.ids
    sig.stage = None
    sig.cores = []
    if p.action is None:
        return
    a = p.action
    act = sig.act_raw or ""
    stages = lex.stage_actions
    docs = lex.stage_documents
    # the first chain: tokens before the action up to a complement ("Pieteikuma [par X] pieņemšana")
    cut = next((i for i in range(a) if p.folded[i] in lex.complement_openers), a)
    h = _head_noun_index(review, sig, cut)
    head = ids[h] if h is not None else None
    light = act in lex.light
    par_after = any(kind == "complement" and p.folded[s] == "par" for kind, s, e in p.phrases)
    has_par = cut < a or par_after
    stage: str | None = None
    if head in docs["application"] or (act == "pienem" and head in lex.intake_documents):
        stage = "exam" if act in stages["exam"] else "intake"
    elif head in docs["decision"] and (act in stages["decision"] or light):
        stage = "decision"
    elif head in docs["notice"] and act in stages["notify"] and has_par:
        stage = "notify"  # "Paziņojuma par statusa piešķiršanu nosūtīšana", not a tax bill ("maksāšanas paziņojums")
    elif head in docs["file"] and (act in stages["exam"] or act == "sagatav"):
        stage = "exam"
    elif head in docs["exam"] and light:
        stage = "exam"  # "Audita veikšana", "Eksāmena organizēšana"
    elif act in stages["exam"]:
        stage = "exam"
    elif act in stages["notify"] and act not in stages["decision"] and act != "izsnieg":
        stage = "notify"
    elif p.folded and p.folded[0] in lex.reflexive_steps:
        stage = "intake"
    elif act in lex.lending_steps and (act != "pagarin" or any(x in lex.aspect for x in ids[:a] if x)):
        stage = "lending"  # "Grāmatu rezervēšana", "Grāmatu lietošanas termiņa pagarināšana" (not a permit's renewal)
    queue = next((k for k, (kind, s, e) in enumerate(p.phrases)
                  if kind == "place" and any(ids[i] in lex.queue for i in range(s, e))), None)
    if queue is not None and act in stages["intake"]:
        stage = "intake"  # "Bērna reģistrēšana pirmsskolas rindā"
    sig.stage = stage
    stage_words = _word_sets(lex)[1]
    # cores: what the procedure is about
    obj = _chain_words(review, sig, 0, cut)
    comp = _chain_words(review, sig, cut, a)
    for kind, s, e in p.phrases:
        if kind == "complement" and p.folded[s] == "par":
            comp += _chain_words(review, sig, s, e)
    # a purpose names the procedure ("... statusa noteikšanai", "... konkursam"); people ("lasītājiem": agent
    # nouns in -tājs, -ējs, -nieks) are who is served
    purposes = [w for kind, s, e in p.phrases if kind == "recipient" and (
        deverbal_base(p.folded[e - 1]) is not None or stage is not None and not p.folded[e - 1].endswith(_AGENT))
        for w in [_chain_words(review, sig, s, e)] if w]
    cores: list[tuple[list[str], str]] = []
    if queue is not None and stage == "intake":
        # a queue registration is about where the queue leads, not about who is registered
        dest = [w for kind, s, e in p.phrases[queue:] if kind in ("place", "condition", "complement")
                for w in _chain_words(review, sig, s, e)]
        if dest:
            cores.append((dest, dest[-1]))
    elif stage is None:
        places = [w for kind, s, e in p.phrases if kind == "place" for w in _chain_words(review, sig, s, e)]
        main = obj + comp
        if main:
            hd = obj[-1] if obj else comp[-1]
            cores.append((main, hd))
            if act and act not in lex.light and act not in stages["result"]:
                cores.append((main + [act], act))  # "Aizbildnības nodibināšana" <- "Lēmums par aizbildnības nodibināšanu"
            rest = [x for x in obj if x != head]
            while rest and rest[-1] in stage_words:
                rest.pop()  # "Dzimšanas reģistrācijas apliecība" certifies the birth
            if head in lex.issued and rest:
                cores.append((rest, rest[-1]))  # what the document certifies
            for w in purposes:
                cores.append((main + w, hd))
            if places:
                # "Vietas piešķiršana pirmsskolā": a generic head leaves the place to name the thing
                cores.append((main + places, places[-1] if hd in lex.generic_heads else hd))
            if hd in lex.generic_heads and len(main) > 1:
                cores.append((main[:-1] if main[-1] == hd else [x for x in main if x != hd],
                              [x for x in main if x != hd][-1]))
        elif places:
            cores.append((places, places[-1]))  # "Atzīmes izdarīšana apliecinājuma kartē"
    elif purposes:
        cores.extend((w, w[-1]) for w in purposes)
    elif obj or comp:
        cores.append((obj + comp, obj[-1] if obj else comp[-1]))
        if obj and comp:
            cores.append((comp, comp[-1]))
    else:
        places = [w for kind, s, e in p.phrases if kind == "place" for w in _chain_words(review, sig, s, e)]
        if places:
            cores.append((places, places[-1]))  # "Pieteikumu pieņemšana pirmsskolas izglītības iestādē"
    sig.cores = list(dict.fromkeys((frozenset(w), hd) for w, hd in cores))
    sig.step = None if stage is None else "generic"


def _subsets(core: tuple[frozenset[str], str]) -> list[frozenset[str]]:
    """The parts of a core a step may name: the core without up to ``MAX_DROPPED`` of its modifiers (the head
    always stays), so that a lookup by the step's own core finds every wider core it fits."""
    words, head = core
    mods = sorted(words - {head})
    out = [words]
    for k in range(1, min(MAX_DROPPED, len(mods)) + 1):
        out.extend(words - frozenset(c) for c in combinations(mods, k))
    return out


def split_step_groups(review: PortfolioReview) -> list[list[int]]:
    """Connected groups of names that are stages of one procedure (see the module docstring)."""
    reps = review.reps
    lex = review.lex
    for s in reps:
        analyse_steps(review, s)
    # every core is found by its own words and by the words of each narrower core it fits
    index: dict[frozenset[str], list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for i, s in enumerate(reps):
        for core in s.cores:
            if len(core[0]) <= MAX_CORE:
                for sub in _subsets(core):
                    index[sub].append((i, core[0]))
    parent = list(range(len(reps)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    in_step = [False] * len(reps)
    for i, s in enumerate(reps):
        if s.stage is None:
            continue
        outcomes: dict[int, frozenset[str]] = {}
        steps: set[int] = set()
        for core in s.cores:
            bucket = index.get(core[0], ())
            if len(bucket) > MAX_BUCKET:
                continue  # an object shared by this many names names no single service
            for t, owords in bucket:
                if t == i:
                    continue
                o = reps[t]
                if o.act == s.act and (o.stage == s.stage or o.stage is None):
                    continue  # the same action twice: a duplicate or a variation, not a procedure
                if s.stage == "lending" and (o.stage is not None or o.act not in lex.lending_outcomes):
                    continue  # a booking or a renewal belongs to the lending of the same thing only
                if o.stage is None:
                    outcomes.setdefault(t, owords)
                else:
                    steps.add(t)
        # a step about exactly an outcome's object belongs to it; one that only fits outcomes of different, wider
        # objects names none of them
        exact = {t for t, oc in outcomes.items() if any(oc == c[0] for c in s.cores)}
        if exact:  # of outcomes about the same object with the same action, the plain one (variations are P003's)
            fewest: dict[str | None, int] = {}
            for t in exact:
                fewest[reps[t].act] = min(fewest.get(reps[t].act, 99), len(reps[t].qual_sig))
            exact = {t for t in exact if len(reps[t].qual_sig) == fewest[reps[t].act]}
        targets = exact or (set(outcomes) if len(set(outcomes.values())) <= MAX_AMBIGUOUS else set())
        if len(steps) <= MAX_STEP_LINKS:
            targets |= steps
        for t in targets:
            union(i, t)
            in_step[i] = in_step[t] = True
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reps)):
        if in_step[i]:
            comps[find(i)].append(i)
    return [sorted(c) for c in comps.values() if len(c) > 1 and any(reps[i].stage is not None for i in c)]
