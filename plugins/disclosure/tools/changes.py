"""What the preview's watcher waits on between two looks at the files (``preview.source_state``).

On Linux, the kernel says which file under the watched folders has been written and closed, moved
or deleted (inotify, through ctypes: nothing to install), so a save is seen at once, and only that
file is looked at again. When it cannot say which (a folder came or went, its queue overflowed), or
elsewhere, where the wait is a plain sleep, every file is looked at.
"""

import ctypes
import os
import select
import struct
import sys
import time

IN_ATTRIB, IN_CLOSE_WRITE, IN_MOVED_FROM, IN_MOVED_TO = 0x4, 0x8, 0x40, 0x80
IN_CREATE, IN_DELETE, IN_DELETE_SELF, IN_ISDIR = 0x100, 0x200, 0x400, 0x40000000
IN_Q_OVERFLOW, IN_IGNORED = 0x4000, 0x8000  # events were lost; a folder is no longer watched
UNNAMED = IN_ISDIR | IN_DELETE_SELF | IN_Q_OVERFLOW | IN_IGNORED  # events after which every file is looked at
# Not IN_MODIFY: a file being written would be seen half written.
WATCHED_EVENTS = IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_DELETE_SELF
IN_NONBLOCK, IN_CLOEXEC = 0o4000, 0o2000000
EVENT_HEAD = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name


class FileChanges:
    """``wait(seconds)``: as soon as watched files change, their paths; an empty set when the time
    runs out and nothing changed; None when the files changed may be any (look at them all)."""

    def __init__(self, roots):
        self.roots, self.fd, self.libc = [str(root) for root in roots], None, None
        self.folders = {}  # watch descriptor → the folder it watches
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
                watch = self.libc.inotify_add_watch(self.fd, os.fsencode(folder), WATCHED_EVENTS)
                if watch >= 0:
                    self.folders[watch] = folder

    def wait(self, seconds):
        if self.fd is None:
            time.sleep(seconds)  # not select() with no files: Windows refuses that
            return None
        if not select.select([self.fd], [], [], seconds)[0]:
            return set()
        paths, unnamed = set(), False
        while True:  # read every event there is, so the next wait waits for a new one
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            offset = 0
            while offset < len(data):
                watch, mask, _, length = EVENT_HEAD.unpack_from(data, offset)
                name = data[offset + EVENT_HEAD.size:offset + EVENT_HEAD.size + length].rstrip(b"\0")
                offset += EVENT_HEAD.size + length
                folder = self.folders.get(watch)
                if mask & UNNAMED or folder is None or not name:
                    unnamed = True
                else:
                    paths.add(os.path.join(folder, os.fsdecode(name)))
        if unnamed:
            self._watch_folders()  # a folder may have come
            return None
        return paths

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
