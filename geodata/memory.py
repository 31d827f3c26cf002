"""Pausing the cyclic garbage collector while millions of lasting objects are made."""

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Reading GeoNames, building or loading the index, building or writing an import batch:
    each makes millions of dicts, lists and tuples that all stay alive, and the collector
    would rescan them every few thousand allocations and free nothing (a third to a half
    of the time). Reference counting still frees as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
