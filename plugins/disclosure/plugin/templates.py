"""Compiled templates shared by every generator's Jinja environment (each generator has its own),
so base.html and the components compile once per process; Jinja checks each source's checksum.

The environments do not look for changed templates (``AUTO_RELOAD``): by default Jinja reads the
time of a template's file each time a page uses it, on every import of a component, about twenty a
page. A build's templates do not change while it runs, and the preview builds in full, with new
environments, when the theme changes (``tools.live``)."""

from jinja2 import BytecodeCache


class SharedTemplateCache(BytecodeCache):
    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()
AUTO_RELOAD = False
