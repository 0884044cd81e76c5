"""Topics written from the guidance's own sections, and a message's sections as evidence of its topic.

The answer path routes a question to the sections of the guidance that answer it (question bank, BM25, e5). The
section a message's question routes to says what the message is about: ``topics.toml`` maps every section of the
question bank to its topic (and the topic it also speaks about), written from the documents and reviewed like
code. :func:`section_evidence` turns a message's routed sections into a share per topic.

Example:
    table = topic_table()
    table.of_section("002", "Pakalpojumu pārvaldības līmeņi")   # ("management_tasks", "roles_governance")
    section_evidence([("002", "Pakalpojuma saimnieks un vadītājs", 4.2)], table)   # {"roles_governance": 1.0}
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TOPICS_FILE = Path(__file__).with_name("topics.toml")
# how much a section's second topic counts next to its first
SECOND_TOPIC_SHARE = 0.35
# sections of a route that count (best first); further ones are mostly noise
ROUTES_USED = 3

_SPLIT_SUFFIX_RE = re.compile(r"\s+\(\d+\)$")  # "Uzdevumu savstarpējās atkarības (2)": a long section split in two


@dataclass(frozen=True)
class TopicDef:
    """One topic as staff see it: a Latvian title, what it covers and where the neighbouring topics begin."""

    code: str
    title: str
    definition: str
    boundary: str = ""
    sections: tuple[str, ...] = ()


@dataclass
class TopicTable:
    """The topics and the section → topic table of ``topics.toml``."""

    topics: dict[str, TopicDef] = field(default_factory=dict)
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "doc id/title" -> (topic, second, ...)
    documents: dict[str, str] = field(default_factory=dict)  # doc id -> topic of its untitled sections

    def of_section(self, doc_id: str, title: str) -> tuple[str, ...]:
        """The topics a section is about (first, then the one it also speaks about); () when unknown."""
        hit = self.sections.get(f"{doc_id}/{title}")
        if hit is None:
            hit = self.sections.get(f"{doc_id}/{_SPLIT_SUFFIX_RE.sub('', title)}")
        if hit is None:
            doc_topic = self.documents.get(doc_id)
            return (doc_topic,) if doc_topic else ()
        return hit

    def problems(self, sections: Iterable[tuple[str, str]]) -> list[str]:
        """What does not fit: table rows that name no section, sections without a topic (Latvian / English).

        ``sections``: (doc id, title) of the question bank's entries."""
        known = {f"{d}/{t}" for d, t in sections}
        out = [
            f"tēmu tabulā ir sadaļa, kuras nav jautājumu bankā: {key} / the topic table names a section that is not in the bank"
            for key in self.sections
            if key not in known
        ]
        out += [
            f"sadaļai nav tēmas: {key} / the section has no topic" for key in sorted(known) if key not in self.sections
        ]
        return out


def _parse(data: dict) -> TopicTable:
    table = TopicTable()
    for code, d in data.get("topics", {}).items():
        table.topics[code] = TopicDef(
            code=code,
            title=str(d.get("title", code)),
            definition=" ".join(str(d.get("definition", "")).split()),
            boundary=" ".join(str(d.get("not", "")).split()),
            sections=tuple(d.get("sections", ())),
        )
    for key, value in data.get("sections", {}).items():
        topics = (value,) if isinstance(value, str) else tuple(value)
        unknown = [t for t in topics if t not in table.topics]
        if unknown or not topics:
            raise ValueError(f"topics.toml: section {key!r} names unknown topics {unknown}")
        table.sections[key] = topics
    for doc, topic in data.get("documents", {}).items():
        if topic not in table.topics:
            raise ValueError(f"topics.toml: document {doc!r} names an unknown topic {topic!r}")
        table.documents[str(doc)] = topic
    for code, t in table.topics.items():
        missing = [s for s in t.sections if s not in table.sections]
        if missing:
            raise ValueError(f"topics.toml: topic {code!r} cites sections not in the table: {missing}")
    return table


@lru_cache(maxsize=4)
def topic_table(path: Path = TOPICS_FILE) -> TopicTable:
    """The table of ``path`` (read once per process)."""
    with open(path, "rb") as fh:
        return _parse(tomllib.load(fh))


def section_evidence(
    routes: Sequence[tuple[str, str, float]],
    table: TopicTable,
    *,
    k: int = ROUTES_USED,
    second: float = SECOND_TOPIC_SHARE,
) -> dict[str, float]:
    """Each topic's share of a message's routed sections: ``routes`` are (doc id, section title, score), best first.

    The best ``k`` sections vote with their scores; a section's second topic gets ``second`` of its vote. The shares
    add up to 1 (an empty dict when nothing was routed).
    """
    votes: dict[str, float] = {}
    used = [r for r in routes[:k] if r[2] > 0]
    for doc_id, title, score in used:
        topics = table.of_section(doc_id, title)
        for i, t in enumerate(topics[:2]):
            votes[t] = votes.get(t, 0.0) + score * (1.0 if i == 0 else second)
    total = sum(votes.values())
    return {t: v / total for t, v in votes.items()} if total > 0 else {}


__all__ = ["TOPICS_FILE", "TopicDef", "TopicTable", "section_evidence", "topic_table"]
