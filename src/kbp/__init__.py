"""kbp: Knowledge Base Population from a reference KB and a stream of documents."""

from kbp.errors import InputError, KBPError
from kbp.types import Document, Entity, Fact, KBEntry, Link, Mention, OffsetMap, Provenance

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Entity",
    "Fact",
    "InputError",
    "KBEntry",
    "KBPError",
    "Link",
    "Mention",
    "OffsetMap",
    "Provenance",
    "__version__",
]
