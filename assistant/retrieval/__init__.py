"""Retrievers: lexical (BM25 over Latvian stems), dense (e5 vectors in Chroma), hybrid (fusion)."""

from .dense import DenseRetriever
from .hybrid import HybridRetriever, check_query, combsum, rrf
from .lexical import LexicalRetriever

__all__ = ["DenseRetriever", "HybridRetriever", "LexicalRetriever", "check_query", "combsum", "rrf"]
