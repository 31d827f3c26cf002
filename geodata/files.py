"""Replacing a file all at once: the mechanism every writer of the product uses.

`replaced_file(target, mode)` writes a temporary file beside the target, fsyncs it and
renames it over the target: a reader sees the old file or the new one, never half of one.
On any error the temporary file is removed and the target is left as it was. Which files
may be replaced, and what a user is told when it fails, is the caller's (geodata.cache for
its own files, incidents.formats.files for the exports a user names).
"""

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geodata import GeodataError

TEMPORARY_SUFFIX = ".part"  # the temporary file: f".{name}.{random}.part", in the target's folder


class FileWriteError(GeodataError, OSError):
    """The writing itself failed (no temporary file could be made, the disk is full, the
    rename was refused); the message says why, without the target's name."""


@contextlib.contextmanager
def replaced_file(
    target: str | Path, mode: str = "wb", *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[IO]:
    """An open file ("w" text, "wb" bytes) that becomes `target` when the block ends
    without an error. A file it replaces keeps its permissions; a new one gets what the
    umask gives any new file.

    An OSError of the writing itself (one that names no other file) is raised as
    `FileWriteError`; anything else the block raises is raised as it was. Either way no
    temporary file is left and the old target is intact.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"replaced_file mode {mode!r}: use 'w' or 'wb'")
    target = Path(target)
    try:
        previous_mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        previous_mode = None
    handle, temporary = _create_temporary(target)
    try:
        text = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        try:
            opened = open(handle, mode, **text)
        except BaseException:
            os.close(handle)
            raise
        with opened as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if previous_mode is not None:
            os.chmod(temporary, previous_mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, FileWriteError):
            if exc.filename in (None, temporary):
                raise FileWriteError(str(exc.strerror or exc)) from exc
        raise
    _sync_folder(target.parent)


def _create_temporary(target: Path) -> tuple[int, str]:
    # os.open with 0o666, not mkstemp's 0o600: a new file gets the permissions the
    # user's umask gives any file they write (an export is usually for sharing).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
        try:
            return os.open(temporary, flags, 0o666), str(temporary)
        except FileExistsError:
            continue
        except OSError as exc:
            raise FileWriteError(f"{exc.strerror or exc} in {target.parent}") from None
    raise FileWriteError(f"no free temporary file name in {target.parent}")


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder is synced; not every system can (best effort).
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
