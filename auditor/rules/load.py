"""Loading rule files: safe YAML, pydantic validation, compiled checks, errors at file:line:col.

YAML is composed into nodes first, so every validation error can be pointed at the node it
concerns. A rule file is untrusted, so before anything is built from it: its size is checked
with `stat` (a FIFO or a device is refused unread), its event stream is screened (aliases
refused, so a billion-laughs file cannot expand; nesting at most MAX_DEPTH deep; no lone
surrogates), and the composed nodes are screened (plain keys only, no duplicates, integers
of at most MAX_NUMBER_CHARS characters). LibYAML's C parser is used when PyYAML has it:
safe, and about ten times faster than the pure-Python one on a large file.
"""
from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from auditor.errors import ExprError, RuleFileError
from auditor.evaluate.compile import Compiled, compile_check
from auditor.rules.model import RuleFile

MAX_RULE_FILE_BYTES = 1_000_000
MAX_DEPTH = 64  # nesting of mappings and sequences; a rule file needs four
MAX_NUMBER_CHARS = 40  # an integer longer than this is no selector setting (`within: 99…9`)
M = TypeVar("M", bound=BaseModel)
_INT_TAG = "tag:yaml.org,2002:int"
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML when PyYAML was built with it


@dataclass(frozen=True)
class LoadedRules:
    """A validated rule file with its checks compiled."""

    path: str
    model: RuleFile
    compiled: dict[str, Compiled]
    places: dict[str, tuple[int, int]] = field(default_factory=dict)  # figure name -> line, col

    def error_at(self, name: str, reason: str) -> RuleFileError:
        """An error located at figure `name`'s selector, found while applying the file."""
        line, col = self.places.get(name, (1, 1))
        return RuleFileError(self.path, line, col, f"figures.{name}: {reason}")


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: anchors buy nothing in a rule file and enable bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="YAML aliases (*name) are not allowed in rule files",
                                       problem_mark=mark)
        return super().compose_node(parent, index)


def load_rules(path: str | Path) -> LoadedRules:
    """Read, validate and compile one rule file, or raise RuleFileError located in it."""
    name = str(path)
    node = _compose(name, _read(name))
    _no_duplicate_ids(name, node)
    model = validated(name, node, RuleFile)
    _names_normalised(name, node)
    owner = object()  # one time budget for this file's selectors, per article
    for selector in model.figures.values():
        selector.owned_by(owner)
    return LoadedRules(name, model, _compile_all(name, node, model), _places(node))


def load_yaml_model(path: str | Path, model: type[M]) -> M:
    """Any YAML file of ours (a config, say) validated by `model`, errors located."""
    name = str(path)
    return validated(name, _compose(name, _read(name)), model)


def validated(name: str, node: yaml.Node, model: type[M]) -> M:
    _screen_nodes(name, node)
    data = _construct(name, node)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _located(name, node, exc) from None


def _read(path: str) -> str:
    """The file's text, its size checked before it is read (a FIFO would hang, /dev/zero
    would fill memory): only a regular file of at most MAX_RULE_FILE_BYTES is read."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise RuleFileError(path, 1, 1, "cannot read rule file: not a regular file")
        if info.st_size > MAX_RULE_FILE_BYTES:
            raise RuleFileError(path, 1, 1, f"rule file is {info.st_size:,} bytes; the limit is "
                                            f"{MAX_RULE_FILE_BYTES:,}")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_RULE_FILE_BYTES + 1)
    except OSError as exc:
        raise RuleFileError(path, 1, 1, f"cannot read rule file: {exc.strerror or exc}") from None
    except ValueError as exc:  # a path with a NUL byte
        raise RuleFileError(path, 1, 1, f"cannot read rule file: {exc}") from None
    if len(raw) > MAX_RULE_FILE_BYTES:  # it grew after stat
        raise RuleFileError(path, 1, 1, f"rule file is over {MAX_RULE_FILE_BYTES:,} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, 1, exc.start + 1, "rule files must be UTF-8") from None


def safe_data(path: str, text: str) -> Any:
    """Any YAML document (an article's front matter) read under the rule files' screens: no
    aliases, no deep nesting, no tags with a constructor, no invalid Unicode; every problem a
    located RuleFileError. An empty document is None."""
    node = _composed(path, text)
    return None if node is None else _construct(path, node)


def _compose(path: str, text: str) -> yaml.Node:
    node = _composed(path, text)
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark if node is not None else None
        raise RuleFileError(path, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                            "expected a mapping (a rule file has `figures` and `checks`)")
    return node


def _composed(path: str, text: str) -> yaml.Node | None:
    """The document's node tree, screened first; every YAML problem a located RuleFileError."""
    try:
        _screen_events(path, text)
        return yaml.compose(text, Loader=_FAST)
    except yaml.MarkedYAMLError as exc:
        raise _from_mark(path, exc) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, 1, 1, f"invalid YAML: {exc}") from None
    except (RecursionError, MemoryError) as exc:  # screened above; kept as a last guard
        raise RuleFileError(path, 1, 1, f"too deeply nested ({type(exc).__name__})") from None


def _screen_events(path: str, text: str) -> None:
    """Refuse, located, what must not reach the composer: aliases (a billion-laughs file),
    nesting deeper than MAX_DEPTH (recursion in the composer), and scalars that are not
    valid Unicode (a lone surrogate from a `\\ud800` escape cannot be printed or written)."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, yaml.AliasEvent):
            raise _at(path, event.start_mark, "YAML aliases (*name) are not allowed in rule files")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _at(path, event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and not _valid_unicode(event.value):
            raise _at(path, event.start_mark, "text is not valid Unicode (a lone surrogate)")


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _at(path: str, mark: Any, reason: str) -> RuleFileError:
    return RuleFileError(path, mark.line + 1, mark.column + 1, reason)


def _construct(path: str, node: yaml.Node) -> Any:
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _from_mark(path, exc) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # screened; a last guard
        raise RuleFileError(path, 1, 1, f"invalid YAML value ({type(exc).__name__})") from None


def _from_mark(path: str, exc: yaml.MarkedYAMLError) -> RuleFileError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return RuleFileError(path, line, col, f"invalid YAML: {exc.problem or exc.context}")


def _screen_nodes(path: str, root: yaml.Node) -> None:
    """Keys are plain text and appear once per mapping (`? [x, y]` makes a key no name can
    match, and would crash a set); integers are short (5,000 digits exceed Python's limit
    for int(), and `1:2:3:…` in base 60 costs quadratic time to build)."""
    for node in _document_order(root):
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise _at(path, key.start_mark, "a key must be plain text, not a list or a mapping")
                if key.value in seen:
                    raise _at(path, key.start_mark, f"key {key.value!r} appears twice")
                seen.add(key.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG and len(node.value) > MAX_NUMBER_CHARS:
            raise _at(path, node.start_mark, f"a number of {len(node.value):,} characters; "
                                             f"at most {MAX_NUMBER_CHARS} are allowed")


def _document_order(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node, parents before children, in the order they appear (no recursion)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _no_duplicate_ids(path: str, root: yaml.Node) -> None:
    seen: set[str] = set()
    checks = node_at(root, ("checks",))
    for item in checks.value if isinstance(checks, yaml.SequenceNode) else []:
        ident = node_at(item, ("id",))
        if isinstance(ident, yaml.ScalarNode) and ident is not item:
            if ident.value in seen:
                raise RuleFileError(path, ident.start_mark.line + 1, ident.start_mark.column + 1,
                                    f"check id {ident.value!r} is used twice")
            seen.add(ident.value)


def node_at(root: yaml.Node, loc: tuple[Any, ...], key_of_last: bool = False) -> yaml.Node:
    """The YAML node a pydantic error location points to (as deep as it exists)."""
    node = root
    for i, part in enumerate(loc):
        last = i == len(loc) - 1 or loc[i + 1] == "[key]"
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(part)]
            if match:
                key_wanted = last and (key_of_last or "[key]" in loc[i:])
                node = match[0][0] if key_wanted else match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
    return node


def _located(path: str, root: yaml.Node, exc: ValidationError) -> RuleFileError:
    errors = exc.errors()
    lines = []
    for err in errors:
        node = node_at(root, tuple(err["loc"]), key_of_last=err["type"] == "extra_forbidden")
        where = ".".join(str(p) for p in err["loc"] if p != "[key]")
        reason = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        lines.append((node.start_mark.line + 1, node.start_mark.column + 1, f"{where}: {reason}"))
    line, col, reason = lines[0]
    error = RuleFileError(path, line, col, reason)
    error.more = [f"{path}:{ln}:{c}: {r}" for ln, c, r in lines[1:]]
    return error


def _places(root: yaml.Node) -> dict[str, tuple[int, int]]:
    """Figure name -> line, col of its selector, in one pass over the mapping (a lookup per
    name was quadratic: 25,000 figures took minutes)."""
    figures = node_at(root, ("figures",))
    if not isinstance(figures, yaml.MappingNode):
        return {}
    return {key.value: (value.start_mark.line + 1, value.start_mark.column + 1) for key, value in figures.value}


def _names_normalised(path: str, root: yaml.Node) -> None:
    """Python reads identifiers in NFKC form, so `ａ` in an expression *is* `a`: two figures
    that fold together would make `ａ == a` hold whatever the article says. Names must be
    written in that form."""
    figures = node_at(root, ("figures",))
    keys = [key for key, _ in figures.value] if isinstance(figures, yaml.MappingNode) else []
    names = {key.value for key in keys}
    for key in keys:
        folded = unicodedata.normalize("NFKC", key.value)
        if folded != key.value:
            clash = f"; it collides with figure {folded!r}" if folded in names else ""
            raise _at(path, key.start_mark, f"figures.{key.value}: figure name {key.value!r} reads as "
                                            f"{folded!r} in an expression (Unicode NFKC){clash}; "
                                            f"write it as {folded!r}")


def _compile_all(path: str, root: yaml.Node, model: RuleFile) -> dict[str, Compiled]:
    declared = frozenset(model.figures)
    compiled = {}
    for i, check in enumerate(model.checks):
        try:
            compiled[check.id] = compile_check(check.expr, declared)
        except ExprError as exc:
            node = node_at(root, ("checks", i, "expr"))
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            if node.style in ("'", '"'):
                col += 1
            if node.start_mark.line == node.end_mark.line:
                col += exc.offset
            raise RuleFileError(path, line, col, f"checks[{i}] ({check.id}): {exc.reason}") from None
    return compiled
