"""Writing an output file the user named: only a regular file, and all at once.

`check_output_target(path)` refuses what cannot or should not be replaced by an export
(a directory, a named pipe, a device such as /dev/null, a socket, a symlink to one of
those, a read-only file, a missing folder) with an `OutputError` that names the path and
the problem. `atomic_write(path, mode)` writes a temporary file beside the target, fsyncs
it and renames it over the target: a reader sees the old file or the new one, never half
of one; on any error the temporary file is removed and the old target is left as it was.
The mechanism is geodata's (`geodata.files`), which writes its cache files the same way;
what is checked and said here is the user's side of it.
"""

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geodata.files import FileWriteError, replaced_file
from incidents import IncidentError


class OutputError(IncidentError):
    """An output file that cannot be written: the message names the path and the problem."""


def check_output_target(path: str | Path) -> Path:
    """The file to replace for `path` (a symlink to a regular file is followed, so the
    link stays a link), or `OutputError` if `path` is not a writable regular file or a
    new file in an existing, writable folder."""
    path = Path(path)
    target = Path(os.path.realpath(path))
    linked = f"it links to {target}, which is" if path.is_symlink() else "it is"
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if status is not None:
        kind = _kind(status.st_mode)
        if kind:
            raise OutputError(f"cannot write {path}: {linked} {kind}, not a regular file; name a file")
        # The mode bits, not os.access: root may write anything, yet a file without a
        # write bit is one the user marked read-only.
        if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise OutputError(
                f"cannot write {path}: {linked} read-only; make it writable (chmod u+w) or name another file"
            )
    folder = target.parent if path.is_symlink() else path.parent  # as the user named it
    if not folder.exists():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: no permission to write in {folder}")
    return target


@contextlib.contextmanager
def atomic_write(
    path: str | Path, mode: str = "w", *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[IO]:
    """An open file ("w" text, "wb" bytes) that becomes `path` only when the block ends
    without an error; the target is checked first (see `check_output_target`), and written
    through `geodata.files.replaced_file`.

    An OSError of the writing itself (disk full, file too large, the rename: one that
    names no other file) is raised as `OutputError` naming `path`; anything else the block raises is
    raised as it was. Either way no temporary file is left and the old target is intact.
    """
    target = check_output_target(path)
    try:
        with replaced_file(target, mode, encoding=encoding, newline=newline) as out:
            yield out
    except FileWriteError as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
