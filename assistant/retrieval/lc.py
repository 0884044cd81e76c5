"""The hybrid retriever as a langchain ``BaseRetriever``.

Example:
    docs = get_retriever(settings).as_langchain().invoke("kas ir e-pakalpojums")
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever


class PaligsLangchainRetriever(BaseRetriever):
    """Wraps :class:`~assistant.retrieval.hybrid.HybridRetriever`; metadata carries doc, chunk_id, section, score."""

    hybrid: Any
    k: int = 10

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        out = []
        for h in self.hybrid.run(query, top_k=self.k):
            meta = h.to_dict()
            text = meta.pop("text")
            out.append(LCDocument(page_content=text, metadata=meta))
        return out
