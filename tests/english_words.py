"""English words that must not appear where staff read Latvian (the web app, its downloads, Latvian rule docs).

Words that are also Latvian ("to", "no", "par", "un", "kas", "ID") are left out on purpose. Quoted user text and file
or rule identifiers are the callers' business to strip before checking.
"""

from __future__ import annotations

import re

ENGLISH_WORDS = frozenset(
    """
    the is and of with this that for are be should name names service services not or by its an was which when
    fix automatic suggestion suggestions example use instead why bad how words counted rule word only missing valid
    invalid error errors warning warnings info true false none null download upload drop file files click here
    loading submit settings search table copy copied clear fullscreen conversation chatbot row rows column columns
    sort filter ascending descending yes needs human review verdict findings finding group portfolio message
    subject body topic confidence language reasons route received due draft reply citations attachments sender
    redacted answerable personal injection suspected checked names_checked low_confidence not_answerable
    citizen_redirect service_concept service_naming out_of_scope rating comment question answer time mode
    like dislike retry undo edit cancel remove share built gradio api close open document documents source sources
    status index build rebuild chunks model help new chat previous next page of empty select add delete
    """.split()
)
_WORD = re.compile(r"[^\W\d]+")  # whole words, Latvian letters included ("uzturēšanas" is not "an")


def english_words_in(text: str) -> list[str]:
    """The English words of ``text`` (lower-cased, in order of appearance, each once)."""
    found: dict[str, None] = {}
    for w in _WORD.findall(text or ""):
        if w.lower() in ENGLISH_WORDS:
            found.setdefault(w.lower(), None)
    return list(found)
