"""YAML 1.2 for PyYAML's loaders: plain scalars resolve as the web editor reads and writes them.

PyYAML follows YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans, ``10:30`` is the
base-60 integer 630, ``0123`` is octal and ``1_000`` a thousand. The web editor (Decap CMS) reads
and writes YAML 1.2 with the JavaScript ``yaml`` library's core schema, where all of those are
text; it writes a keyword ``yes`` or a time ``09:30`` without quotes, because to it they need
none. Reading every file with the same rules means a file means the same thing to the editor,
to ``invoke check`` and to the build, whoever wrote it.

The resolvers below are the core schema as that library has it (``.inf`` and ``.nan`` in any
case); YAML 1.2 has no timestamps and no merge keys, so dates stay text (``model.schema`` turns
the valid ones into dates) and ``<<`` is an ordinary key.
"""

import re

NULL, BOOL, INT, FLOAT = (f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))
DIGITS = list("0123456789")
CORE_RESOLVERS = (  # (tag, pattern, first characters)
    (NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    (BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    (INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), ["-", "+", *DIGITS]),
    (FLOAT, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?i:inf)|\.(?i:nan))$"),
     ["-", "+", ".", *DIGITS]),
)
NON_FINITE = re.compile(r"^[-+]?\.(?:inf|nan)$", re.IGNORECASE)


def construct_int(loader, node):
    """``0o17`` and ``0x1F`` in their bases; any other digits in base 10 (``0591`` is 591, not octal)."""
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def use_core_schema(loader_class):
    """Make a loader class resolve plain scalars by the YAML 1.2 core schema (and nothing else)."""
    loader_class.yaml_implicit_resolvers = {}
    for tag, pattern, first in CORE_RESOLVERS:
        loader_class.add_implicit_resolver(tag, pattern, first)
    loader_class.add_constructor(INT, construct_int)
    return loader_class
