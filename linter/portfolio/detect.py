"""The portfolio checks over a whole list of service names (issue 5).

Pipeline (every step is a hash join or a bounded bucket scan, so the cost grows close to linearly):

1. clean and parse every name (:mod:`.parse`); names equal after folding and whitespace collapse are one
   *exact set* (P001) and are represented once in the later steps;
2. the vocabulary of stems is clustered once (one edit apart, same first letter: typos, "iestāžu"/"iestādēm"),
   abbreviations were already expanded ("PVN" -> "pievienotās vērtības nodokļa");
3. *structural clusters*: names with the same object (and "par ..." complement) and the same action.
   Inside a cluster, the same qualifiers -> near duplicates (P002); different qualifiers of one kind
   (recipient group, channel, condition, place) -> variations (P003), or excessive detail (P005) when the
   qualifiers are enumeration codes, dates or titles;
4. near duplicates across clusters: Jaccard >= 0.75 over the content stems, found through one-deletion keys
   of the stem sets (a pair at that threshold always shares one), action-compatible only;
5. split steps (P004): names whose action is a step (acceptance of an application, examination, decision,
   notification, queue registration, ...) linked to names about the same object core;
6. excessive detail (P005): single events, dated or titled items, named collectives and enumerated rooms;
7. inconsistent action synonyms (P006): one kind of object (the head noun) with two synonymous actions.
"""

from __future__ import annotations

import os

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .lexicon import Lexicon, deverbal_base, lexicon, stem
from .model import Group
from .parse import Parsed, analyse, clean_name, local_abbreviations, parse_name

NEAR_DUP_JACCARD = 0.75
MAX_BUCKET = 150  # a blocking bucket larger than this is too generic to mean "same service"


@dataclass(slots=True)
class Sig:
    """Canonical features of one representative name."""

    p: Parsed
    rows: list[int]  # 0-based rows of the exact set
    ids: list[str | None]
    act: str | None = None  # canonical action stem (synonyms merged)
    act_raw: str | None = None  # canonical action stem as written
    obj: tuple[str, ...] = ()
    obj_key: tuple[str, ...] = ()
    qual_sig: tuple[str, ...] = ()
    dims: frozenset[str] = frozenset()
    content: frozenset[str] = frozenset()
    content_nl: frozenset[str] = frozenset()
    step: str | None = None  # None, "generic" or "lending"
    step_sig: tuple = ()
    keys: list[frozenset[str]] = field(default_factory=list)
    core: frozenset[str] = frozenset()
    head: str | None = None  # head noun of the object ("Izziņas par ... izsniegšana" -> izziņa)
    place_keys: set[frozenset[str]] = field(default_factory=set)  # step keys taken from a queue or a place
    stage: str | None = None  # the procedure stage of a step (steps.py): intake, exam, decision, notify
    cores: list[tuple[frozenset[str], str]] = field(default_factory=list)  # what the procedure is about + head


class _UF:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [g for g in out.values() if len(g) > 1]


def _speller() -> Callable[[str], bool] | None:
    """hunspell-lv's spell check through linter.nlp (the one place hunspell loads), or None without it."""
    try:
        from linter.nlp import hunspell_available, spelled
    except Exception:  # noqa: BLE001 - optional: without it typos are matched less strictly
        return None
    try:
        return spelled if hunspell_available() else None
    except Exception:  # noqa: BLE001
        return None


def _cluster_vocab(
    counts: Counter[str],
    protected: frozenset[str],
    *,
    both_known: Callable[[str, str], bool] | None = None,
    prefer: Callable[[str], bool] | None = None,
) -> dict[str, str]:
    """Map each word to a representative of its typo cluster (Levenshtein <= 1, same first letter, len >= 5)."""
    words = [w for w in counts if len(w) >= 5 and w.isalpha()]
    idx = {w: i for i, w in enumerate(words)}
    uf = _UF(len(words))
    buckets: dict[str, list[str]] = defaultdict(list)
    for w in words:
        buckets[w].append(w)
        for i in range(1, len(w)):  # the first letter is kept: typos rarely hit it
            buckets[w[:i] + w[i + 1 :]].append(w)
    for members in buckets.values():
        if len(members) < 2 or len(members) > 50:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a == b or a[0] != b[0] or (a in protected and b in protected):
                    continue
                if Levenshtein.distance(a, b, score_cutoff=1) <= 1:
                    if both_known is not None and both_known(a, b):
                        continue
                    uf.union(idx[a], idx[b])
    mapping = {w: w for w in counts}
    for comp in uf.groups():
        ws = [words[i] for i in comp]
        rep = min(ws, key=lambda w: (not prefer(w) if prefer else 0, -counts[w], len(w), w))
        for w in ws:
            mapping[w] = rep
    return mapping


def _jaccard(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    inter = len(a & b)
    union = len(a) + len(b) - inter
    return (inter / union if union else 0.0), inter


class PortfolioReview:
    """Runs the checks over one list. ``PortfolioReview(names).run()`` -> groups (see :func:`find_groups`)."""

    def __init__(self, names: Sequence[object], *, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.names = list(names)
        self.reps: list[Sig] = []

    # ---- step 1-2: parse, exact sets, canonical ids ------------------------------------------------------
    def _prepare(self) -> None:
        lex = self.lex
        by_key: dict[str, int] = {}
        parsed: list[Parsed] = []
        rows: list[list[int]] = []
        texts = [clean_name(v) for v in self.names]
        local = local_abbreviations([t for t in texts if t])
        for i, text in enumerate(texts):
            if text is None:
                continue
            p = parse_name(text, i, lex, local)
            if not p.exact_key:
                continue
            j = by_key.get(p.exact_key)
            if j is None:
                by_key[p.exact_key] = len(parsed)
                parsed.append(p)
                rows.append([i])
            else:
                rows[j].append(i)
        # Typos: one edit apart in a word (>= 5 letters) unless hunspell knows both spellings ("vides"/"vidus"),
        # then one edit apart in a stem (which also joins "iestāžu" and "iestādēm").
        wcounts: Counter[str] = Counter()
        typed: dict[str, str] = {}
        for p in parsed:
            wcounts.update(p.folded)
            for f, t in zip(p.folded, p.surface):
                typed.setdefault(f, t.lower())
        known = _speller()
        wcanon = _cluster_vocab(
            wcounts,
            frozenset(),
            both_known=(lambda a, b: known(typed[a]) and known(typed[b])) if known else None,
            prefer=(lambda w: known(typed[w])) if known else None,
        )
        stems_of = {f: stem(wcanon.get(f, f)) for f in wcounts}
        counts: Counter[str] = Counter()
        for p in parsed:
            if p.action is None and any(wcanon.get(f, f) != f for f in p.folded):
                p.folded = [wcanon.get(f, f) for f in p.folded]  # a typo in the action hid it
                analyse(p, lex)
            p.stems = [stems_of.get(f) or stem(f) for f in p.folded]
            counts.update(p.stems)
        protected = (
            lex.procedural | lex.step_actions | lex.light | lex.lending_steps | frozenset(lex.synonym_of)
        )
        canon = _cluster_vocab(counts, protected)
        stop = lex.stop
        for p, r in zip(parsed, rows):
            ids: list[str | None] = [
                None if (f in stop) else canon.get(s, s) for f, s in zip(p.folded, p.stems)
            ]
            a = p.action if p.action is not None else len(ids)
            if sum(1 for x in ids[:a] if x) > 1:  # "Asistenta pakalpojuma nodrošināšana" = "Asistenta ..."
                ids[:a] = [None if x in lex.filler else x for x in ids[:a]]
            self.reps.append(self._signature(p, r, ids))

    def _signature(self, p: Parsed, rows: list[int], ids: list[str | None]) -> Sig:
        lex = self.lex
        syn = lex.synonym_of
        sig = Sig(p, rows, ids)
        content = {syn.get(x, x) for x in ids if x}
        sig.content = frozenset(content)
        sig.content_nl = frozenset(content - lex.light)
        if p.action is None:
            return sig
        a = p.action
        sig.act_raw = ids[a]
        sig.act = syn.get(ids[a] or "", ids[a])
        sig.obj = tuple(x for x in ids[:a] if x)
        cut = next((i for i in range(a) if p.folded[i] in self.lex.complement_openers), a)
        head_ids = [x for x in ids[:cut] if x]
        sig.head = head_ids[-1] if head_ids else None
        comp: list[str] = []
        qual: list[str] = []
        dims = set()
        # A one-word object names a kind ("Izziņas", "Licences", "Atbalsta"): what follows says which one, so a
        # complement ("par ...") or a purpose (a dative that is not people: "rūpnieciskajai zvejai") belongs to
        # the object. A longer object names the thing itself: what follows only varies it.
        kind_only = len(sig.obj) == 1 and sig.obj[0] in lex.generic_kinds
        for kind, s, e in p.phrases:
            words = [syn.get(x, x) for x in ids[s:e] if x]
            if kind == "complement" and (kind_only or p.folded[s] != "par"):
                comp.extend(words)
            elif kind == "recipient" and kind_only and not self._people(p, s, e):
                comp.extend(words)
            else:
                qual.extend(words)
                dims.add(kind)
        extra_acts = tuple(sorted(syn.get(ids[i] or "", ids[i] or "") for i in p.actions[1:]))
        sig.obj_key = tuple(sorted(set(sig.obj) | set(comp))) + (("+",) + extra_acts if extra_acts else ())
        sig.qual_sig = tuple(sorted(qual))
        sig.dims = frozenset(dims)
        self._step_features(sig)
        return sig

    _AGENT_ENDINGS = ("tajiem", "tajam", "tajai", "tajam", "ejiem", "ejam", "ejai", "niekiem", "niekam", "niecem",
                      "ariem", "aram", "entiem", "entam", "eniem", "enam", "istiem", "istam")

    def _people(self, p: Parsed, s: int, e: int) -> bool:
        """The phrase's head names people: an agent noun (-tājs, -ējs, -nieks, -ārs, -ents, -ēns, -ists) or a
        person word ("personām", "ģimenēm", "bērniem")."""
        words = [f for f in p.folded[s:e] if f not in self.lex.stop]
        if "ar" in p.folded[s + 1:e]:  # "personām ar invaliditāti": the head is before "ar"
            words = p.folded[s:s + p.folded[s + 1:e].index("ar") + 1]
        if not words:
            return False
        f = words[-1]
        st = stem(f)
        # "jauniešiem" <- jaunietis: the stem's last consonant may be palatalised (t/š, d/ž folded to s, z)
        alt = {st, st[:-1] + "t" if st.endswith("s") else st, st[:-1] + "d" if st.endswith("z") else st}
        return f.endswith(self._AGENT_ENDINGS) or bool(alt & (self.lex.persons | self.lex.people))

    def _strip_core(
        self, pairs: list[tuple[str, str]], *, actions: bool = True
    ) -> tuple[list[str], list[str], bool]:
        """Drop procedural nouns, aspect words and deverbal genitives from the right end of a noun chain."""
        lex = self.lex
        core = list(pairs)
        popped_proc: list[str] = []
        step_dev = False
        while core:
            x, f = core[-1]
            is_dev = deverbal_base(f) is not None or (actions and x in lex.action_stems)
            if x in lex.procedural or x in lex.aspect or is_dev:
                if x in lex.procedural:
                    popped_proc.append(x)
                if x in lex.step_deverbals:
                    step_dev = True
                core.pop()
            else:
                break
        return [x for x, _ in core], popped_proc, step_dev

    def _step_features(self, sig: Sig) -> None:
        lex = self.lex
        p, ids = sig.p, sig.ids
        a = p.action
        assert a is not None
        pairs = [(ids[i], p.folded[i]) for i in range(a) if ids[i]]
        core, popped, step_dev = self._strip_core(pairs)  # type: ignore[arg-type]
        sig.core = frozenset(core)
        aspect_popped = any(x in lex.aspect for x, _ in pairs[len(core) :])
        act = sig.act_raw or ""
        last_obj = pairs[-1][0] if pairs else None
        step: str | None = None
        extra_keys: list[frozenset[str]] = []
        queue = False
        for kind, s, e in p.phrases:
            words = [(ids[i], p.folded[i]) for i in range(s, e) if ids[i]]
            if kind == "place" and words and words[-1][0] in lex.queue:
                queue = True
                k, _, _ = self._strip_core(words[:-1], actions=False)  # type: ignore[arg-type]
                if k:
                    extra_keys.append(frozenset(k))
                    sig.place_keys.add(frozenset(k))
        intake = act == "pienem" and (
            (last_obj in lex.intake_documents)
            or any(p.folded[i].startswith("izskatisan") for _, s, e in p.phrases for i in range(s, e))
        )
        if act in lex.step_actions or popped or step_dev or queue or intake:
            step = "generic"
        elif act in lex.lending_steps and (act != "pagarin" or aspect_popped):
            step = "lending"  # "Grāmatu lietošanas termiņa pagarināšana"; a permit's renewal is a service
        sig.step = step
        if step is None:
            # An outcome is known by its whole object ("Bērna dzimšanas reģistrācija" is not about "bērns").
            full = [x for x, _ in pairs if x not in lex.aspect]
            if full:
                sig.keys.append(frozenset(full))
                # "Vietas piešķiršana pirmsskolas izglītības iestādē": the place belongs to the object core
                place = [x for kind, s, e in p.phrases if kind == "place" for x in ids[s:e] if x]
                if place:
                    sig.keys.append(frozenset(full + place))
            return
        if intake and core and core[-1] in lex.intake_documents and len(core) > 1:
            # "Dzīvesvietas deklarācijas pieņemšana" belongs to "Dzīvesvietas deklarēšana"
            sig.keys.append(frozenset(core[:-1]))
        if core and not queue:  # a queue registration is about the queue, not about who is registered
            sig.keys.append(frozenset(core))
            # "Ārstniecības personas reģistrācijas pieteikums" belongs to "Ārstniecības personu reģistrācija";
            # "Sporta apmācības pieteikums" to "Sporta apmācības organizēšana": keep both readings
            core2, _, _ = self._strip_core(pairs, actions=False)  # type: ignore[arg-type]
            if core2 and core2 != core:
                sig.keys.append(frozenset(core2))
        sig.step_sig = (act, tuple(sorted(popped)), queue)
        sig.keys.extend(extra_keys)
        for kind, s, e in p.phrases:
            words = [(ids[i], p.folded[i]) for i in range(s, e) if ids[i]]
            if not words:
                continue
            if kind == "complement" and p.folded[s] == "par":
                k, _, _ = self._strip_core(words)  # type: ignore[arg-type]
                k2, _, _ = self._strip_core(words, actions=False)  # type: ignore[arg-type]
                if k2 and k2 != k:
                    sig.keys.append(frozenset(k2))
            elif kind == "recipient" and p.folded[e - 1].endswith("sanai"):
                k, _, _ = self._strip_core(words[:-1], actions=False)  # type: ignore[arg-type]
            elif not core and kind in ("place", "recipient") and words[-1][0] not in lex.queue:
                k, _, _ = self._strip_core(words, actions=False)  # type: ignore[arg-type]
                if k:
                    sig.place_keys.add(frozenset(k))
            else:
                continue
            if k:
                sig.keys.append(frozenset(k))

    # ---- the checks ---------------------------------------------------------------------------------------
    def run(
        self, *, semantic: bool = False, semantic_pairs: Callable[[list[Sig]], Iterable] | None = None
    ) -> list[Group]:
        from . import messages  # local: keeps import light

        self._prepare()
        reps = self.reps
        n = len(reps)
        dup = _UF(n)
        variation_groups: list[tuple[str, list[int], str]] = []  # (code, rep indices, dimension)
        # 3. structural clusters
        clusters: dict[tuple, list[int]] = defaultdict(list)
        for i, s in enumerate(reps):
            if s.act is not None and s.obj_key:  # "Izsniegšana fiziskām personām" has no object to share
                clusters[(s.obj_key, s.act)].append(i)
        for members in clusters.values():
            if len(members) < 2:
                continue
            by_q: dict[tuple, list[int]] = defaultdict(list)
            for i in members:
                by_q[reps[i].qual_sig].append(i)
            for same in by_q.values():
                for i in same[1:]:
                    dup.union(same[0], i)
            if len(by_q) < 2:
                continue
            units = [v[0] for v in by_q.values()]
            bare = [u for u in units if not reps[u].qual_sig]
            quals = [set(reps[u].qual_sig) for u in units]
            # a base that every other variant extends ("... skolēniem" / "... skolēniem tiešsaistē"), or a family
            # of three or more variants of one service (by recipient, place, channel, condition alike)
            base = any(all(q <= other for other in quals) for q in quals)
            if bare or base or len(units) >= 3:
                parts = [(units, "mixed")]
            else:
                by_dim: dict[frozenset[str], list[int]] = defaultdict(list)
                for u in units:
                    by_dim[reps[u].dims].append(u)
                parts = [(v, "/".join(sorted(k))) for k, v in by_dim.items() if len(v) >= 2]
            for units_, dim in parts:
                detailed = sum(
                    1 for u in units_ if reps[u].p.has_code or reps[u].p.has_quote or reps[u].p.has_date
                )
                qualified = [u for u in units_ if reps[u].qual_sig]
                if all(reps[u].p.has_quote or reps[u].p.has_date for u in qualified):
                    continue  # single dated or titled items: the excessive-detail check reports them
                code = "P005" if detailed >= 2 or len(units_) >= 6 else "P003"
                member_reps = [i for u in units_ for i in by_q[reps[u].qual_sig]]
                variation_groups.append((code, member_reps, dim))
        # 4. near duplicates across clusters
        for a, b in self._near_dup_pairs():
            dup.union(a, b)
        if semantic and semantic_pairs is not None:
            for a, b in semantic_pairs(reps):
                if (reps[a].obj_key, reps[a].act) != (reps[b].obj_key, reps[b].act):
                    dup.union(a, b)
        groups: list[Group] = []
        dup_sets: list[frozenset[int]] = []
        covered_single = [len(s.rows) > 1 for s in reps]
        for comp in dup.groups():
            rows = sorted(r for i in comp for r in reps[i].rows)
            dup_sets.append(frozenset(rows))
            for i in comp:
                covered_single[i] = False
            members = [reps[i] for i in comp]
            # the same object with two action synonyms (izsniegšana / izdošana) is one service listed twice: a
            # duplicate (the message names the inconsistent synonyms too)
            groups.append(messages.duplicate(self, "P002", members, rows, synonyms=self._synonym_only(members)))
        for i, s in enumerate(reps):
            if covered_single[i]:
                dup_sets.append(frozenset(s.rows))
                groups.append(messages.duplicate(self, "P001", [s], sorted(s.rows)))
        for code, member_reps, dim in variation_groups:
            rows = sorted(r for i in member_reps for r in reps[i].rows)
            groups.append(messages.variation(self, code, [reps[i] for i in member_reps], rows, dim))
        # 5. split steps
        from .steps import split_step_groups

        for comp in split_step_groups(self):
            rows = sorted(r for i in comp for r in reps[i].rows)
            groups.append(messages.split_steps(self, [reps[i] for i in comp], rows))
        # 6. excessive detail beyond clusters
        for kind, comp in self._excessive():
            rows = sorted(r for i in comp for r in reps[i].rows)
            groups.append(messages.excessive(self, kind, [reps[i] for i in comp], rows))
        # 7. synonyms
        comp_of = {i: dup.find(i) for i in range(n)}
        set_of_row = {r: k for k, d in enumerate(dup_sets) for r in d}
        for head, comp in self._synonyms(comp_of):
            rows = sorted(r for i in comp for r in reps[i].rows)
            if len({set_of_row.get(r, -1 - r) for r in rows}) == 1:
                continue  # all of it is one duplicate group
            groups.append(messages.synonym(self, head, [reps[i] for i in comp], rows))
        unique: dict[tuple[str, tuple[int, ...]], Group] = {}
        for g in groups:  # the same rows found twice in one category (a dated variation and an event list)
            unique.setdefault((g.category, g.rows), g)
        by_row: dict[tuple[str, int], list[frozenset[int]]] = defaultdict(list)
        for g in unique.values():
            rs = frozenset(g.rows)
            for r in g.rows:
                by_row[(g.category, r)].append(rs)
        kept = [  # drop a group subsumed by a larger one of its category (only groups sharing a row can)
            g
            for g in unique.values()
            if not any(frozenset(g.rows) < other for other in by_row[(g.category, g.rows[0])])
        ]
        return sorted(kept, key=lambda g: (g.rows[0], g.code))

    def _near_dup_pairs(self) -> Iterable[tuple[int, int]]:
        reps = self.reps
        lex = self.lex
        buckets: dict[frozenset[str], list[int]] = defaultdict(list)
        for i, s in enumerate(reps):
            keys = set()
            for t in (s.content, s.content_nl):
                if len(t) >= 2:
                    keys.add(t)
                if len(t) >= 4:  # J >= 0.75 needs >= 3 shared stems: one-deletion keys of >= 3 stems suffice
                    for e in t:
                        keys.add(t - {e})
            for k in keys:
                buckets[k].append(i)
        seen: set[tuple[int, int]] = set()
        for members in buckets.values():
            if len(members) < 2 or len(members) > MAX_BUCKET:
                continue
            for x in range(len(members)):
                a = members[x]
                sa = reps[a]
                for b in members[x + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    if pair in seen:
                        continue
                    seen.add(pair)
                    sb = reps[b]
                    if sa.act is not None and (sa.obj_key, sa.act) == (sb.obj_key, sb.act):
                        continue  # same object and action: the structural cluster decides
                    if sa.act == sb.act or (sa.act is None or sb.act is None) and sa.content == sb.content:
                        j, inter = _jaccard(sa.content, sb.content)
                    elif (sa.act in lex.light and sb.act in sa.content) or (
                        sb.act in lex.light and sa.act in sb.content
                    ):
                        j, inter = _jaccard(sa.content_nl, sb.content_nl)
                    else:
                        continue
                    if (j >= NEAR_DUP_JACCARD and inter >= 3) or (j == 1.0 and inter >= 2):
                        yield pair

    def _excessive(self) -> list[tuple[str, list[int]]]:
        reps = self.reps
        lex = self.lex
        by: dict[tuple[str, str], list[int]] = defaultdict(list)
        premises: dict[str, dict[tuple, int]] = defaultdict(dict)
        for i, s in enumerate(reps):
            if s.act is None:
                continue
            p = s.p
            a = p.action or 0
            obj_folded = p.folded[:a]
            event = any(f in lex.event_nouns for f in obj_folded) or p.has_date
            if (event or p.has_quote) and any(x in lex.collective for x in s.obj):
                by[("named", s.act)].append(i)  # named collectives ("Kora "Balsis" mēģinājumi")
            elif event or p.has_quote:
                by[("event", s.act)].append(i)  # single events, dated or titled items
            if s.obj and s.obj[-1] in lex.premises and not s.qual_sig:
                premises[s.act].setdefault(s.obj_key, i)
        out = [(kind, v) for (kind, _), v in by.items() if len(v) >= 2]
        out += [("premises", list(v.values())) for v in premises.values() if len(v) >= 3]
        return out

    def _synonym_only(self, members: list[Sig]) -> bool:
        """True when the names differ only by synonymous actions (same object, action and qualifiers)."""
        syn = self.lex.synonym_of
        raws = {s.act_raw for s in members}
        if len(raws) < 2 or any(r is None or r not in syn for r in raws):
            return False
        if len(os.path.commonprefix(sorted(raws))) >= 4:  # type: ignore[type-var]
            return False  # derivations of one verb (reģistrēšana / reģistrācija): a plain duplicate
        return len({(s.obj_key, s.act, s.qual_sig) for s in members}) == 1

    def _synonyms(self, comp_of: dict[int, int]) -> list[tuple[str, list[int]]]:
        reps = self.reps
        syn = self.lex.synonym_of
        acts_in_comp: dict[int, set[str | None]] = defaultdict(set)
        for i, s in enumerate(reps):
            acts_in_comp[comp_of[i]].add(s.act_raw)
        by: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, s in enumerate(reps):
            if s.act_raw is None or not s.head or s.act_raw not in syn or syn[s.act_raw] in self.lex.equivalent:
                continue  # equivalents ("nodrošināšana" / "sniegšana") name one service alike: no inconsistency
            if len(acts_in_comp[comp_of[i]]) > 1:
                continue  # a duplicate group that mixes the synonyms already reports them
            by[(s.head, syn[s.act_raw])].append(i)
        out = []
        for (head, _), v in by.items():
            if len({reps[i].act_raw for i in v}) >= 2:
                out.append((head, v))
        return out


def find_groups(names: Sequence[str], *, semantic: bool = False) -> list[Group]:
    """Review a service list: duplicates, variations, split steps, excessive detail, synonyms.

    ``names`` are the data rows in order (row 1 = ``names[0]``); empty or non-text rows are skipped, never an
    error. ``semantic=True`` adds near duplicates found by the bundled e5 embeddings (see docs/portfolio.md
    for what it measurably adds).

    Example:
        >>> [g.code for g in find_groups(["Pases izsniegšana bērniem", "Pases izsniegšana pieaugušajiem"])]
        ['P003']
    """
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence):
        from .errors import PortfolioInputError

        raise PortfolioInputError(
            "Pakalpojumu saraksts jānodod kā nosaukumu saraksts, nevis kā viens teksts.",
            "The service list must be a list of names, not a single string.",
        )
    review = PortfolioReview(names)
    pairs = None
    if semantic:
        from .semantic import semantic_pairs

        pairs = semantic_pairs
    # The review allocates millions of small acyclic objects at catalogue scale; the cyclic collector would
    # rescan them again and again (super-linear time), so it is paused for the run and restored after.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return review.run(semantic=semantic, semantic_pairs=pairs)
    finally:
        if was_enabled:
            gc.enable()
