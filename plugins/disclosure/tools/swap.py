"""Putting a new tree in place of an old one, so that the old one is never missing, not even for an
instant: Linux ``renameat2`` exchanges the two in one step. Elsewhere two renames, the old tree kept
beside the new one as ``<staging>-old`` until the second is done (``build.remove_stale`` puts it back
if the process dies between them)."""

import ctypes
import errno
import os
import shutil

OLD_SUFFIX = "-old"  # the previous tree while a swap without renameat2 is under way
RENAME_EXCHANGE, AT_FDCWD = 2, -100
UNSUPPORTED = (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP)


def swap(staging, target):
    """Put staging in target's place; target is never missing, not even for an instant."""
    if not target.exists():
        staging.rename(target)
    elif not _exchange(staging, target):
        # Without renameat2, two renames: the old tree stays until the new one is in place, and
        # remove_stale puts it back if this process dies between them.
        old = staging.with_name(staging.name + OLD_SUFFIX)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old)
    # After an exchange the old tree sits at staging, which the caller removes.


def _exchange(first, second):
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))
