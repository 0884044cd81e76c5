"""The assistant: load once, ask many. Follow-up resolution → retrieval → composer → answerability → (LLM).

Example:
    assistant = get_assistant(load_settings())
    answer = assistant.ask("Vai konsultācijas ir pakalpojums?")
    follow = assistant.ask("un ja tas ir citas iestādes pakalpojums?", history=[(answer.question, answer.answer)])
    for piece in assistant.ask_stream("Kas ir e-pakalpojums?"):
        print(piece if isinstance(piece, str) else piece.citations)
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from .answering.facts import CONSULTATION_EMAIL, SPECIFIC_FACTS, QuestionInfo, expected_fact
from .answering import Composer, Draft, Judge, Question, SectionRouter, Verdict, parse_question
from .config import Settings
from .conversation import resolve_followup
from .errors import InputError, PaligsError
from .sentences import content_stems, content_words
from .textnorm import clean_input, fold, folded_tokens, has_diacritics
from .types import Answer, Chunk, Citation, Hit

MAX_QUESTION_CHARS = 1000
MIN_RETRIEVED = 10

NOTICE_LLM_DOWN = "LLM nav pieejams ({why}); parādīta izvilkuma atbilde no dokumentiem."
NOTICE_LLM_UNGROUNDED = (
    "LLM atbildē nebija derīgu atsauču uz avotiem; parādīta izvilkuma atbilde no dokumentiem."
)
NOTICE_LLM_PARTIAL = "No LLM atbildes izņemti {n} teikumi bez derīgas atsauces uz avotu."
NOTICE_TRUNCATED = "Jautājums bija pārāk garš: izmantotas tā pirmās {n} zīmes."
NOTICE_LLM_NOT_CONFIGURED = (
    "LLM režīms ieslēgts, bet nav norādīts ne llm_base_url, ne llm_gguf_path; parādīta izvilkuma atbilde."
)


def _decline_text(reason: str, question: str, routes: Sequence[Any]) -> str:
    """A plain Latvian 'not in the documents' answer, the nearest sections to read and where to ask."""
    lines: list[str] = []
    if reason == "personal_case":
        lines.append(
            "Šie dokumenti ir vadlīnijas iestādēm par pakalpojumu pārvaldību un neapraksta atsevišķu personu lietas, "
            "tāpēc uz jautājumu par Jūsu konkrēto gadījumu atbildēt nevaru."
        )
        lines.append(
            "Par savu iesniegumu, pieteikumu vai maksājumu jautājiet iestādei, kas to izskata: tās kontaktinformācija "
            "ir iestādes tīmekļvietnē un valsts pakalpojumu katalogā www.latvija.gov.lv."
        )
    else:
        lines.append("Dokumentos, kas ir palīga rīcībā, atbildes uz šo jautājumu nav.")
        fact = expected_fact(" ".join(folded_tokens(question)))
        if reason == "missing_fact" and fact in SPECIFIC_FACTS:
            lines.append(
                "Vadlīnijās nav konkrētu iestāžu maksu, darba laiku, termiņu vai kontaktu; tos skatiet konkrētās "
                "iestādes tīmekļvietnē vai pakalpojumu katalogā www.latvija.gov.lv."
            )
        related = []
        for r in routes[:3]:
            sec = getattr(r, "section", None)
            if sec is None or not sec.title:
                continue
            item = f"- {sec.doc_title} — „{sec.title}”"
            if item not in related:
                related.append(item)
        if related:
            lines.append("")
            lines.append("Tuvākās sadaļas, ko varat izlasīt:")
            lines.extend(related)
    lines.append("")
    lines.append(f"Ar jautājumiem par pakalpojumu pārvaldību var vērsties VARAM: {CONSULTATION_EMAIL}.")
    return "\n".join(lines)


def _best_quote(chunk: Chunk, sentence: str) -> str:
    """The line of a chunk that shares the most content words with an LLM sentence (the cited quote)."""
    target = set(content_stems(sentence))
    best, best_n = "", -1
    for line in chunk.text.split("\n"):
        line = line.strip().lstrip("• ").strip()
        if not line:
            continue
        n = len(target & set(content_stems(line)))
        if n > best_n:
            best, best_n = line, n
    return best


NOTICE_LANGUAGE = (
    "Palīgs atbild latviski: vadlīnijas ir tikai latviešu valodā. / "
    "The assistant answers in Latvian: the guidance exists only in Latvian."
)
_DEFINITION_EN_RU = re.compile(
    r"\b(?:what is|what are|what does|define)\b|что так\w*|что значит|что означает", re.IGNORECASE
)
_EN_WORDS_TEXT = (
    "the a an is are what which how why when who does do can should must of for to in and or with service services "
    "our we i you please"
)
_EN_WORDS = frozenset(_EN_WORDS_TEXT.split())
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def question_language(text: str) -> str:
    """'ru', 'en' or 'lv' for a short question (cheap: no language model; Latvian is the default)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if _CYRILLIC.match(c)) > len(letters) / 2:
        return "ru"
    words = re.findall(r"[a-z']+", text.lower())
    if (
        len(words) >= 3
        and sum(w in _EN_WORDS for w in words) / len(words) >= 0.34
        and not has_diacritics(text)
    ):
        return "en"
    return "lv"


class Assistant:
    """Grounded Latvian answers over the indexed guidance documents.

    Example:
        a = Assistant(settings); a.warm_up(); a.ask("Kas ir dzīves situācija?").answer
    """

    def __init__(self, settings: Settings, *, retriever: Any = None, generator: Any = None) -> None:
        self.settings = settings
        self._retriever = retriever
        self._generator = generator
        self.router = SectionRouter()
        self.composer = Composer()
        self.judge = Judge()
        self.vocabulary: Any = None
        self._warm = False
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Open the index and build the corpus statistics (once)."""
        with self._lock:
            if self._warm:
                return
            if self._retriever is None:
                from .index import get_retriever

                self._retriever = get_retriever(self.settings)
            from .sections import sections_from_chunks

            chunks: list[Chunk] = list(getattr(self._retriever, "chunks", []) or [])
            sections = list(getattr(self._retriever, "sections", None) or []) or sections_from_chunks(chunks)
            self.vocabulary = getattr(self._retriever, "vocabulary", None)
            self.judge.vocabulary = self.vocabulary
            self.router.warm_up(
                sections,
                list(getattr(self._retriever, "bank_entries", None) or []),
                getattr(self._retriever, "bank_vectors", None),
            )
            documents: list = []
            if getattr(self._retriever, "sections", None):
                try:
                    from .index import get_documents

                    documents = get_documents(self.settings)
                except Exception:  # noqa: BLE001 - without the documents, citations carry the units as shown
                    documents = []
            self.composer.warm_up(sections, documents)
            vocab_texts = [" ".join(c.phrases) for c in getattr(self.vocabulary, "concepts", [])]
            self.judge.warm_up([s.search_text + " " + s.title for s in sections] + [c.text for c in chunks], vocab_texts)
            self._warm = True

    @property
    def retriever(self) -> Any:
        self.warm_up()
        return self._retriever

    def _llm(self) -> Any:
        if self._generator is None:
            from .llm import get_generator

            self._generator = get_generator(self.settings)
        return self._generator

    # -- asking --------------------------------------------------------------------------------------
    def evidence(self, resolved: str) -> tuple[Question, list[Hit], Any, list[Hit]]:
        """What the router weighs for a (follow-up-resolved) question: the parsed question, the retriever's
        passage hits, the query vector and the chunks defining the concept it asks about. Used by answering and by
        ``python -m evals calibrate`` (the same inputs the thresholds are searched on)."""
        self.warm_up()
        r = self._retriever
        k = max(MIN_RETRIEVED, int(self.settings.top_k or 0))
        expansion = r.expansion(resolved) if hasattr(r, "expansion") else ""
        qvec = r.query_vector(dense_text(resolved), expansion) if hasattr(r, "query_vector") else None
        if hasattr(r, "expansion"):
            hits = r.run(resolved, top_k=k, expansion=expansion, qvec=qvec)
        else:
            hits = r.run(resolved, top_k=k)
        question = parse_question(resolved, self.vocabulary)
        definitions: list[Hit] = []
        # "Kas ir X?" is answered by where X is defined; so is "Vai <case> ir X?" when the guidance does not speak
        # of the case itself ("bibliotēka", "tas") — when it does ("konsultācijas"), the sections about it answer
        own_case = bool(question.concept) and not any(self.judge.in_corpus(w) for w in content_words(question.case))
        if getattr(r, "definitions", None) is not None and (own_case or question.kind == "definition"):
            asked = f"kas ir {question.concept}" if question.concept else question.ask
            definitions = [Hit(r.chunks[i], sc) for i, sc in r.definitions.rank_scored(asked)[:3]]
        return question, list(hits), qvec, definitions

    def _prepare(self, question: str, history: Sequence[tuple[str, str]] | None) -> dict[str, Any]:
        t0 = time.perf_counter()
        if not isinstance(question, str):
            raise InputError("jautājumam jābūt tekstam", "the question must be text")
        full = clean_input(question)
        q = clean_input(full, max_chars=MAX_QUESTION_CHARS) if len(full) > MAX_QUESTION_CHARS else full
        # a shortened question is never silent: the answer says so
        cut_notice = NOTICE_TRUNCATED.format(n=MAX_QUESTION_CHARS) if len(q) < len(full) else ""
        if not q or not re.search(r"[^\W\d_]", q):
            raise InputError(
                "jautājums ir tukšs: uzrakstiet jautājumu, piemēram, „Kas ir e-pakalpojums?”",
                "the question is empty: type a question, e.g. 'Kas ir e-pakalpojums?'",
            )
        hist = [(clean_input(str(a or ""), MAX_QUESTION_CHARS), str(b or "")) for a, b in (history or [])]
        resolved = resolve_followup(q, hist)
        lang = question_language(q)
        lang_notice = ""
        if lang in ("en", "ru"):
            # the guidance exists only in Latvian: search with the Latvian terms of the question (glossary)
            from .triage.glossary import to_latvian_query

            lv_terms = to_latvian_query(q, lang)
            lang_notice = NOTICE_LANGUAGE
            resolved = (
                (f"Kas ir {lv_terms}?" if _DEFINITION_EN_RU.search(q) else lv_terms) if lv_terms else resolved
            )
        self.warm_up()
        t1 = time.perf_counter()
        question, hits, qvec, definitions = self.evidence(resolved)
        t2 = time.perf_counter()
        routes = self.router.run(question, hits, qvec, definitions=definitions)
        draft = self.composer.run(question, routes, folded=" ".join(fold(resolved).split()))
        t3 = time.perf_counter()
        verdict = self.judge.run(question, draft, routes)
        if verdict.answerable and q != resolved:
            # the asker's own case is judged on what they wrote, not on the merged follow-up
            from .answering.facts import is_personal_case

            if is_personal_case(q):
                verdict = Verdict(False, "personal_case", verdict.features)
        t4 = time.perf_counter()
        timings = {
            "prepare_ms": (t1 - t0) * 1000,
            "retrieval_ms": (t2 - t1) * 1000,
            "compose_ms": (t3 - t2) * 1000,
            "answerability_ms": (t4 - t3) * 1000,
        }
        return {
            "q": q,
            "resolved": resolved,
            "hits": hits,
            "routes": routes,
            "question": question,
            "draft": draft,
            "verdict": verdict,
            "timings": timings,
            "t0": t0,
            "lang_notice": " ".join(x for x in (cut_notice, lang_notice) if x),  # shortened / not Latvian
        }

    def _extractive(self, p: dict[str, Any], notice: str = "") -> Answer:
        verdict: Verdict = p["verdict"]
        draft: Draft = p["draft"]
        if verdict.answerable:
            text, citations = draft.text, draft.citations
        else:
            text, citations = _decline_text(verdict.reason, p["q"], p["routes"]), []
        return Answer(
            question=p["q"],
            answer=text,
            answerable=verdict.answerable,
            citations=list(citations),
            retrieved=list(p["hits"]),
            mode="extractive",
            notice=notice,
            timings_ms=p["timings"],
            resolved_question=p["resolved"],
            debug=_debug(p),
        )

    def _use_llm(self) -> bool:
        return str(self.settings.answer_mode).lower() == "llm"

    def _finish(self, p: dict[str, Any], answer: Answer) -> Answer:
        answer.timings_ms["total_ms"] = (time.perf_counter() - p["t0"]) * 1000
        if p.get("lang_notice"):
            answer.notice = " ".join(x for x in (p["lang_notice"], answer.notice) if x)
        return answer

    def ask(self, question: str, *, history: Sequence[tuple[str, str]] | None = None) -> Answer:
        """Answer one question (with optional earlier (question, answer) turns for follow-ups)."""
        answer: Answer | None = None
        for piece in self.ask_stream(question, history=history):
            if isinstance(piece, Answer):
                answer = piece
        assert answer is not None
        return answer

    def ask_stream(
        self, question: str, *, history: Sequence[tuple[str, str]] | None = None
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are ready, then the final :class:`Answer` (its text is authoritative)."""
        p = self._prepare(question, history)
        verdict: Verdict = p["verdict"]
        if not verdict.answerable or not self._use_llm():
            yield from self._extractive_stream(p)
            return
        try:
            gen = self._llm()
        except PaligsError as exc:
            yield from self._extractive_stream(p, NOTICE_LLM_DOWN.format(why=exc.lv))
            return
        if gen is None:
            yield from self._extractive_stream(p, NOTICE_LLM_NOT_CONFIGURED)
            return
        yield from self._llm_stream(p, gen)

    def _extractive_stream(self, p: dict[str, Any], notice: str = "") -> Iterator[str | Answer]:
        """The extractive answer line by line, then the final Answer."""
        ans = self._extractive(p, notice)
        yield from ans.answer.splitlines(keepends=True)
        yield self._finish(p, ans)

    def _llm_stream(self, p: dict[str, Any], gen: Any) -> Iterator[str | Answer]:
        from .llm import MAX_PASSAGES, build_messages, check_output

        hits: list[Hit] = p["hits"]
        given = hits[:MAX_PASSAGES]
        messages = build_messages(p["resolved"], given)
        t0 = time.perf_counter()
        raw = ""
        streamed = ""
        try:
            for piece in gen.stream(messages):
                raw += piece
                # stream whole checked sentences only: a sentence that fails the check is never shown
                done, _rest = self._complete_sentences(raw)
                if len(done) > len(streamed):
                    new = done[len(streamed) :]
                    checked = check_output(new, len(given))
                    if checked.kept:
                        yield "".join(s + " " for s, _ in checked.kept)
                    streamed = done
        except PaligsError as exc:
            p["timings"]["llm_ms"] = (time.perf_counter() - t0) * 1000
            yield from self._extractive_stream(p, NOTICE_LLM_DOWN.format(why=exc.lv))
            return
        p["timings"]["llm_ms"] = (time.perf_counter() - t0) * 1000
        checked = check_output(raw, len(given))
        rest = raw[len(streamed) :]
        if rest.strip():
            tail = check_output(rest, len(given))
            if tail.kept:
                yield "".join(s + " " for s, _ in tail.kept)
        if checked.declined or not checked.usable:
            ans = self._extractive(p, NOTICE_LLM_UNGROUNDED)
            yield self._finish(p, ans)
            return
        cited: dict[int, list[str]] = {}
        for sentence, ns in checked.kept:
            for n in ns:
                cited.setdefault(n, []).append(sentence)
        citations = [
            Citation(n=n, chunk=given[n - 1].chunk, quote=_best_quote(given[n - 1].chunk, " ".join(ss)))
            for n, ss in sorted(cited.items())
        ]
        notice = NOTICE_LLM_PARTIAL.format(n=len(checked.removed)) if checked.removed else ""
        ans = Answer(
            question=p["q"],
            answer=checked.text,
            answerable=True,
            citations=citations,
            retrieved=list(hits),
            mode="llm",
            notice=notice,
            timings_ms=p["timings"],
            resolved_question=p["resolved"],
            debug=_debug(p),
        )
        yield self._finish(p, ans)

    @staticmethod
    def _complete_sentences(text: str) -> tuple[str, str]:
        """Split streamed text into the part that ends with a complete sentence (after its [n]) and the rest."""
        m = None
        for m in re.finditer(r"(?:\[\d{1,2}\]|[.!?])(?:\s*\[\d{1,2}\])*[ \t]*(?:\n|(?=\s+\S))", text):
            pass
        if m is None:
            return "", text
        return text[: m.end()], text[m.end() :]


def dense_text(question: str) -> str:
    """What the e5 encoder reads of a question: the asking sentence and, while it fits, the situation before it
    (the encoder's cost grows with every token: a long description would cost tens of milliseconds)."""
    from .answering import THRESHOLDS
    from .answering.question import split_ask

    limit = THRESHOLDS.dense_max_words
    if not limit or len(question.split()) <= limit:
        return question
    ask, situation = split_ask(question)
    words = ask.split()
    if len(words) >= limit:
        return " ".join(words[:limit])
    room = limit - len(words)
    sit = situation.split()
    return " ".join((sit[-room:] if room else []) + words)


def _debug(p: dict[str, Any]) -> dict[str, Any]:
    """How the answer was found: the channel that carried the lead section, the sections routed, the bank
    question that matched, the judge's reason and features (JSON-safe)."""
    routes = p.get("routes") or []
    verdict: Verdict = p["verdict"]
    draft: Draft = p["draft"]
    lead = draft.route or (routes[0] if routes else None)
    return {
        "matched_via": lead.via if lead is not None else "",
        "bank_question": lead.matched_question if lead is not None else "",
        "sections": [
            {
                "doc": r.section.doc,
                "section": r.section.title,
                "start": r.section.start,
                "end": r.section.end,
                "score": round(r.score, 4),
                "channels": r.channels,
            }
            for r in routes[:5]
        ],
        "reason": verdict.reason,
        "features": verdict.features,
        "expansion": p["question"].expansion if p.get("question") is not None else "",
    }


_ASSISTANTS: dict[tuple[Any, ...], Assistant] = {}
_ASSISTANTS_LOCK = threading.Lock()


def reset_assistants() -> None:
    """Forget the cached assistants (after an index rebuild they hold the old retriever)."""
    with _ASSISTANTS_LOCK:
        _ASSISTANTS.clear()


def _assistant_key(settings: Settings) -> tuple[Any, ...]:
    return tuple(sorted((k, str(v)) for k, v in vars(settings).items()))


def get_assistant(settings: Settings) -> Assistant:
    """The process-wide assistant for these settings (loaded once, shared by the CLI, app and evals).

    When the index has moved on (a document was added or removed, here or in another process), the next call
    returns an assistant over the new build: at once in a command-line process; in a serving app the new one is
    warmed in the background while this one keeps answering (:func:`assistant.index.serve_in_background`)."""
    key = _assistant_key(settings)
    with _ASSISTANTS_LOCK:
        a = _ASSISTANTS.get(key)
        if a is None:
            a = Assistant(settings)
            _ASSISTANTS[key] = a
            return a
    if a._warm and a._retriever is not None:
        from .index import get_retriever

        r = get_retriever(settings)  # one small file read when nothing changed
        if r is not a._retriever:
            with _ASSISTANTS_LOCK:
                if _ASSISTANTS.get(key) is a:
                    a = Assistant(settings, retriever=r)
                    _ASSISTANTS[key] = a
                else:
                    a = _ASSISTANTS[key]
    return a


def _on_index_reload(settings: Settings, retriever: Any) -> None:
    """A new build was opened (document added or removed while serving): warm an assistant on it now, so that the
    swap that follows moves answers over in one step instead of warming on someone's question."""
    from .index import _key

    idx = _key(settings)
    with _ASSISTANTS_LOCK:
        todo = [(k, a) for k, a in _ASSISTANTS.items() if _key(a.settings) == idx and a._warm]
    for k, a in todo:
        fresh = Assistant(a.settings, retriever=retriever, generator=a._generator)
        fresh.warm_up()
        with _ASSISTANTS_LOCK:
            if _ASSISTANTS.get(k) is a:
                _ASSISTANTS[k] = fresh


def _register_reload_hook() -> None:
    from .index import add_reload_hook

    add_reload_hook(_on_index_reload)


_register_reload_hook()


__all__ = ["Assistant", "QuestionInfo", "get_assistant"]
