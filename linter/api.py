"""Library API of the linter (used by the CLI, the web app and the triage part).

Example:
    report = check_names(["Pases saņemšana", "Pases izsniegšana Latvijas pilsoņiem"])
    report.to_json_dict()["names"][0]["findings"][0]["code"] == "N005"
    print(explain("N005"))
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from linter.config import LintConfig
from linter.errors import LintInputError
from linter.model import Finding, ServiceName, Severity
from linter.registry import META_RULES, all_rules, doc_of, get_rule

__all__ = ["check_names", "check_name", "explain", "LintReport", "NameResult", "InputProblem", "parse_suppressions"]

_SUPP_RE = re.compile(r"([A-Za-z]\d{3})\s*(?::\s*([^;,\n]*?))?\s*(?=[;,\n]|$)")


@dataclass
class InputProblem:
    """A row or file problem found while reading input (reported, never a traceback)."""

    row: int | None
    lv: str
    en: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "message": f"{self.lv} / {self.en}"}


@dataclass
class NameResult:
    """The findings of one name."""

    row: int
    name: str
    findings: list[Finding]
    extra: dict[str, Any] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    config: LintConfig | None = field(default=None, repr=False, compare=False)

    @property
    def valid(self) -> bool:
        return not any(f.severity.rank >= Severity.WARNING.rank for f in self.findings)

    @property
    def suggestion(self) -> str | None:
        """One combined suggestion (unsafe): the structural fix if there is one (N005, N004, N002), then the
        spelling, abbreviation, channel and style fixes applied one after another until none is left."""
        if not any(f.suggestion for f in self.findings):
            return None
        if "_combined" not in self.extra:
            self.extra["_combined"] = combined_suggestion(self.name, self.findings, self.config)
        return self.extra["_combined"]

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "name": self.name, "valid": self.valid,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass
class LintReport:
    """All results of one run: per-name findings, portfolio groups, input problems."""

    names: list[NameResult]
    portfolio: list[dict[str, Any]] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    config: LintConfig = field(default_factory=LintConfig)
    portfolio_lv: list[str] = field(default_factory=list)  # each group's Latvian explanation alone

    def max_severity(self) -> Severity | None:
        sev = [f.severity for r in self.names for f in r.findings]
        return max(sev, key=lambda s: s.rank) if sev else None

    def failed(self, level: Severity | None = None) -> bool:
        level = level or self.config.fail_on
        worst = self.max_severity()
        return worst is not None and worst.rank >= level.rank

    def summary(self) -> dict[str, Any]:
        findings = [f for r in self.names for f in r.findings]
        return {
            "names": len(self.names),
            "valid": sum(r.valid for r in self.names),
            "invalid": sum(not r.valid for r in self.names),
            "findings": len(findings),
            "by_severity": dict(Counter(f.severity.value for f in findings)),
            "by_category": dict(Counter(f.category.value for f in findings)),
            "by_code": dict(sorted(Counter(f.code for f in findings).items())),
            "portfolio_groups": len(self.portfolio),
            "input_problems": [p.to_dict() for p in self.problems],
        }

    def to_json_dict(self) -> dict[str, Any]:
        return {"names": [r.to_dict() for r in self.names], "portfolio": list(self.portfolio),
                "summary": self.summary()}

    def to_lv_dict(self) -> dict[str, Any]:
        """The JSON contract plus Latvian-only texts for people (the web app): ``message_lv`` on every finding and
        portfolio group, and each name's ``verdict`` ("ok", "review", "fix"; see :func:`verdict_key`)."""
        d = self.to_json_dict()
        grouped = {int(r) for g in self.portfolio for r in g.get("rows", [])}
        for res, out in zip(self.names, d["names"], strict=True):
            for f, fd in zip(res.findings, out["findings"], strict=True):
                fd["message_lv"] = f.message_lv
            out["verdict"] = verdict_key(res, res.row in grouped)
        for g, lv in zip(d["portfolio"], self.portfolio_lv + [""] * len(self.portfolio), strict=False):
            g["message_lv"] = lv or str(g.get("message", "")).split(" (EN: ")[0]
        return d


_STRUCTURAL = ("N005", "N004", "N002")
_FIXERS = ("T003", "T009", "T002", "L001", "L003", "L002", "T005", "T004", "T007", "T008", "T001")


def fix_until_stable(
    name: str, codes: Sequence[str], config: LintConfig | None = None, *, safe_only: bool = False, rounds: int = 8
) -> str:
    """Re-check ``name`` with the rules ``codes`` (those the config enables) and apply the first suggestion, in the
    order of ``codes``, until none is left or the name repeats. The config's word lists and abbreviations count;
    its ``min_severity`` does not (a fix applies whatever the report shows). ``safe_only`` skips suggestions
    their rule marks unsafe."""
    config = config or LintConfig()
    enabled = set(codes) & config.enabled_codes()
    if not enabled:
        return name
    every = replace(config, min_severity=Severity.INFO)
    current, seen = name, {name}
    for _ in range(rounds):
        found = check_name(ServiceName(current, context=config.context()), config=every, enabled=enabled)
        nxt = next(
            (f.suggestion for c in codes for f in found
             if f.code == c and f.suggestion and f.suggestion not in seen and (f.safe or not safe_only)),
            None,
        )
        if nxt is None:
            break
        current = nxt
        seen.add(current)
    return current


def combined_suggestion(name: str, findings: Sequence[Finding], config: LintConfig | None = None) -> str | None:
    """Apply the structural fix, then re-check and apply the text-level fixes until the name is stable."""
    by_code = {f.code: f.suggestion for f in findings if f.suggestion}
    start = next((by_code[c] for c in _STRUCTURAL if c in by_code), None) or name
    out = _polish(fix_until_stable(start, _FIXERS, config))
    return out if out != name else None


def _polish(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"[\s.,;:!?]+$", "", t) if not t.endswith(("u.c.", "t.sk.", "utt.")) else t
    return t[:1].upper() + t[1:] if t else t


def parse_suppressions(text: str | None) -> list[tuple[str, str]]:
    """"S005: mūsu pamatdarbība; T005: iestādes saīsinājums" -> [("S005", "mūsu pamatdarbība"), ...]."""
    if not text or not str(text).strip():
        return []
    return [(code.upper(), (reason or "").strip()) for code, reason in _SUPP_RE.findall(str(text))]


def check_name(name: ServiceName, *, config: LintConfig | None = None, enabled: set[str] | None = None) -> list[Finding]:
    """Run the enabled single-name rules on one name; severity overrides and min_severity applied."""
    config = config or LintConfig()
    enabled = enabled if enabled is not None else config.enabled_codes()
    out: list[Finding] = []
    if not name.text:
        return out
    for rule in _enabled_rules(frozenset(enabled)):
        try:
            found = list(rule.check(name))
        except Exception as exc:  # a rule bug must not lose the rest of the file; check_names reports it
            found = []
            name.extra.setdefault("rule_errors", []).append(f"{rule.CODE}: {type(exc).__name__}: {exc}")
        for f in found:
            f.row = name.row
            if f.code in config.severity:
                f.severity = config.severity[f.code]
            out.append(f)
    return [f for f in out if f.severity.rank >= config.min_severity.rank]


@lru_cache(maxsize=64)
def _enabled_rules(enabled: frozenset[str]) -> tuple:
    return tuple(r for r in all_rules() if r.CODE in enabled)


def _meta(code: str, lv: str, en: str, config: LintConfig) -> Finding:
    m = META_RULES[code]
    return Finding(code, m.NAME, m.CATEGORY, config.severity.get(code, m.SEVERITY), f"{lv} / {en}", None, m.SOURCE,
                   lv=lv, en=en)


def check_names(
    names: Sequence[str],
    *,
    config: LintConfig | None = None,
    portfolio: bool = True,
    rows: Sequence[int] | None = None,
    suppressions: Sequence[str | None] | None = None,
    extras: Sequence[dict[str, Any]] | None = None,
    semantic: bool = False,
) -> LintReport:
    """Check names (one per item). ``rows`` are their 1-based data rows (default 1..n); ``suppressions`` the
    per-row ``lint_ignore`` texts. Portfolio groups come from linter.portfolio."""
    if isinstance(names, (str, bytes)):  # a str is a Sequence too: it would be checked letter by letter
        raise LintInputError("Nosaukumi jānodod kā saraksts, nevis kā viens teksts",
                             "The names must be passed as a list, not as a single string")
    config = config or LintConfig()
    enabled = config.enabled_codes()
    ctx = config.context()
    rows = list(rows) if rows is not None else list(range(1, len(names) + 1))
    if len(rows) != len(names):
        raise LintInputError(f"Rindu numuru ({len(rows)}) nav tik, cik nosaukumu ({len(names)})",
                             f"There are {len(rows)} row numbers for {len(names)} names")
    if extras is not None and len(extras) != len(names):
        raise LintInputError(f"Papildu lauku ierakstu ({len(extras)}) nav tik, cik nosaukumu ({len(names)})",
                             f"There are {len(extras)} extra-field records for {len(names)} names")
    results: list[NameResult] = []
    crashed: list[InputProblem] = []
    for k, raw in enumerate(names):
        raw = "" if raw is None else str(raw)
        sn = ServiceName(raw, row=rows[k], context=ctx)
        findings = check_name(sn, config=config, enabled=enabled)
        supp = parse_suppressions(suppressions[k]) if suppressions is not None and k < len(suppressions) else []
        if supp:
            kept: list[Finding] = []
            used: set[str] = set()
            reasons = {c: r for c, r in supp}
            for f in findings:
                if f.code in reasons and reasons[f.code]:
                    used.add(f.code)
                else:
                    kept.append(f)
            for code, reason in supp:
                if not reason:
                    if "X002" in enabled:
                        kept.append(_meta("X002", f"Apspiešanai {code} nav pamatojuma; tā netiek piemērota",
                                          f"Suppression {code} has no reason; it is not applied", config))
                elif code not in used and "X001" in enabled:
                    kept.append(_meta("X001", f"Apspiešana {code} neko neapspiež", f"Suppression {code} suppresses nothing",
                                      config))
            findings = [f for f in kept if f.severity.rank >= config.min_severity.rank]
        for f in findings:
            f.row = rows[k]
        results.append(
            NameResult(rows[k], sn.text or raw, findings, dict(extras[k]) if extras else {}, config=config)
        )
        for err in sn.extra.get("rule_errors", []):  # the name was not fully checked: never call it valid silently
            code = err.split(":", 1)[0]  # the exception's own (English) text stays in the English half
            crashed.append(InputProblem(rows[k], f"{rows[k]}. nosaukumu noteikums nevarēja pārbaudīt ({code}); "
                                        "ziņojiet izstrādātājiem", f"a rule could not check name {rows[k]} ({err}); "
                                        "please report it"))
    report = LintReport(results, config=config)
    report.problems.extend(crashed)
    from linter.nlp import hunspell_available

    if {"L001", "L002"} & enabled and not hunspell_available():  # never a quiet pass on unchecked spelling
        report.problems.append(InputProblem(
            None,
            "latviešu vārdnīca (hunspell-lv) nav pieejama: pareizrakstība un garumzīmes (L001, L002) nav pārbaudītas; "
            "instalējiet ar scripts/install.sh",
            "the Latvian dictionary (hunspell-lv) is not available: spelling and diacritics (L001, L002) were not "
            "checked; install it with scripts/install.sh",
        ))
    for r in results:  # an empty name has nothing to check: say so rather than pass it silently
        if not r.name.strip():
            report.problems.append(InputProblem(r.row, f"{r.row}. nosaukums ir tukšs; nav pārbaudīts",
                                                f"name {r.row} is empty; not checked"))
    if portfolio:
        report.portfolio = _portfolio([r.name for r in results], rows, results, semantic, report, config)
    return report


VERDICT_LV = {"ok": "✓ atbilst", "review": "! ieteicams pārskatīt", "fix": "✗ jālabo"}


def verdict_key(result: NameResult, grouped: bool = False) -> str:
    """Three verdicts for people: "fix" (an error), "review" (warnings only, or the name is in a portfolio group:
    a duplicate or variation is never plainly valid), "ok" (nothing, or notes only)."""
    ranks = [f.severity.rank for f in result.findings]
    if any(r >= Severity.ERROR.rank for r in ranks):
        return "fix"
    if grouped or any(r >= Severity.WARNING.rank for r in ranks):
        return "review"
    return "ok"


# portfolio codes whose suggestion is a service name (P006 suggests a wording rule, not a name)
NAME_SUGGESTING_GROUPS = ("P001", "P002", "P003", "P004", "P005")


def checked_group_suggestion(group: Any, config: LintConfig) -> tuple[str | None, str, str]:
    """A portfolio group's suggested name put through the same rules as the list (``config``): kept when it
    passes; else the linter's own fix of it when that passes; else none, with a Latvian and an English sentence
    saying why (the tool never proposes a name it would flag itself, e.g. a 2-word merged name under N001).

    Returns (suggestion, extra Latvian text, extra English text)."""
    suggestion = getattr(group, "suggestion", None)
    if not suggestion or getattr(group, "code", "") not in NAME_SUGGESTING_GROUPS:
        return suggestion, "", ""
    first = check_names([suggestion], config=config, portfolio=False).names[0]
    if first.valid:
        return suggestion, "", ""
    fixed = first.suggestion
    if fixed and fixed != suggestion and check_names([fixed], config=config, portfolio=False).names[0].valid:
        return fixed, "", ""
    flagged = [f for f in first.findings if f.severity.rank >= Severity.WARNING.rank]
    why_lv = "; ".join(dict.fromkeys(f.message_lv for f in flagged))
    why_en = "; ".join(dict.fromkeys(f.message.split(" / ", 1)[-1] for f in flagged))
    lv = (f" Apvienoto nosaukumu veidojiet paši: kopīgā daļa „{suggestion}” neatbilst nosaukuma prasībām "
          f"({why_lv}). Paturiet objektu un darbību un papildiniet tos ar informāciju, kas attiecas uz visiem "
          "apvienotajiem nosaukumiem.")
    en = (f"; no merged name is suggested: the common part \"{suggestion}\" fails the name checks ({why_en}); "
          "keep the object and the action and add information that applies to all merged names")
    return None, lv, en


def _portfolio(texts: list[str], rows: list[int], results: list[NameResult], semantic: bool,
               report: LintReport, config: LintConfig | None = None) -> list[dict[str, Any]]:
    from linter.portfolio import find_groups

    try:
        groups = find_groups(texts, semantic=semantic)
    except Exception as exc:  # the per-name results stay usable
        logging.getLogger("paligs.linter").exception("portfolio checks failed")
        report.problems.append(InputProblem(None, "Portfeļa pārbaudes neizdevās; ziņojiet izstrādātājiem",
                                            f"The portfolio checks failed: {exc}"))
        return []
    out = []
    for gi, g in enumerate(groups, start=1):
        d = dict(g.to_dict())
        idx = [int(r) for r in d.get("rows", [])]
        d["rows"] = [rows[i - 1] for i in idx if 1 <= i <= len(rows)]
        d.setdefault("id", f"G{gi}")
        message_lv = str(getattr(g, "message_lv", "") or "")
        suggestion, more_lv, more_en = checked_group_suggestion(g, config or LintConfig())
        d["suggestion"] = suggestion
        if more_lv:
            message_lv += more_lv
            d["message"] = f"{message_lv} (EN: {getattr(g, 'message_en', '') or ''}{more_en})"
        report.portfolio_lv.append(message_lv)
        for i in idx:
            if 1 <= i <= len(results):
                results[i - 1].groups.append(f"G{gi} {d.get('code', '')}".strip())
        out.append(d)
    return out


def explain(code: str, *, lang: str = "both") -> str:
    """The rule's documentation (its docstring) with its code, name, category and severity.

    ``lang="lv"``: the Latvian part only (the web app); ``"en"``: the English part (``linter explain --lang en``);
    ``"both"``: the whole docstring, Latvian then English (the CLI's default)."""
    rule = get_rule(code)
    head = f"{rule.CODE} {rule.NAME} ({rule.CATEGORY.value}, {rule.SEVERITY.value})"
    lv, en = doc_parts(doc_of(rule.CODE))
    bad, good = list(getattr(rule, "BAD", [])), list(getattr(rule, "GOOD", []))
    tested = [f"    ✗ {b}" for b in bad] + [f"    ✓ {g}" for g in good]
    if lang == "lv":
        from linter.model import CATEGORY_LV, SEVERITY_LV

        head = (f"{rule.CODE} ({CATEGORY_LV.get(rule.CATEGORY.value, rule.CATEGORY.value)}, "
                f"{SEVERITY_LV.get(rule.SEVERITY.value, rule.SEVERITY.value)})")
        extra = ("\n\n## Piemēri\n" + "\n".join(tested)) if tested else ""
        return f"{head}\n\n{lv}\n\nAvots: {rule.SOURCE}{extra}"
    if lang == "en":
        extra = ("\n\n## Examples\n" + "\n".join(tested)) if tested else ""
        return f"{head}\n\n{en}\n\nSource: {rule.SOURCE}{extra}"
    body = doc_of(rule.CODE)
    extra = ("\n\n## Piemēri / Examples\n" + "\n".join(tested)) if tested else ""
    return f"{head}\n\n{body}\n\nAvots / Source: {rule.SOURCE}{extra}"


EN_SECTIONS = "## Why is this bad?"


def doc_parts(doc: str) -> tuple[str, str]:
    """(Latvian, English) halves of a rule docstring: the summary line "lv. / en." is split, the Latvian sections
    come before "## Why is this bad?", the English ones from there on."""
    doc = doc.strip()
    summary, _, rest = doc.partition("\n")
    sum_lv, sep, sum_en = summary.partition(" / ")
    if not sep:
        sum_en = summary
    lv_body, sep, en_body = rest.partition(EN_SECTIONS)
    en_body = (EN_SECTIONS + en_body) if sep else lv_body
    return f"{sum_lv.strip()}\n\n{lv_body.strip()}".strip(), f"{sum_en.strip()}\n\n{en_body.strip()}".strip()
