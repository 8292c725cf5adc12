"""The content contract: JSON Schema per type, with errors translated into Chinese.

The JSON Schema files in ``schemas/`` are the single source of the contract;
they are also published with the site so editors and other tools can use them.
"""

import datetime
import difflib
import json
import pickle
from functools import cached_property
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from . import pii
from .problems import processing
from .source import SourceError, check_key, display_path, field_label, read_data_file

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
COMMON = "common.schema.json"
PAGE = "page.schema.json"
JSON_TYPE_LABELS = {
    "string": "文字", "integer": "整数", "number": "数字", "array": "列表",
    "object": "“字段: 值”结构", "boolean": "是/否（true/false）",
}


class Schemas:
    """Loaded schema files, one compiled validator per type.

    The published files use ``allOf``/``$ref``/``unevaluatedProperties`` so editors see one
    contract. For speed, each validator runs on a flattened copy: references inlined and
    common properties merged in; unknown keys are reported by ``validate`` itself.
    """

    def __init__(self, directory=SCHEMA_DIR, checked=None):
        """``checked``: a dict kept between loads of the same data (the preview's), in which
        ``check_file`` keeps each data file's check by its path and bytes, as ``model.content`` does."""
        self.checked = checked
        self.documents = {
            path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.schema.json"))
        }
        self.flat = {name: self._flatten(name) for name in self.documents}
        self.validators = {
            name: Draft202012Validator(flat, format_checker=FormatChecker()) for name, flat in self.flat.items()
        }

    def _flatten(self, name):
        doc = self._inline(self.documents[name], name, top=True)
        flat = {k: v for k, v in doc.items() if k not in ("allOf", "$defs", "$id", "unevaluatedProperties")}
        properties, required = {}, []
        for part in self.documents[name].get("allOf", ()):
            base = self._flatten(part["$ref"])
            properties.update(base["properties"])
            required += base["required"]
            flat.setdefault("type", base.get("type"))
        for key, spec in doc.get("properties", {}).items():
            properties[key] = dict(properties.get(key, {}), **spec)
        flat["properties"], flat["required"] = properties, required + doc.get("required", [])
        return flat

    def _inline(self, node, name, top=False):
        """Replace every ``$ref`` below ``node`` (not the top-level ``allOf``) by its target."""
        if isinstance(node, list):
            return [self._inline(item, name) for item in node]
        if not isinstance(node, dict):
            return node
        if top:
            return {key: value if key == "allOf" else self._inline(value, name) for key, value in node.items()}
        if "$ref" in node:
            target_file, _, pointer = node["$ref"].partition("#")
            target = self.documents[target_file or name]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            merged = dict(target, **{k: v for k, v in node.items() if k != "$ref"})
            return self._inline(merged, target_file or name)
        return {key: _whole_match(value) if key == "pattern" else self._inline(value, name) for key, value in node.items()}

    @cached_property
    def types(self):
        return self.documents[COMMON]["properties"]["type"]["enum"]

    def properties(self, name):
        """All top-level properties a schema allows, including those of common.schema.json."""
        return self.flat[name].get("properties", {})

    def fits_type(self, name, key, value):
        """True if ``value`` has the JSON type schema ``name`` declares for its top-level ``key``."""
        declared = self.properties(name).get(key, {}).get("type")
        if declared is None:
            return key in self.properties(name)
        return any(_is_json_type(value, kind) for kind in ([declared] if isinstance(declared, str) else declared))

    def required(self, name):
        """The top-level keys schema ``name`` requires, including those of common.schema.json."""
        return set(self.flat[name].get("required", ()))

    def date_fields(self, name):
        return {key for key, spec in self.properties(name).items() if spec.get("format") == "date"}

    def check_file(self, path, name, problems, personal=False):
        """Read one data file and report every way it breaks schema ``name`` and every piece of personal
        information in it (unless it is a ``personal`` record, never published): (Source or None, clean)."""
        with processing(display_path(path)):
            key = self.checked is not None and check_key(self.checked, path, "data", str(path), name, personal)
            if key and key in self.checked:
                result, found = pickle.loads(self.checked[key])
                problems.items.extend(found)
                return result
            before = len(problems.items)
            result = self._check_file(path, name, problems, personal)
            if key:  # a copy: the stages may change what they read
                self.checked[key] = pickle.dumps((result, problems.items[before:]), protocol=pickle.HIGHEST_PROTOCOL)
            return result

    def _check_file(self, path, name, problems, personal):
        shown = display_path(path)
        if not path.is_file():
            problems.error(shown, 1, "", f"找不到数据文件 {shown}。")
            return None, False
        try:
            source = read_data_file(path, shown)
        except SourceError as exc:
            problems.error(shown, exc.line, exc.field, exc.message)
            return None, False
        clean = True
        for key_path, message in self.validate(name, source.data, unknown_keys=isinstance(source.data, dict)):
            problems.error(shown, source.line(*key_path), field_label(key_path), message)
            clean = False
        if not personal:
            pii.scan_data(source, lambda key_path, message: problems.error(shown, source.line(*key_path), field_label(key_path), message))
        return source, clean

    def validate(self, name, data, unknown_keys=True):
        """Yield (key path, Chinese message) for every way data breaks the schema."""
        props = self.properties(name)
        for key in data if unknown_keys else ():
            if key not in props:
                yield (key,), _unknown_key_message(key, props)
        seen = set()  # jsonschema raises one "required" error per missing key, each listing all keys
        for error in self.validators[name].iter_errors(data):
            for problem in _translate(error, props):
                if problem not in seen:
                    seen.add(problem)
                    yield problem


def _is_json_type(value, kind):
    if isinstance(value, bool):
        return kind == "boolean"
    return {"string": isinstance(value, str), "integer": isinstance(value, int),
            "number": isinstance(value, (int, float)), "array": isinstance(value, list),
            "object": isinstance(value, dict), "null": value is None}.get(kind, False)


def _whole_match(pattern):
    """JSON Schema's ``$`` ends the text (ECMA-262); Python's also matches before a final newline,
    so ``slug: "a\\n"`` would pass. Validate with ``\\Z`` instead."""
    return pattern[:-1] + r"\Z" if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$") else pattern


def _unknown_key_message(key, props):
    close = difflib.get_close_matches(str(key), list(props), n=1)
    hint = f"您是不是要写 {close[0]}？" if close else f"允许的字段有：{'、'.join(props)}。"
    return f"未知字段“{key}”。{hint}"


def _translate(error, props):
    """Turn one jsonschema error (and its sub-errors) into Chinese messages."""
    path = tuple(error.absolute_path)
    kind, value = error.validator, error.instance
    spec = error.schema if isinstance(error.schema, dict) else {}
    if kind in ("unevaluatedProperties",):
        return  # unknown keys are reported by Schemas.validate, with suggestions
    if kind in ("allOf", "anyOf", "oneOf") and error.context:
        for sub in error.context:
            yield from _translate(sub, props)
        return
    if kind == "required":
        for key in error.validator_value:
            if isinstance(value, dict) and key not in value:
                title = (spec.get("properties", {}) if path else props).get(key, {}).get("title", "")
                yield path + (key,), f"缺少必填字段 {key}{f'（{title}）' if title else ''}。"
        return
    if kind == "additionalProperties":
        allowed = spec.get("properties", {})
        for key in value:
            if key not in allowed:
                yield path + (key,), _unknown_key_message(key, allowed)
        return
    shown = _quote(value)
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        labels = "或".join(JSON_TYPE_LABELS.get(t, t) for t in expected)
        yield path, f"应为{labels}，实际为 {shown}。"
    elif kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        yield path, f"取值 {shown} 无效，应为以下之一：{'、'.join(map(str, options))}。"
    elif kind == "format" or (kind == "pattern" and "format" in spec):
        yield path, f"日期 {shown} 无效：应为 YYYY-MM-DD 格式的真实日期，例如 2024-03-01。"
    elif kind == "minLength":
        yield path, "不能为空。"
    elif kind == "maxLength":
        yield path, f"太长：最多 {error.validator_value} 个字符，实际为 {shown}。"
    elif kind == "minItems":
        yield path, f"至少要写 {error.validator_value} 项。"
    elif kind in ("minimum", "maximum"):
        low, high = spec.get("minimum"), spec.get("maximum")
        bounds = (f"应在 {low} 到 {high} 之间" if low is not None and high is not None
                  else f"应不小于 {low}" if low is not None else f"应不大于 {high}")
        yield path, f"数值 {shown} 超出范围（{bounds}）。"
    elif kind == "pattern":
        yield path, f"格式不对，实际为 {shown}。{spec.get('description', '')}".rstrip()
    else:
        yield path, f"取值 {shown} 不符合要求：{error.message}"


def _quote(value):
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:60]
    return "空值" if value is None else f"“{value}”"


def to_dates(data, date_fields):
    """Replace valid YYYY-MM-DD strings in the known date fields with ``date`` objects."""
    for key in date_fields:
        if isinstance(data.get(key), str):
            data[key] = _as_date(data[key])
    for change in data.get("changes") or ():
        if isinstance(change, dict) and isinstance(change.get("date"), str):
            change["date"] = _as_date(change["date"])
    return data


def _as_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text
