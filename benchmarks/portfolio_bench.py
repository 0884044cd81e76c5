"""Scale benchmark of the portfolio review (issue 5) against a brute-force rapidfuzz all-pairs peer.

    python benchmarks/portfolio_bench.py                 # 1k, 10k, 100k (about 3 minutes on 2 cores)
    python benchmarks/portfolio_bench.py --sizes 1000 10000 --repeats 5

A synthetic catalogue is generated combinatorially (genitive modifier x object head x action x optional
qualifier: recipient group, channel, condition, place), then duplicates (case, spacing, missing diacritics),
near duplicates (plural, one-letter typo, abbreviation), variations (2-4 recipient groups) and split steps
(intake, examination, decision notice) are injected at known rows. Each size runs in a fresh process, so the
peak memory (ru_maxrss) is that size's own. Printed: median and p95 wall time, peak memory, the growth ratio
between sizes, the share of injected groups found, and the rapidfuzz baseline (token_sort_ratio over folded
names, all pairs; at 100k it is extrapolated from 10k by n^2 and marked so).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODIFIERS = """Pašvaldības Valsts Novada Pilsētas Bērnu Jauniešu Senioru Ģimenes Būvniecības Vides Meža Zemes Ūdens
Dzīvokļa Mājokļa Sociālās Veselības Izglītības Kultūras Sporta Tūrisma Transporta Ceļu Muitas Nodokļu Darba
Uzņēmuma Biedrības Nodibinājuma Lauksaimniecības Zvejniecības Enerģētikas Sakaru Pasta Datu Arhīva Bibliotēkas
Muzeja Teātra Kapsētas Parka Tirgus Ostas Lidostas Dzelzceļa Autoostas Slimnīcas Skolas Augstskolas Koledžas
Bērnudārza Nometnes Dienesta Policijas Robežsardzes Ugunsdzēsības Glābšanas Civilās aizsardzības Pārtikas
Veterinārās Fitosanitārās Ķīmisko vielu Atkritumu Notekūdeņu Siltumapgādes Elektroapgādes Gāzes Apgaismojuma
Reklāmas Tirdzniecības Ēdināšanas Alkohola Tabakas Azartspēļu Loteriju Ieroču Sprāgstvielu Dronu Kuģu
Jahtu Zvejas Medību Makšķerēšanas Dzīvnieku Suņu Kaķu Mājdzīvnieku Lauksaimniecības dzīvnieku Sēklu Mēslošanas
Augu Kokmateriālu Būvmateriālu Metāllūžņu Nekustamā īpašuma Kustamās mantas Mantojuma Laulības Dzimšanas
Miršanas Adopcijas Aizbildnības Uzturlīdzekļu Pensiju Pabalstu Stipendiju Kredītu Garantiju Subsīdiju Grantu
Projektu Programmu Konkursu Iepirkumu Līgumu Licenču Sertifikātu Diplomu Apliecību Karšu Plānu Projektu""".split()  # noqa: SIM905 - word lists read better as text
# Indeclinable or genitive prefixes widen the object space so that a 100k list is as sparse as a 1k one
# (a fixed vocabulary would make a bigger list denser, not just longer).
PREFIXES = """Pagaidu Ilgtermiņa Īstermiņa Ārkārtas Papildu Sezonas Nakts Dienas Gada Mēneša Vasaras Ziemas Rajona
Pilsētas Lauku Reģiona Kvartāla Krasta Pierobežas Ostas Centra Apkaimes Ciema Salas Upes Ezera Jūras Kūrorta
Mežu Purva""".split()  # noqa: SIM905 - word lists read better as text
HEADS = """atļaujas licences apliecības reģistrācijas izziņas pabalsta atvieglojuma kompensācijas dotācijas
stipendijas vietas statusa sertifikāta kartes plāna projekta līguma atzinuma saskaņojuma deklarācijas
pieteikuma informācijas datu dokumentu apmācības konsultācijas pārbaudes kontroles uzraudzības ekspertīzes
nomas īres tiesību izsoles uzskaites reģistra kvalifikācijas akreditācijas""".split()  # noqa: SIM905 - word lists read better as text
ACTIONS = """izsniegšana piešķiršana reģistrācija anulēšana pagarināšana atjaunošana apturēšana grozīšana
saskaņošana izvērtēšana nodrošināšana organizēšana sniegšana uzturēšana apstiprināšana pārreģistrācija
atzīšana apliecināšana izmaksa atmaksa pārbaude kontrole uzraudzība""".split()  # noqa: SIM905 - word lists read better as text
QUALIFIERS = [
    "fiziskām personām",
    "juridiskām personām",
    "pensionāriem",
    "daudzbērnu ģimenēm",
    "personām ar invaliditāti",
    "studentiem",
    "skolēniem",
    "uzņēmumiem",
    "lauksaimniekiem",
    "nevalstiskajām organizācijām",
    "bezdarbniekiem",
    "jauniešiem",
    "senioriem",
    "ārzemniekiem",
    "pašvaldībām",
    "klātienē",
    "elektroniski",
    "attālināti",
    "tiešsaistē",
    "pēc nozaudēšanas",
    "pēc sabojāšanas",
    "steidzamības kārtā",
    "izglītības iestādē",
    "pašvaldības teritorijā",
    "ārkārtas situācijā",
    "publiskās vietās",
]
FOLD = str.maketrans("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ", "acegiklnsuzACEGIKLNSUZ")


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(2, len(word) - 1)
    return word[:i] + word[i + 1 :]


def generate(n: int, seed: int = 7) -> tuple[list[str], dict[str, list[tuple[int, ...]]]]:
    """n names and the injected groups (1-based rows) by kind."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    injected: dict[str, list[tuple[int, ...]]] = {"duplicate": [], "variation": [], "split_steps": []}
    base_n = int(n * 0.88)
    while len(names) < base_n:
        obj = f"{rng.choice(MODIFIERS)} {rng.choice(HEADS)}"
        if rng.random() < 0.6:
            obj = f"{rng.choice(PREFIXES)} {obj[0].lower()}{obj[1:]}"
        name = f"{obj} {rng.choice(ACTIONS)}"
        if rng.random() < 0.25:
            name += " " + rng.choice(QUALIFIERS)
        name = name[0].upper() + name[1:]
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        names.append(name)

    def add_group(kind: str, cands: list[str]) -> None:
        """Append the candidates not seen yet; two or more new rows form one injected group of ``kind``."""
        rows = []
        for cand in cands:
            if cand.lower() in seen:
                continue
            seen.add(cand.lower())
            names.append(cand)
            rows.append(len(names))
        if len(rows) >= 2:
            injected[kind].append(tuple(rows))

    while len(names) < n:
        r = rng.random()
        src = rng.randrange(base_n)
        base = names[src]
        if r < 0.35:  # exact duplicate: case, spacing or missing diacritics
            kind = rng.choice(("case", "space", "fold"))
            dup = (
                base.lower()
                if kind == "case"
                else base.replace(" ", "  ", 1)
                if kind == "space"
                else base.translate(FOLD)
            )
            if dup == base:
                dup = base.upper()
            names.append(dup)
            injected["duplicate"].append((src + 1, len(names)))
        elif r < 0.55:  # near duplicate: a one-letter typo in the object
            words = base.split()
            words[0] = typo(words[0], rng)
            cand = " ".join(words)
            if cand.lower() in seen or cand == base:
                continue
            seen.add(cand.lower())
            names.append(cand)
            injected["duplicate"].append((src + 1, len(names)))
        elif r < 0.80:  # variation: same object and action, 2-4 recipient groups
            obj = f"{rng.choice(MODIFIERS)} {rng.choice(HEADS)} {rng.choice(ACTIONS)}"
            add_group("variation", [f"{obj} {q}" for q in rng.sample(QUALIFIERS[:15], rng.randint(2, 4))])
        else:  # split steps of one service
            obj = f"{rng.choice(MODIFIERS)} {rng.choice(HEADS)}"
            steps = [
                f"{obj} piešķiršana",
                f"{obj} pieteikuma pieņemšana",
                f"{obj} pieteikuma izskatīšana",
                f"Lēmuma paziņošana par {obj.lower()} piešķiršanu",
            ]
            add_group("split_steps", steps)
    return names[:n], injected


def _found(groups: list, injected: dict[str, list[tuple[int, ...]]]) -> dict[str, float]:
    """Share of injected groups whose rows all sit in one predicted group of the right category."""
    out = {}
    for kind, gold in injected.items():
        sets = [frozenset(g.rows) for g in groups if g.category == kind]
        by_row: dict[int, list[frozenset[int]]] = {}
        for s in sets:
            for r in s:
                by_row.setdefault(r, []).append(s)
        hits = sum(1 for rows in gold if any(set(rows) <= s for s in by_row.get(rows[0], [])))
        out[kind] = round(hits / len(gold), 3) if gold else None
    return out


def one(n: int, repeats: int, baseline: bool) -> dict:
    """Run in a fresh process: time find_groups (and optionally the baseline) on n names."""
    import resource

    from linter.portfolio import find_groups
    from linter.portfolio.baseline import baseline_groups

    names, injected = generate(n)
    find_groups(names[:200])  # warm the lexicon (loaded once per process)
    times, cpu = [], []
    groups: list = []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        groups = find_groups(names)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    res = {
        "n": n,
        "times": times,
        "cpu_times": cpu,
        "groups": len(groups),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "found": _found(groups, injected),
        "injected": {k: len(v) for k, v in injected.items()},
    }
    if baseline:
        bt, bc = [], []
        for _ in range(max(1, repeats if n <= 2000 else 1)):
            t0, c0 = time.perf_counter(), time.process_time()
            bgroups = baseline_groups(names)
            bt.append(time.perf_counter() - t0)
            bc.append(time.process_time() - c0)
        res["baseline_times"] = bt
        res["baseline_cpu_times"] = bc
        res["baseline_groups"] = len(bgroups)
        # the baseline cannot tell a variation from a duplicate: count injected duplicates it recovers
        sets = [frozenset(g) for g in bgroups]
        hits = sum(1 for rows in injected["duplicate"] if any(set(rows) <= s for s in sets))
        res["baseline_found_duplicate"] = round(hits / len(injected["duplicate"]), 3)
        res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return res


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--repeats", type=int, default=3, help="runs per size (100k: 1 run unless raised)")
    ap.add_argument(
        "--baseline-max", type=int, default=10000, help="largest size the baseline really runs at"
    )
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.repeats, args.baseline)))
        return 0
    results = []
    print(
        f"portfolio review vs rapidfuzz all-pairs (token_sort_ratio >= 85); python {sys.version.split()[0]}"
    )
    print(
        f"load average (1 min) at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(other jobs share the machine: CPU time is the steadier figure)"
    )
    print(
        f"{'n':>7s} {'median s':>9s} {'p95 s':>7s} {'cpu s':>7s} {'peak MB':>8s} {'groups':>7s}  injected found "
        "(dup/var/split)   baseline s   ratio"
    )
    prev = None
    for n in args.sizes:
        reps = args.repeats if n < 50000 else 1
        cmd = [sys.executable, __file__, "--one", str(n), "--repeats", str(reps)]
        if n <= args.baseline_max:
            cmd.append("--baseline")
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        med = statistics.median(r["times"])
        r["median_s"], r["p95_s"] = med, _p95(r["times"])
        r["cpu_median_s"] = statistics.median(r["cpu_times"])
        if "baseline_times" in r:
            bmed = statistics.median(r["baseline_times"])
            r["baseline_median_s"], r["baseline_extrapolated"] = bmed, False
        else:
            ref = next((x for x in reversed(results) if not x.get("baseline_extrapolated")), None)
            bmed = ref["baseline_median_s"] * (n / ref["n"]) ** 2 if ref else float("nan")
            r["baseline_median_s"], r["baseline_extrapolated"] = bmed, True
        r["ratio_baseline_over_ours"] = bmed / med if med else None
        f = r["found"]
        bl = f"{bmed:10.2f}{'*' if r['baseline_extrapolated'] else ' '}"
        print(
            f"{n:7d} {med:9.3f} {r['p95_s']:7.3f} {r['cpu_median_s']:7.3f} {r['peak_rss_mb']:8.0f} {r['groups']:7d}  "
            f"{f['duplicate']}/{f['variation']}/{f['split_steps']}{'':12s} {bl}  {r['ratio_baseline_over_ours']:6.1f}x"
        )
        if prev:
            print(
                f"{'':7s} growth x{n / prev['n']:.0f} names -> x{med / prev['median_s']:.1f} wall time, "
                f"x{r['cpu_median_s'] / prev['cpu_median_s']:.1f} CPU time, x{r['groups'] / max(prev['groups'], 1):.1f} groups"
            )
        results.append(r)
        prev = r
    print("* extrapolated from the largest size the baseline ran at, by n^2 (all pairs); not measured")
    for r in results:
        if "baseline_found_duplicate" in r:
            print(
                f"baseline at n={r['n']}: CPU {statistics.median(r['baseline_cpu_times']):.2f} s (2 threads), "
                f"{r['baseline_groups']} groups, injected duplicates recovered "
                f"{r['baseline_found_duplicate']} (it cannot label variations or split steps)"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
