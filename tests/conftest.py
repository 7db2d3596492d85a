from pathlib import Path

import pytest

import tidings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED1 = EXAMPLES / "000_6023eaf322788e67.txt"
SEED2 = EXAMPLES / "003_53981a5ae1c261a5.txt"


def code(text, published="2024-12-06T04:00:00+09:00", **kw):
    """Events of a short text, published on the first seed's date unless said otherwise."""
    return tidings.code_text(text, published=published, **kw)


def codes(entities):
    return sorted((e.code for e in entities), key=str)


def find(events, event_type, *, actor=None, recipient=None):
    """Events of one type, optionally with an actor / recipient code among their parties."""
    out = [e for e in events if e.event == event_type]
    if actor is not None:
        out = [e for e in out if actor in codes(e.actor)]
    if recipient is not None:
        out = [e for e in out if recipient in codes(e.recipient)]
    return out


@pytest.fixture(scope="session")
def seed_results():
    results = list(tidings.code_paths([EXAMPLES]))
    return {r.document.id: r for r in results}
