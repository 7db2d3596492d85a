"""tidings: raw news in, explainable PLOVER political event data out.

    >>> import tidings
    >>> events = tidings.code_text("Japan and Sweden condemned North Korea's missile program.",
    ...                            published="2024-12-06")
    >>> events[0].event, [a.code for a in events[0].actor], [r.code for r in events[0].recipient]
    ('ACCUSE', ['JPN', 'SWE'], ['PRK'])

``code_text`` codes one article; ``code_documents`` streams many (strings,
dicts with ``text``/``title``/``published``/``url``, or :class:`Document`);
``code_paths`` reads files and folders; ``workers=N`` codes in N processes; ``actors=[FILE]`` adds
your own actor files; ``resolve_actors`` runs the actor stage alone. Every :class:`Event` has
``to_json()`` giving its PLOVER record. :class:`Store` is the DuckDB event store: reports of one event
from several articles merged, dyad timelines, exports, all as pandas DataFrames.
"""

__version__ = "0.1.0"  # before the imports: modules read it

from .formats import plover_record, to_csv
from .knowledge import load_knowledge
from .pipeline import CodedDocument, WorkerError, code_documents, code_paths, code_text, resolve_actors
from .records import CodingError, Document, Entity, Event, Mention, Place
from .store import Store, StoreError

__all__ = [
    "code_text", "code_documents", "code_paths", "resolve_actors", "load_knowledge", "plover_record", "to_csv",
    "CodedDocument", "CodingError", "WorkerError", "Document", "Entity", "Event", "Mention", "Place", "Store",
    "StoreError", "__version__",
]
