"""Reading one content or data file: UTF-8 text, front matter and YAML with line numbers.

YAML is parsed once with the C loader, by the YAML 1.2 rules of the web editor (``yaml12``):
``yes``, ``on``, ``09:30`` and ``10:30`` are text (YAML 1.1 made ``10:30`` the base-60 integer
630, so a 转载's time would change meaning with the hour). Dates stay strings here, so a bad date such as
``2020-13-01`` becomes a schema error with a line number instead of a constructor exception;
``schema`` turns valid dates into ``date`` objects.

Hostile or careless YAML is refused before it is built into Python values: control
characters (Word's manual line break U+000B), nesting deeper than ``MAX_DEPTH``, duplicate
keys (YAML would keep the last one silently), keys that are not text, ``.nan``/``.inf``,
and anchors and aliases (``&``/``*``): refused in front matter, and in data files bounded
to ``MAX_NODES`` once expanded, so an alias bomb cannot take minutes and gigabytes.
"""

import hashlib
import math
import os
import re
from dataclasses import dataclass, field

import yaml

from . import yaml12

FRONT_MATTER_FENCE = "---"
YAML_PROBLEMS = (
    ("expected ',' or ']'", "方括号 [ ] 没有成对闭合，或列表项之间缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有成对闭合，或字段之间缺少逗号"),
    ("mapping values are not allowed", "这里不应出现“: ”；如果值本身含有冒号，请给整个值加上引号"),
    ("cannot start any token", "出现了不能使用的字符（例如 Tab 或 @）：缩进请用空格，特殊字符开头的值请加引号"),
    ("could not find expected ':'", "缺少“字段: 值”中的冒号，或冒号后缺少空格"),
    ("found unexpected end of stream", "引号没有成对"),
    ("expected <block end>", "缩进不一致：同一层的字段要对齐"),
    ("did not find expected key", "缩进不一致：同一层的字段要对齐"),
    ("did not find expected '-' indicator", "列表的缩进不一致：每一项都应以对齐的“- ”开头"),
    ("found duplicate anchor", "重复的锚点（&）"),
)
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseParser = getattr(yaml, "CParser", None)
MAX_DEPTH = 20  # levels of nesting; the deepest real file (taxonomy topics) needs 5
MAX_NODES = 200_000  # values in one data file once its aliases are expanded
SCAN_LENGTH = 10_000  # a text this short cannot nest deep enough to exhaust the C parser's stack
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
CONTROL_NAMES = {0x0B: "Word 的手动换行符", 0x0C: "分页符", 0x00: "空字符", 0x2028: "行分隔符", 0x2029: "段落分隔符"}
KEY_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int")
FLOAT_TAG = "tag:yaml.org,2002:float"


class _Loader(_BaseLoader):
    pass


yaml12.use_core_schema(_Loader)  # YAML 1.2, as the web editor reads and writes: ``yes`` and ``09:30`` are text


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass
class Source:
    """A parsed file: its data, the line of every key path, and its Markdown body."""

    path: str
    data: object
    lines: dict
    body: str = ""
    body_line: int = 1
    # What later stages find in the body, kept with it: the preview keeps a file's Source while its
    # bytes stay the same, so a reload does not look again.
    found: dict = field(default_factory=dict, repr=False, compare=False)

    def let_go(self):
        """For a build that loads once: nothing reads the body, the lines or the findings once the
        bodies are rendered, and the build would hold them to its end (about 6 KB a document)."""
        self.body = self.lines = self.found = None

    def line(self, *keys):
        """The line of the deepest known key path, falling back towards the root."""
        keys = tuple(keys)
        while keys and keys not in self.lines:
            keys = keys[:-1]
        return self.lines.get(keys, 1)


class SourceError(Exception):
    def __init__(self, line, field, message):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def display_path(path):
    """How reports name a file: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def read_text(path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            line, "", "文件不是 UTF-8 编码。请在编辑器中以 UTF-8 编码另存此文件。"
        ) from None
    check_characters(text)
    return text


def check_characters(text, first_line=1):
    """Refuse invisible control characters: they break feeds, line numbers and screen readers."""
    found = CONTROL_CHARACTER.search(text)
    if found:
        code = ord(found.group())
        name = CONTROL_NAMES.get(code, "控制字符")
        line = first_line + text.count("\n", 0, found.start())
        raise SourceError(line, "", f"有一个看不见的{name}（U+{code:04X}），常见于从 Word 或网页复制的文字："
                                    "请删除它；需要换行时直接另起一行。")


def field_label(path):
    """``("attachments", 0, "file")`` → ``attachments[0].file``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text, first_line=1, aliases=False):
    """Parse YAML text into (data, lines); lines maps key paths to 1-based lines.

    ``aliases`` allows anchors and aliases (data files), bounded by ``MAX_NODES``.
    """
    if len(text) > SCAN_LENGTH:
        _check_depth(text, first_line)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines = {}
        if node is not None:
            _check_nodes(node, first_line, lines, aliases)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = first_line + (mark.line if mark else 0)
        raise SourceError(line, "", f"YAML 语法错误：{_yaml_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise SourceError(first_line, "", f"YAML 语法错误：{exc}") from None
    finally:
        loader.dispose()
    return data, lines


def _too_deep(line):
    return SourceError(line, "", f"嵌套超过 {MAX_DEPTH} 层：请检查缩进和括号，内容应写成简单的“字段: 值”和列表。")


def _check_depth(text, first_line):
    """Nesting depth from the event stream, before the parser builds (recursively) a tree of it."""
    parser = _BaseParser(text) if _BaseParser else yaml.SafeLoader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(first_line + event.start_mark.line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # the parse proper reports it with its line
    finally:
        parser.dispose()


def _check_nodes(root, first_line, lines, aliases):
    """Walk the node graph once, without recursion: record the line of every key path and refuse
    what would be lost or explode when built (see the module's docstring)."""
    on_path, done, sizes = set(), set(), {}
    total = 0
    stack = [(False, root, (), 0, first_line + root.start_mark.line)]
    while stack:
        leaving, node, path, depth, line = stack.pop()
        if leaving:
            on_path.discard(id(node))
            done.add(id(node))
            continue
        field = field_label(path)
        if id(node) in on_path:
            raise SourceError(line, field, "别名（*）引用了包含它自己的锚点（&），形成了循环：请把内容直接写出来。")
        if id(node) in done:
            if path and isinstance(path[-1], int):
                line = lines.get(path[:-1], line)  # an alias item: the line of its list, not of the anchor
            if not aliases:
                raise SourceError(line, field, "这里不能使用锚点和别名（& 和 *）：请把内容直接写出来。")
            total += _expanded_size(node, sizes)
            if total > MAX_NODES:
                raise SourceError(line, field, f"别名（*）展开后超过 {MAX_NODES} 个值：请把内容直接写出来，不要层层引用锚点。")
            continue
        total += 1
        if depth > MAX_DEPTH:
            raise _too_deep(line)
        lines.setdefault(path, line)
        on_path.add(id(node))
        stack.append((True, node, path, depth, line))
        if isinstance(node, yaml.MappingNode):
            stack.extend(reversed(list(_mapping_children(node, path, depth, first_line, lines))))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((False, item, path + (n,), depth + 1, first_line + item.start_mark.line)
                         for n, item in reversed(list(enumerate(node.value))))
        elif node.tag == FLOAT_TAG and not _finite(node.value):
            raise SourceError(line, field, f"“{node.value}”不是有效的数值：请写具体的数字，没有数值就不写这一项。")


def _finite(text):
    if yaml12.NON_FINITE.match(text):
        return False
    try:
        return math.isfinite(float(text.replace("_", "")))
    except ValueError:
        return True  # a form float() does not read (60-based 1:30.5): finite by construction


def _mapping_children(node, path, depth, first_line, lines):
    seen = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in KEY_TAGS:
            shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "（列表或结构）"
            raise SourceError(line, field_label(path), f"字段名“{shown}”无效：字段名应为文字，例如 title；"
                                                       "以 ?、[ 或 { 开头的字段名和空字段名都不能用。")
        name = key_node.value
        if name in seen:
            raise SourceError(line, field_label(path + (name,)),
                              f"字段“{name}”重复：第 {seen[name]} 行已经写过。YAML 只保留最后一个，请删除或合并其中一个。")
        seen[name] = line
        lines[path + (name,)] = line
        yield False, value_node, path + (name,), depth + 1, line


def _expanded_size(root, sizes):
    """How many values a node stands for once every alias below it is expanded (memoised)."""
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children = ([value for pair in node.value for value in pair] if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        if ready:
            sizes[id(node)] = min(MAX_NODES + 1, 1 + sum(sizes.get(id(child), 0) for child in children))
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _yaml_problem(exc):
    """PyYAML's English problem, in words a clerk can act on."""
    problem = str(exc.problem or "")
    for english, chinese in YAML_PROBLEMS:
        if english in problem:
            return chinese
    return f"{problem}。请检查缩进、冒号后的空格和引号是否成对"


def check_key(checked, path, *names):
    """``(*names, digest)`` for the SHA-1 of a file's bytes: the key of a kept check of those bytes in
    ``checked`` (the preview's, kept between loads). The bytes are read again only when the file's
    modification time or size changed, as the preview's watcher notices a change; then the check of
    its earlier bytes is dropped. None for a file that cannot be read: it is checked every time,
    which reports it."""
    try:
        info = os.stat(path)
        stamp, seen = (info.st_mtime_ns, info.st_size), checked.get(("stat", str(path)))
        if seen is None or seen[0] != stamp:
            if seen is not None:
                checked.pop((*names, seen[1]), None)
            with open(path, "rb") as file:
                seen = checked[("stat", str(path))] = stamp, hashlib.sha1(file.read()).digest()
    except OSError:
        return None
    return (*names, seen[1])


def read_data_file(path, display_path):
    data, lines = parse_yaml(read_text(path), aliases=True)
    return Source(display_path, data, lines)


def read_markdown(path, display_path):
    """Split a Markdown file into front matter (parsed) and body."""
    text = read_text(path)
    head, _, rest = text.partition("\n")
    if head.strip() != FRONT_MATTER_FENCE:
        raise SourceError(1, "", "文件开头缺少 front matter：第一行应为 ---，然后是 YAML 字段，再以 --- 结束。")
    body_start = None
    offset = 0
    for number, line in enumerate(rest.split("\n"), start=2):
        if line.rstrip() == FRONT_MATTER_FENCE:
            body_start = number
            break
        offset += len(line) + 1
    if body_start is None:
        raise SourceError(1, "", "front matter 没有结束：请在字段之后单独加一行 ---。")
    front = rest[:offset]
    body = rest[offset:].partition("\n")[2]
    data, lines = parse_yaml(front, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(2, "", "front matter 应为“字段: 值”的形式。")
    return Source(display_path, data, lines, body, body_start + 1)
