"""Inbox triage: classify, extract flags, retrieve the approved guidance, draft, let a person sign off.

Example:
    messages, problems = load_inputs(["inbox.jsonl"])
    for r in triage_messages(messages, load_settings()):
        print(r.to_dict())
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import lvformat
from ..answering import parse_question
from ..answering.judge import DEMAND_DECLINES
from ..config import Settings
from ..pii import find_in_field, sender_names
from . import flags
from .classify import GREETING_RE, TopicClassifier, question_sentences
from .deadlines import RuleSet, due_date, load_rules
from .draft import compose_draft, lint_lines
from .glossary import to_latvian_query
from .language import check_available as check_language_detector
from .language import detect_language
from .mail import _QUOTE_HEAD_RE, Message, analysis_text
from .pii import PIIMatch, find_personal_data, redact, scrub
from .topic_model import TopicJudge
from .topics import ROUTES_USED, section_evidence, topic_table
from .writer import own_identifier, writer_signs

log = logging.getLogger(__name__)

OUT_OF_SCOPE = "out_of_scope"
# the assistant is asked unless the topic judge is at least this sure the message is out of scope
ASK_UNLESS_OUT_OF_SCOPE = 0.75
_REPLY_PREFIX_RE = re.compile(
    r"^(?:\s*(?:re|fw|fwd|atb|pārs|pars|ответ)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
# asked for the citations of a draft that checks listed names
NAMING_QUESTION = "Kā jāveido pakalpojuma nosaukums?"
# reasons that send a message to a person (the others are informational)
HUMAN_REASONS = {
    "low_confidence",
    "not_answerable",
    "official_opinion",
    "approval",
    "meeting",
    "attachment",
    "citizen_redirect",
    "out_of_scope",
    "injection_suspected",
    "language_other",
    "assistant_unavailable",
    "assistant_skipped",
    "linter_failed",
    "truncated",
    "error",
    "empty",
    "date_invalid",
}

REASONS_LV = {
    "low_confidence": "zema temata ticamība",
    "not_answerable": "vadlīnijas uz jautājumu neatbild",
    "official_opinion": "lūgts oficiāls viedoklis vai atzinums",
    "approval": "lūgta saskaņošana vai apstiprināšana",
    "meeting": "lūgta tikšanās",
    "attachment": "jāizvērtē pielikums",
    "citizen_redirect": "iedzīvotāja jautājums: jānovirza kompetentajai iestādei",
    "out_of_scope": "jautājums ārpus pakalpojumu pārvaldības jomas",
    "injection_suspected": "aizdomas par uzvednes injekciju",
    "language_other": "ziņojums citā valodā",
    "assistant_unavailable": "atbilžu modulis nav pieejams",
    "assistant_skipped": "atbildes netika veidotas (--no-assistant): atbild cilvēks",
    "linter_failed": "nosaukumu pārbaudītājs šim ziņojumam neizdevās: nosaukumi jāpārbauda cilvēkam",
    "truncated": "ziņojums pārāk garš: analizēta tikai sākuma daļa",
    "error": "ziņojumu nevar nolasīt",
    "empty": "tukšs ziņojums",
    "date_missing": "nav saņemšanas datuma: izmantots šodienas datums",
    "date_invalid": "saņemšanas datums ārpus kalendāra: termiņš nav aprēķināts",
    "names_checked": "nosaukumi pārbaudīti ar nosaukumu pārbaudītāju",
    "personal_data": "ziņojumā ir personas dati",
}


# the fields every row of the JSONL contract has (in the CSV/XLSX column order); ``to_dict`` adds
# "attachments" always and "error", "service_names", "subject", "body", "from" when they apply
CONTRACT_FIELDS = (
    "id",
    "language",
    "topic",
    "topic_confidence",
    "topic2",
    "answerable",
    "needs_human",
    "reasons",
    "contains_personal_data",
    "personal_data",
    "injection_suspected",
    "route",
    "received",
    "due",
    "subject_redacted",
    "body_redacted",
    "draft_reply",
    "citations",
)


@dataclass
class TriageResult:
    """The triage of one message; :meth:`to_dict` is the JSONL contract."""

    id: str
    language: str = "other"
    topic: str = "out_of_scope"
    topic_confidence: float = 0.0
    topic2: str | None = None
    answerable: bool = False
    needs_human: bool = True
    reasons: list[str] = field(default_factory=list)
    personal_data: list[PIIMatch] = field(default_factory=list)
    injection_suspected: bool = False
    injection_patterns: list[str] = field(default_factory=list)
    draft_reply: str | None = None
    citations: list[dict[str, Any]] = field(default_factory=list)
    received: dt.date | None = None
    due: dt.date | None = None
    route: str = "review"
    subject: str = ""
    body: str = ""
    subject_redacted: str = ""
    body_redacted: str = ""
    sender: str = ""
    attachments: list[dict[str, Any]] = field(default_factory=list)
    service_names: list[str] = field(default_factory=list)
    lint: dict[str, Any] | None = None
    error: str = ""
    source: str = ""
    redact_output: bool = True
    # what the topic came from (words, bank, answer: a share per topic); not part of the JSONL contract
    topic_evidence: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def contains_personal_data(self) -> bool:
        return bool(self.personal_data)

    def _redacted_id(self) -> str:
        return redact(self.id, [p for p in self.personal_data if p.field == "id"]) if self.id else self.id

    def _known(self) -> list[str]:
        """Every personal value of the message, for scrubbing derived text (drafts, names, errors)."""
        return [p.value for p in self.personal_data] + sender_names(self.sender)

    def to_dict(self, *, redact_output: bool | None = None) -> dict[str, Any]:
        red = self.redact_output if redact_output is None else redact_output
        attachments = self.attachments
        if red:
            attachments = []
            for i, a in enumerate(self.attachments):
                a = dict(a)
                found = [p for p in self.personal_data if p.field == f"attachment:{i}"]
                a["filename"] = scrub(redact(str(a.get("filename", "")), found), self._known())
                attachments.append(a)
        d: dict[str, Any] = {
            "id": scrub(self._redacted_id(), self._known()) if red else self.id,
            "language": self.language,
            "topic": self.topic,
            "topic_confidence": round(self.topic_confidence, 4),
            "topic2": self.topic2,
            "answerable": self.answerable,
            "needs_human": self.needs_human,
            "reasons": list(self.reasons),
            "personal_data": [p.to_dict(redact=red) for p in self.personal_data],
            "contains_personal_data": self.contains_personal_data,
            "injection_suspected": self.injection_suspected,
            "draft_reply": self.draft_reply,
            "citations": self.citations,
            "received": self.received.isoformat() if self.received else None,
            "due": self.due.isoformat() if self.due else None,
            "route": self.route,
            "subject_redacted": self.subject_redacted,
            "body_redacted": self.body_redacted,
            "attachments": attachments,
        }
        if self.service_names:
            d["service_names"] = (
                self.service_names if not red else [scrub(n, self._known()) for n in self.service_names]
            )
        if not red:
            d["subject"] = self.subject
            d["body"] = self.body
            d["from"] = self.sender
        if self.error:
            d["error"] = scrub(self.error, self._known()) if red else self.error
        return d


# ------------------------------------------------------------------ optional parts (lazy)


class _Lazy:
    """Loads the assistant and the linter on first use; remembers when they are not there."""

    def __init__(self, settings: Settings, *, use_assistant: bool, use_linter: bool) -> None:
        self.settings = settings
        self.use_assistant = use_assistant
        self.use_linter = use_linter
        self._assistant: Any = None
        self._assistant_failed = not use_assistant
        self._linter: Any = None
        self._linter_failed = not use_linter

    def assistant(self) -> Any:
        if self._assistant is None and not self._assistant_failed:
            try:
                from ..pipeline import get_assistant  # type: ignore[attr-defined]

                self._assistant = get_assistant(self.settings)
            except Exception as exc:  # noqa: BLE001 - triage works without answers
                log.warning("assistant unavailable: %s", type(exc).__name__)
                self._assistant_failed = True
        return self._assistant

    def check_names(self, names: list[str]) -> dict[str, Any] | None:
        """The linter's verdicts on ``names``; None when it is not installed.

        A missing linter (ImportError) is given up for the rest of the batch; any other failure is about
        this message's names only and raises :class:`LinterFailed` so the row can say so.
        """
        if self._linter_failed or not names:
            return None
        if self._linter is None:
            try:
                from linter.api import check_names  # type: ignore[import-not-found]
            except ImportError as exc:
                log.warning("linter unavailable: %s", type(exc).__name__)
                self._linter_failed = True
                return None
            self._linter = check_names
        try:
            return self._linter(names, portfolio=False).to_json_dict()
        except Exception as exc:  # one message's names must not switch the linter off
            log.warning("linter failed on one message: %s", type(exc).__name__)
            raise LinterFailed(type(exc).__name__) from exc


class LinterFailed(RuntimeError):
    """The linter failed on one message's names (it stays on for the next messages)."""


_GREETING_RE = GREETING_RE


# thanks and closings carry no question: "Paldies.", "Ar cieņu", "Thanks!", "Спасибо"
_PLEASANTRY_RE = re.compile(
    r"(?:^|(?<=[\s.!?]))(?:liels paldies|paldies jau iepriekš|paldies iepriekš|paldies|ar cieņu|ar cienu|"
    r"thanks in advance|thank you|thanks|many thanks|спасибо заранее|спасибо)[.!,]*(?=\s|$)",
    re.IGNORECASE,
)
# a forwarded message: a subject "Fwd:" / "FW:" / "Pārs:" or a "forwarded message" separator
_FORWARD_SUBJECT_RE = re.compile(r"^\s*(?:fwd?|pārs|pars|пересл)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_FORWARD_MARK_RE = re.compile(
    r"forwarded message|pārsūtītais ziņojums|parsutitais zinojums|пересланное сообщение", re.IGNORECASE
)
_HEADER_LINE_RE = re.compile(
    r"^\s*(?:from|to|cc|sent|date|subject|no|kam|kopija|nosūtīts|nosutits|datums|temats|sūtītājs|sutitajs|"
    r"от|кому|отправлено|дата|тема)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)


def forwarded_text(subject: str, body: str) -> str:
    """The text of a forwarded message inside ``body`` (headers and "> " marks removed), '' when none.

    Only forwards count ("Fwd:" subject or a "forwarded message" separator): a reply's quoted part is
    the earlier correspondence, often the inbox's own answer, and is not the sender's question.
    """
    m = _QUOTE_HEAD_RE.search(body)
    if not m or not (_FORWARD_SUBJECT_RE.match(subject or "") or _FORWARD_MARK_RE.search(m.group(0))):
        return ""
    rest = body[m.end() :]
    rest = "\n".join(
        line.lstrip().removeprefix(">").lstrip() if line.lstrip().startswith(">") else line
        for line in rest.splitlines()
    )
    rest = _HEADER_LINE_RE.sub("", rest)
    return analysis_text(rest.strip())


def questions_of(text: str) -> list[str]:
    """The question sentences of a text, in order (greetings removed)."""
    return [q for _, q in question_sentences(text)]


def question_for_assistant(
    subject: str, text: str, max_chars: int = 500, *, questions: list[str] | None = None
) -> str:
    """The main question of a message: its first question sentence, else the subject and the first sentences.

    ``questions``: the question sentences of ``text`` when they are already known.
    """
    qs = questions_of(text) if questions is None else questions
    if qs:
        q = qs[0]
    else:
        body = _PLEASANTRY_RE.sub(" ", _GREETING_RE.sub("", text)).strip()
        q = f"{subject}. {body}" if subject and body else (subject or body)
    q = re.sub(r"\s+", " ", q).strip()
    return q[:max_chars]


class TriagePipeline:
    """Load once, triage many. Heavy parts (language models, assistant, linter) load on first use.

    Example:
        p = TriagePipeline(settings); results = p.run(messages)
    """

    def __init__(
        self,
        settings: Settings,
        *,
        redact_output: bool = True,
        use_assistant: bool = True,
        use_linter: bool = True,
        today: dt.date | None = None,
    ) -> None:
        self.settings = settings
        self.redact_output = redact_output
        self.rules: RuleSet = load_rules(settings.triage_rules)
        check_language_detector()  # a broken lingua install fails here, not as an error on every row
        self.classifier = TopicClassifier()
        self.judge = TopicJudge()
        self.topic_table = topic_table()
        self._doc_ids: dict[str, str] = {}  # a document's source file -> its id (for the answer's routes)
        self.lazy = _Lazy(settings, use_assistant=use_assistant, use_linter=use_linter)
        self.today = today
        self._answers: dict[str, Any] = {}
        self._organisation = getattr(settings, "organisation", "") or None

    # -------------------------------------------------------------- one message
    def triage(self, msg: Message) -> TriageResult:
        try:
            return self._triage(msg)
        except Exception as exc:  # noqa: BLE001 - one message must never stop the batch
            log.warning("triage failed for one message: %s", type(exc).__name__)
            r = TriageResult(id=msg.id, source=msg.source, sender=msg.sender, redact_output=self.redact_output,
                             attachments=[a.to_dict() for a in msg.attachments])
            r.error = f"ziņojumu neizdevās apstrādāt ({type(exc).__name__}) / could not process the message"
            r.reasons = ["error"]
            r.route = "error"
            try:
                r.personal_data = self._personal_data(msg)
            except Exception:  # noqa: BLE001 - the detector itself failed: keep nothing of the text
                r.personal_data = []
                r.subject_redacted = r.body_redacted = "[nav parādīts / not shown]"
                r.id = "[nav parādīts]"
                r.attachments = []
            else:
                r.subject_redacted = redact(msg.subject, [p for p in r.personal_data if p.field == "subject"])
                r.body_redacted = redact(msg.body, [p for p in r.personal_data if p.field == "body"])
            self._dates(r, msg)
            return r

    @staticmethod
    def _personal_data(msg: Message) -> list[PIIMatch]:
        """Findings in the subject, body, id and attachment names (the sender's display name is looked for in
        all of them)."""
        names = sender_names(msg.sender)
        found = find_personal_data(msg.subject, msg.body, known_names=names)
        found += find_in_field(msg.id, "id", names)
        for i, a in enumerate(msg.attachments):
            found += find_in_field(a.filename, f"attachment:{i}", names)
        return found

    @staticmethod
    def _own_code(msg: Message, found: list[PIIMatch]) -> bool:
        """True when the writer calls a personal code of the subject or body theirs (:func:`writer.own_identifier`)."""
        for name, text in (("subject", msg.subject), ("body", msg.body)):
            spans = [(p.start, p.end) for p in found if p.type == "personal_code" and p.field == name]
            if spans and own_identifier(text, spans):
                return True
        return False

    def _dates(self, r: TriageResult, msg: Message) -> None:
        received = msg.date
        if received is None:
            received = self.today or lvformat.riga_today()  # the day in Riga, not the server's (UTC) day
            r.reasons.append("date_missing")
        r.received = received
        try:
            r.due = due_date(received, r.route, self.rules)
        except (ValueError, OverflowError, KeyError) as exc:
            # a date such as 9999-12-31 has no deadline on the calendar: this row gets none, the batch goes on
            log.warning("no due date for one message: %s", type(exc).__name__)
            r.due = None
            r.reasons.append("date_invalid")
            r.needs_human = True  # nobody would see a row without a deadline otherwise
            if r.route == "answer":
                r.route = "review"

    def _triage(self, msg: Message) -> TriageResult:
        r = TriageResult(
            id=msg.id,
            subject=msg.subject,
            body=msg.body,
            sender=msg.sender,
            source=msg.source,
            attachments=[a.to_dict() for a in msg.attachments],
            redact_output=self.redact_output,
        )
        # personal data over the whole subject and body (signatures included), the id and attachment names
        r.personal_data = self._personal_data(msg)
        r.subject_redacted = redact(msg.subject, [p for p in r.personal_data if p.field == "subject"])
        r.body_redacted = redact(msg.body, [p for p in r.personal_data if p.field == "body"])
        if msg.error_lv:
            r.error = msg.error
            r.reasons = ["error"]
            r.route = "error"
            self._dates(r, msg)
            r.needs_human = True
            return r

        text = analysis_text(msg.body)
        # the text the assistant may see: cut from the redacted body (the body's findings, not a second search)
        red_text = analysis_text(r.body_redacted)
        questions = questions_of(red_text)  # once per message
        if not questions:
            # "Pārsūtu kolēģa jautājumu" / "FYI, see below": the question is in the forwarded message
            fwd = forwarded_text(msg.subject, msg.body[:200_000])
            if fwd:
                text = f"{text}\n{fwd}".strip()
                red_fwd = forwarded_text(msg.subject, r.body_redacted[:200_000])
                red_text = f"{red_text}\n{red_fwd}".strip()
                questions = questions_of(red_text)
        full = f"{msg.subject}\n{text}".strip()
        if not re.search(r"[^\W\d_]{2,}", full):
            r.reasons.append("empty")
            r.route = "review"
            self._dates(r, msg)
            r.needs_human = True
            return r
        if msg.truncated:
            r.reasons.append("truncated")

        # listed items (service names to check, often Latvian inside an English or Russian message) do not
        # tell the writer's language: detect it on the prose when there is enough of it
        prose = flags.without_list_lines(full)
        r.language = detect_language(prose if len(prose.split()) >= 4 else full)
        if r.language == "other":
            r.reasons.append("language_other")

        # flags: the whole body (an injection can hide in a quoted part or signature)
        everything = f"{msg.subject}\n{msg.body[:200_000]}"
        r.injection_patterns = flags.injection_patterns(everything)
        r.injection_suspected = bool(r.injection_patterns)
        if r.injection_suspected:
            r.reasons.append("injection_suspected")
        for code in flags.official_requests(full):
            r.reasons.append(code)
        if msg.attachments or flags.mentions_attachment(full):
            r.reasons.append("attachment")

        # the topic: the message's words (the subject is the sender's own summary: it counts twice), the
        # guidance sections its question routes to, and who writes (topic_model.py)
        words = self.classifier.classify_text(f"{msg.subject}\n{without_closing(full)}")
        own_body = _without_quotes(msg.body[:20_000])
        signs = writer_signs(msg.sender, f"{msg.subject}\n{own_body}", own_body)
        red_subject = r.subject_redacted  # the subject's findings are already known
        to_ask = self._questions(r.language, red_subject, red_text, naming=False, questions=questions)
        assistant = self.lazy.assistant()
        bank = self._bank_evidence(assistant, to_ask, red_subject, r.language)
        decision = self.judge.run(words, bank=bank, writer=signs)
        # a private person's own case, whatever service words it has: the writer calls a personal code theirs
        # ("mans personas kods …": staff asking about service management do not write about themselves with their
        # personal code), or a writer from a free webmail address who speaks of themself with no institution
        # behind them (a complaint about their visit to a client centre is their case, not a question about
        # channels). The wording decides, never that a code or a phone is in the message: staff quote a client's
        # code and sign with their phone
        own_case_code = self._own_code(msg, r.personal_data)
        own_case_writer = signs.private_mailbox and signs.own_voice > 0 and not signs.institution_voice
        own_case = own_case_code or own_case_writer

        # answers: redact the question before it leaves triage. Asked unless the message is clearly out of
        # scope: the route of the answer is the topic's best evidence
        answer_text: str | None = None
        first_answer: Any = None
        if assistant is not None and not own_case and not (
            decision.topic == OUT_OF_SCOPE and decision.confidence >= ASK_UNLESS_OUT_OF_SCOPE
        ):
            try:
                for question in to_ask:
                    ans = self._ask(assistant, question)
                    first_answer = first_answer or ans
                    if ans.answerable:
                        r.answerable = True
                        answer_text = scrub(ans.answer, r._known())
                        r.citations = [_scrub_citation(c.to_dict(), r._known()) for c in ans.citations]
                        break
                    if (ans.debug or {}).get("reason") in DEMAND_DECLINES:
                        break  # the subject would lose what the question demands (judge.DEMAND_DECLINES)
            except Exception as exc:  # noqa: BLE001
                log.warning("assistant failed: %s", type(exc).__name__)
                r.reasons.append("assistant_unavailable")
            if first_answer is not None:
                answer = section_evidence(self._answer_routes(first_answer), self.topic_table)
                decision = self.judge.run(words, bank=bank, answer=answer, writer=signs)
        r.topic, r.topic_confidence, r.topic2 = decision.topic, decision.confidence, decision.topic2
        r.topic_evidence = decision.evidence
        if r.topic != OUT_OF_SCOPE and own_case:
            r.topic2 = r.topic  # what the case is about, for the person who redirects it
            r.topic, r.topic_confidence = OUT_OF_SCOPE, max(r.topic_confidence, 0.9)
        if r.topic == OUT_OF_SCOPE:
            # no draft for a message the guidance is not about, however well a sentence of it matched
            r.answerable, answer_text, r.citations = False, None, []
            citizen = own_case or flags.citizen_cues(full) or (signs.own_voice > 0 and signs.private_mailbox)
            r.reasons.append("citizen_redirect" if citizen else "out_of_scope")
        else:
            if r.topic_confidence < self.judge.weights.low_confidence:
                r.reasons.append("low_confidence")  # a person reads what the tool is unsure about
            if assistant is None:
                # --no-assistant is a choice, not a fault: say which it is
                r.reasons.append("assistant_unavailable" if self.lazy.use_assistant else "assistant_skipped")
        if r.personal_data:
            r.reasons.append("personal_data")

        # names listed for checking: the linter applies the guidance's naming rules to each of them
        r.service_names = flags.service_names(full) if r.topic == "service_naming" else []
        try:
            lint = self.lazy.check_names(r.service_names) if r.service_names else None
        except LinterFailed:
            lint = None
            r.reasons.append("linter_failed")
        lint_text = lint_lines(lint) if lint else []
        if lint:
            r.lint = lint
            r.reasons.append("names_checked")
        naming = bool(lint_text) or (r.topic == "service_naming" and r.topic_confidence >= 0.6)
        if naming and assistant is not None and not r.answerable and "assistant_unavailable" not in r.reasons:
            # the citations of a draft that checks names: how the guidance says names are made
            try:
                ans = self._ask(assistant, NAMING_QUESTION)
                if ans.answerable:
                    r.answerable = True
                    answer_text = scrub(ans.answer, r._known())
                    r.citations = [_scrub_citation(c.to_dict(), r._known()) for c in ans.citations]
            except Exception as exc:  # noqa: BLE001
                log.warning("assistant failed: %s", type(exc).__name__)
                r.reasons.append("assistant_unavailable")
        no_answers = bool({"assistant_unavailable", "assistant_skipped"} & set(r.reasons))
        if lint_text and not no_answers:
            r.answerable = True  # every listed name got the guidance's verdict
        asks_for_decision = any(c in r.reasons for c in ("official_opinion", "approval", "meeting"))
        if asks_for_decision:
            r.answerable = (
                False  # an opinion, approval or meeting is a person's decision, not a guidance quote
            )
        if "attachment" in r.reasons and not questions and not lint_text:
            r.answerable = False  # no question in the text: what to answer is in the attachment
        if not r.answerable and r.topic != "out_of_scope" and not no_answers:
            r.reasons.append("not_answerable")
        if r.answerable and (answer_text or lint_text):
            r.draft_reply = compose_draft(
                answer_text=answer_text,
                citations=r.citations,
                lint=lint_text,
                known=r._known(),
                organisation=self._organisation,
            )

        r.reasons = list(dict.fromkeys(r.reasons))
        r.needs_human = any(c in HUMAN_REASONS for c in r.reasons)
        r.route = self._route(r)
        self._dates(r, msg)
        return r

    def _bank_evidence(self, assistant: Any, to_ask: list[str], subject: str, language: str) -> dict[str, float]:
        """Topic shares of the sections the question bank routes the subject and the first question to."""
        if assistant is None or not to_ask or not hasattr(assistant, "router"):
            return {}
        try:
            assistant.warm_up()
            router, vocabulary = assistant.router, assistant.vocabulary
            subj = _REPLY_PREFIX_RE.sub("", subject).strip()
            if language in ("en", "ru"):
                subj = to_latvian_query(subj, language)
            text = f"{subj}. {to_ask[0]}" if subj and _plain(subj) not in _plain(to_ask[0]) else to_ask[0]
            routes = router.run(parse_question(text, vocabulary), [], None, k=ROUTES_USED)
        except Exception as exc:  # noqa: BLE001 - the words still decide
            log.warning("section routing failed: %s", type(exc).__name__)
            return {}
        return section_evidence([(x.section.doc_id, x.section.title, x.score) for x in routes], self.topic_table)

    def _answer_routes(self, answer: Any) -> list[tuple[str, str, float]]:
        """(doc id, section title, score) of the sections an answer was routed to (its debug output)."""
        if not self._doc_ids:
            assistant = self.lazy.assistant()
            for sec in getattr(getattr(assistant, "router", None), "sections", []) or []:
                self._doc_ids[sec.doc] = sec.doc_id
        out = []
        for s in (getattr(answer, "debug", None) or {}).get("sections", []):
            doc_id = self._doc_ids.get(s.get("doc", ""))
            if doc_id:
                out.append((doc_id, s.get("section", ""), float(s.get("score", 0.0))))
        return out

    def _ask(self, assistant: Any, question: str) -> Any:
        """Ask once per distinct question in a batch (inboxes repeat questions; the naming fallback always)."""
        key = question.strip().lower()
        hit = self._answers.get(key)
        if hit is None:
            hit = assistant.ask(question)
            if len(self._answers) < 2048:
                self._answers[key] = hit
        return hit

    @staticmethod
    def _questions(
        language: str, subject: str, text: str, *, naming: bool, questions: list[str] | None = None
    ) -> list[str]:
        """What to ask the assistant, in order (the first answerable one is used)."""
        question = question_for_assistant(subject, text, questions=questions)
        if language in ("en", "ru"):
            # the guidance is Latvian: ask with the Latvian terms of the question (glossary)
            lv_query = to_latvian_query(question, language) or to_latvian_query(f"{subject} {text}", language)
            if lv_query:
                question = lv_query + "?"
        out = [question]
        # the subject is the sender's own summary of the question: the second try
        subj = _REPLY_PREFIX_RE.sub("", subject).strip()
        if language in ("en", "ru"):
            subj = to_latvian_query(subj, language)
        # (also when the question was built from the subject plus a body without a question: the subject
        # alone is the sender's summary, without the rest of the text diluting it)
        if len(subj.split()) >= 2 and _plain(subj) != _plain(question):
            out.append(subj)
        if naming:
            out.append(NAMING_QUESTION)
        return out

    @staticmethod
    def _route(r: TriageResult) -> str:
        reasons = set(r.reasons)
        if "injection_suspected" in reasons:
            return "security"
        if r.topic == "out_of_scope":
            return "redirect"
        if reasons & {"official_opinion", "approval", "meeting"}:
            return "complex"
        if r.needs_human:
            return "review"
        return "answer"

    # -------------------------------------------------------------- many
    def run(
        self, messages: Iterable[Message], *, progress: Callable[[int], None] | None = None
    ) -> list[TriageResult]:
        out = []
        for msg in messages:
            out.append(self.triage(msg))
            if progress is not None:
                progress(1)
        return out


# a closing line: thanks on its own line, after which only the signature follows
_CLOSING_LINE_RE = re.compile(
    r"^\s*(?:liels paldies|paldies jau iepriekš|paldies iepriekš|paldies|paldies jums|ar cieņu|ar cienu|thank you|"
    r"thanks|many thanks|thank you in advance|regards|best regards|спасибо|с уважением)\s*[.!,]*\s*$",
    re.IGNORECASE,
)
SIGNATURE_MAX_LINES = 6


def without_closing(text: str) -> str:
    """The text up to a closing line ("Paldies," on its own) that only a short signature follows.

    A signature names the writer's unit ("Klientu apkalpošanas daļa", "Kvalitātes vadības nodaļa"): words of the
    topic vocabulary that say who writes, not what they ask.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if i and _CLOSING_LINE_RE.match(line):
            rest = [ln for ln in lines[i + 1 :] if ln.strip()]
            if len(rest) <= SIGNATURE_MAX_LINES and all(len(ln.split()) <= 10 for ln in rest):
                return "\n".join(lines[:i]).rstrip()
    return text


def _without_quotes(body: str) -> str:
    """A body without the quoted lines of earlier mail ("> ...")."""
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith(">"))


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _scrub_citation(c: dict[str, Any], known: list[str] | None = None) -> dict[str, Any]:
    c = dict(c)
    for key in ("text", "quote", "section_text"):
        if isinstance(c.get(key), str):
            c[key] = scrub(c[key], known)
    return c


def triage_messages(
    messages: Iterable[Message],
    settings: Settings,
    *,
    progress: Callable[[int], None] | None = None,
    redact_output: bool = True,
    use_assistant: bool = True,
    use_linter: bool = True,
    today: dt.date | None = None,
) -> list[TriageResult]:
    """Triage messages in order (one result per message, errors included)."""
    pipeline = TriagePipeline(
        settings, redact_output=redact_output, use_assistant=use_assistant, use_linter=use_linter, today=today
    )
    return pipeline.run(messages, progress=progress)
