"""Which rules a run switched off (``--disable-rule``), for the vetoes and filters to ask.

Producers are switched off by dropping what they made (``pipeline.extract._without``); a veto or a
filter must not act at all, so each asks ``on(its id)`` where it would drop or reject something.
The set travels in a context variable: set once around a batch (or one ``extract`` call), it
reaches every stage without a parameter threaded through each rule function, and threads or
concurrent batches do not see each other's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_OFF: ContextVar[frozenset[str]] = ContextVar("rules_switched_off", default=frozenset())


def on(rule_id: str) -> bool:
    """False when the current run switched ``rule_id`` off."""
    return rule_id not in _OFF.get()


@contextmanager
def off(rule_ids: Iterable[str]) -> Iterator[None]:
    """Within the block, ``on(id)`` is False for each of ``rule_ids`` (added to those already off)."""
    token = _OFF.set(_OFF.get() | frozenset(rule_ids))
    try:
        yield
    finally:
        _OFF.reset(token)
