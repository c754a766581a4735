"""Load one YAML record file into plain Python data without losing the author's words.

PyYAML's default loaders follow YAML 1.1, which silently turns `no` into False, `2023-01-01`
into a date and `010` into 8, and lets a duplicated key overwrite the first. Committee members
write these files by hand, so this loader:

* composes the node tree with libyaml (C) when available, and builds the Python values itself;
* resolves plain scalars by the YAML 1.2 core schema only (null, true/false, decimal/0o/0x
  integers, floats); everything else, `no`/`yes`/`on`/`off` and dates included, stays text;
* remembers the original text of every plain scalar that became a non-string, so a message
  can quote exactly what was written;
* reports duplicate keys, aliases, explicit tags, tabs, BOMs, non-UTF-8 bytes, empty files,
  oversize files and syntax errors as findings with line and column, never as exceptions.

Positions are not recorded while building (that would slow every load for the rare case of a
finding); `locate()` re-composes the text and walks to a path when a finding needs a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml makes composing several times faster; fall back to pure Python.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from . import characters
from .findings import Finding, make
from .messages import PHRASES, YAML_PROBLEMS

from .gate import MAX_FILE_BYTES  # noqa: E402 - one limit for the gate and the loader

_STR_TAG = "tag:yaml.org,2002:str"
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# YAML 1.2 core schema, the only implicit typing we accept.
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+$")
_INT_OCT = re.compile(r"0o[0-7]+$")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_FIRST_NUMERIC = set("0123456789-+.")
_INFINITY = float("inf")


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml composer whose implicit resolver is a no-op: we type scalars ourselves."""

    def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
        if kind is ScalarNode:
            return _STR_TAG
        if kind is SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


def _plain_value(text: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text and text[0] in _FIRST_NUMERIC:
        if _INT.match(text):
            try:
                return int(text)
            except ValueError:  # more than 4300 digits (Python's limit): no real quantity, keep the text
                return text
        if _FLOAT.match(text) and any(c.isdigit() for c in text):
            number = float(text)
            # 1e400 overflows to infinity: no real quantity, so it stays text like «.inf» does
            return number if number not in (_INFINITY, -_INFINITY) else text
    if text.startswith("0o") and _INT_OCT.match(text):
        return int(text[2:], 8)
    if text.startswith("0x") and _INT_HEX.match(text):
        return int(text[2:], 16)
    return text


@dataclass
class Document:
    """The result of loading one file: the data (None when unusable) and what went wrong."""

    data: Any
    findings: list[Finding] = field(default_factory=list)
    # Original text of plain scalars that were typed as something other than a string,
    # keyed by their path in the data: lets messages quote `010` rather than `10`.
    raw: dict[tuple, str] = field(default_factory=dict)


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, collecting findings."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.raw: dict[tuple, str] = {}
        self.seen: set[int] = set()
        self.alias_places: set[tuple[int, int]] = set()

    def _at(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: Node, path: tuple, where: Node | None = None) -> Any:
        # An alias re-uses an already composed node object. Refusing the second visit keeps a
        # "billion laughs" file from expanding, and keeps records free of hidden copies.
        # `where` is the key the value belongs to: an alias is reported where it is used.
        if id(node) in self.seen:
            # Inside a list the alias has no position of its own (libyaml hands back the anchored
            # node), so many uses share one place: report each place once, not once per use.
            place = self._at(where or node)
            if place not in self.alias_places:
                self.alias_places.add(place)
                self.findings.append(make("yaml-alias", self.file, *place))
            return None
        self.seen.add(id(node))
        tag = node.tag
        if tag not in _STANDARD_TAGS:  # our resolver only yields these: anything else was typed by hand
            line, col = self._at(node)
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            self.findings.append(make("yaml-tagg", self.file, line, col, tagg=shown))
        cls = type(node)
        if cls is ScalarNode:
            # An explicitly tagged scalar (reported above) keeps its text untyped.
            return _scalar(node, path, self.raw) if tag == _STR_TAG else node.value
        if cls is MappingNode:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode:
                    line, col = self._at(key_node)
                    self.findings.append(make("yaml-nokkel", self.file, line, col))
                    continue
                key = key_node.value
                if key == "<<" and not key_node.style:  # plain: libyaml says '', PyYAML None
                    line, col = self._at(key_node)
                    self.findings.append(make("yaml-alias", self.file, line, col))
                    continue
                if key in result:
                    line, col = self._at(key_node)
                    self.findings.append(make("yaml-duplikat-nokkel", self.file, line, col, felt=key))
                    continue
                result[key] = self.build(value_node, path + (key,), key_node)
            return result
        if cls is SequenceNode:
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return None  # pragma: no cover - libyaml only produces the three node kinds


class _Unusual(Exception):
    """Raised by the fast builder when a file needs the careful one (and its findings)."""


def _scalar(node: ScalarNode, path: tuple, raw: dict[tuple, str]) -> Any:
    """A scalar's value: plain ones typed by YAML 1.2 core, their written text kept in `raw`."""
    value = node.value
    if node.style:  # quoted or block text is always text (plain: libyaml says '', PyYAML None)
        return value
    typed = _plain_value(value)
    if typed is not value:
        raw[path] = value
    return typed


def _build_plain(node: Node, path: tuple, raw: dict[tuple, str]) -> Any:
    """Fast builder for the common file: no anchors, aliases or explicit tags in the text.

    Gives exactly what `_Builder.build` gives for such a file, but skips the checks that
    cannot fire there and types scalar values directly instead of recursing into them. Raises
    `_Unusual` on anything that would be a finding, so the careful builder reports it.
    """
    cls = type(node)
    if cls is MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Unusual
            key = key_node.value
            if key in result or (key == "<<" and not key_node.style):
                raise _Unusual
            if type(value_node) is ScalarNode:
                result[key] = _scalar(value_node, path + (key,), raw)
            else:
                result[key] = _build_plain(value_node, path + (key,), raw)
        return result
    if cls is SequenceNode:
        items: list[Any] = []
        for index, item in enumerate(node.value):
            if type(item) is ScalarNode:
                items.append(_scalar(item, path + (index,), raw))
            else:
                items.append(_build_plain(item, path + (index,), raw))
        return items
    if cls is ScalarNode:
        return _scalar(node, path, raw)
    raise _Unusual  # pragma: no cover - libyaml only produces the three node kinds


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _check_tabs(file: str, text: str) -> list[Finding]:
    found = []
    if "\t" not in text:
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        index = line.find("\t")
        if index >= 0:
            found.append(make("yaml-tabulator", file, number, index + 1))
    return found


def compose(text: str) -> Node | None:
    """Compose a single YAML document; raises yaml.YAMLError on bad input."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_bytes(file: str, content: bytes) -> Document:
    """Load one file's bytes. `file` is the repository-relative path used in findings."""
    if len(content) > MAX_FILE_BYTES:
        return Document(None, [make("fil-for-stor", file, None, None, storrelse=len(content) // 1024, grense=MAX_FILE_BYTES // 1024)])
    findings: list[Finding] = []
    if content.startswith(b"\xef\xbb\xbf"):
        findings.append(make("fil-bom", file, 1, 1))
        content = content[3:]  # keep checking the rest; the file itself is not changed
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = content[: error.start].decode("utf-8", errors="replace")
        line, col = _position(prefix, len(prefix))
        findings.append(make("fil-ikke-utf8", file, line, col, byte=f"0x{content[error.start]:02x}"))
        return Document(None, findings)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        findings.append(make("fil-tom", file, 1, 1))
        return Document(None, findings)
    hidden, text, readable = characters.scan(file, text)
    findings.extend(hidden)
    if not readable:  # control bytes: YAML would stop at a wrong place; the findings say where
        return Document(None, findings)
    tab_findings = _check_tabs(file, text)
    findings.extend(tab_findings)
    try:
        node = compose(text)
    except yaml.YAMLError as error:
        if not tab_findings:  # a tab already explains the syntax error, and says where
            findings.append(_syntax_finding(file, error))
        return Document(None, findings)
    except (RecursionError, MemoryError):
        findings.append(make("yaml-syntaks", file, 1, 1, detalj=PHRASES["yaml-for-dypt"]))
        return Document(None, findings)
    if node is None:
        findings.append(make("fil-tom", file, 1, 1))
        return Document(None, findings)
    try:
        # Without «&» there are no anchors (so no aliases) and without «!» no hand-written
        # tags: the fast builder then gives the same result as the careful one.
        if "&" not in text and "!" not in text:
            raw: dict[tuple, str] = {}
            try:
                return Document(_build_plain(node, (), raw), findings, raw)
            except _Unusual:
                pass
        builder = _Builder(file)
        data = builder.build(node, ())
    except RecursionError:
        findings.append(make("yaml-syntaks", file, 1, 1, detalj=PHRASES["yaml-for-dypt"]))
        return Document(None, findings)
    findings.extend(builder.findings)
    return Document(data, findings, builder.raw)




def _syntax_finding(file: str, error: yaml.YAMLError) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    detail = YAML_PROBLEMS.get(problem) or YAML_PROBLEMS.get(context)
    if detail is None:
        for key, text in YAML_PROBLEMS.items():
            if key in problem or key in context:
                detail = text
                break
    if detail is None:
        detail = PHRASES["yaml-ukjent-syntaks"]
    return make("yaml-syntaks", file, line, col, detalj=detail)


class Locator:
    """Line and column of fields in one file's text: composed once, however many findings.

    A file with thousands of unknown keys gives thousands of findings; composing the text
    again for each would make the check quadratic. Mappings are indexed by key on first use.
    """

    def __init__(self, text: str) -> None:
        self.readable = True
        try:
            self.root = compose(text)
        except (yaml.YAMLError, RecursionError):
            self.root, self.readable = None, False
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _index(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = index
        return index

    def __call__(self, path: tuple) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the node at `path`, or of its nearest existing parent.

        For a mapping key the position is the key's (where the author reads the field name);
        when the path ends on a scalar field, the value's (that is what is wrong).
        """
        node = self.root
        if node is None:
            return (1, 1) if self.readable else (None, None)
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        for step in path:
            if isinstance(node, MappingNode) and isinstance(step, str):
                found = self._index(node).get(step)
                if found is None:
                    return best
                key_node, node = found
                best = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                best = (node.start_mark.line + 1, node.start_mark.column + 1)
            else:
                return best
        if isinstance(node, ScalarNode) and path and isinstance(path[-1], str):
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best


def locate(text: str, path: tuple) -> tuple[int | None, int | None]:
    """Line and column of one field (see Locator, which serves many lookups in one file)."""
    return Locator(text)(path)


def iter_paths(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every (path, value) in a loaded document, depth first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_paths(value, path + (index,))
