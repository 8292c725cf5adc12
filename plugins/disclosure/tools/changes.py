"""What the preview's watcher waits on between two looks at the files (``preview.source_state``).

On Linux, the kernel says when a file under the watched folders has been written and closed, moved
or deleted (inotify, through ctypes: nothing to install), so a save is seen at once instead of at the
next poll. Elsewhere, or when inotify cannot be had, the wait is a plain sleep. Either way it is only a
hint: what changed is always found by looking at the files.
"""

import ctypes
import os
import select
import struct
import sys
import time

IN_ATTRIB, IN_CLOSE_WRITE, IN_MOVED_FROM, IN_MOVED_TO = 0x4, 0x8, 0x40, 0x80
IN_CREATE, IN_DELETE, IN_DELETE_SELF, IN_ISDIR = 0x100, 0x200, 0x400, 0x40000000
# Not IN_MODIFY: a file being written would be seen half written.
WATCHED_EVENTS = IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_DELETE_SELF
IN_NONBLOCK, IN_CLOEXEC = 0o4000, 0o2000000
EVENT_HEAD = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name


class FileChanges:
    """``wait(seconds)``: True as soon as a watched file changes, False when the time runs out.
    ``notifying``: whether the system says when files change (else ``wait`` only sleeps)."""

    def __init__(self, roots):
        self.roots, self.fd, self.libc = [str(root) for root in roots], None, None
        if sys.platform.startswith("linux"):
            try:
                self.libc = ctypes.CDLL(None, use_errno=True)
                fd = self.libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
            except (OSError, AttributeError):
                fd = -1
            if fd >= 0:
                self.fd = fd
                self._watch_folders()

    def _watch_folders(self):
        """Every folder under the roots (adding one twice keeps the first watch)."""
        for root in self.roots:
            folders = [root] if os.path.isdir(root) else [os.path.dirname(root) or "."]
            if os.path.isdir(root):
                folders += [os.path.join(folder, name) for folder, names, _ in os.walk(root) for name in names]
            for folder in folders:
                self.libc.inotify_add_watch(self.fd, os.fsencode(folder), WATCHED_EVENTS)

    @property
    def notifying(self):
        return self.fd is not None

    def wait(self, seconds):
        if self.fd is None:
            time.sleep(seconds)  # not select() with no files: Windows refuses that
            return False
        if not select.select([self.fd], [], [], seconds)[0]:
            return False
        new_folder = False
        while True:  # read every event there is, so the next wait waits for a new one
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            offset = 0
            while offset < len(data):
                _, mask, _, length = EVENT_HEAD.unpack_from(data, offset)
                new_folder |= bool(mask & IN_ISDIR and mask & (IN_CREATE | IN_MOVED_TO))
                offset += EVENT_HEAD.size + length
        if new_folder:
            self._watch_folders()
        return True

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
