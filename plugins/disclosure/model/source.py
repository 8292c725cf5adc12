"""Reading one content or data file: UTF-8 text, front matter and YAML with line numbers.

YAML is parsed once with the C loader. Timestamps stay strings here, so a bad
date such as ``2020-13-01`` becomes a schema error with a line number instead
of a constructor exception; ``schema`` turns valid dates into ``date`` objects.
"""

import os
from dataclasses import dataclass

import yaml

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


class _Loader(_BaseLoader):
    pass


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
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            line, "", "文件不是 UTF-8 编码。请在编辑器中以 UTF-8 编码另存此文件。"
        ) from None


def parse_yaml(text, first_line=1):
    """Parse YAML text into (data, lines); lines maps key paths to 1-based lines."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = first_line + (mark.line if mark else 0)
        raise SourceError(line, "", f"YAML 语法错误：{_yaml_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise SourceError(first_line, "", f"YAML 语法错误：{exc}") from None
    finally:
        loader.dispose()
    lines = {}
    if node is not None:
        _collect_lines(node, (), first_line, lines)
    return data, lines


def _yaml_problem(exc):
    """PyYAML's English problem, in words a clerk can act on."""
    problem = str(exc.problem or "")
    for english, chinese in YAML_PROBLEMS:
        if english in problem:
            return chinese
    return f"{problem}。请检查缩进、冒号后的空格和引号是否成对"


def _collect_lines(node, path, first_line, lines):
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = path + (key_node.value,)
            _collect_lines(value_node, key_path, first_line, lines)
            lines[key_path] = first_line + key_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), first_line, lines)


def read_data_file(path, display_path):
    data, lines = parse_yaml(read_text(path))
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
