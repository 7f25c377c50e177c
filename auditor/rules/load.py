"""Loading rule files: safe YAML, pydantic validation, compiled checks, errors at file:line:col.

YAML is composed into nodes first (SafeLoader, aliases refused so a billion-laughs file
cannot expand), so every validation error can be pointed at the node it concerns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from auditor.errors import ExprError, RuleFileError
from auditor.evaluate.compile import Compiled, compile_check
from auditor.rules.model import RuleFile

MAX_RULE_FILE_BYTES = 1_000_000
M = TypeVar("M", bound=BaseModel)


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
    return LoadedRules(name, model, _compile_all(name, node, model), _places(node, model))


def load_yaml_model(path: str | Path, model: type[M]) -> M:
    """Any YAML file of ours (a config, say) validated by `model`, errors located."""
    name = str(path)
    return validated(name, _compose(name, _read(name)), model)


def validated(name: str, node: yaml.Node, model: type[M]) -> M:
    _no_duplicate_keys(name, node)
    data = _construct(name, node)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _located(name, node, exc) from None


def _read(path: str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RuleFileError(path, 1, 1, f"cannot read rule file: {exc.strerror}") from None
    if len(raw) > MAX_RULE_FILE_BYTES:
        raise RuleFileError(path, 1, 1, f"rule file is {len(raw)} bytes; the limit is {MAX_RULE_FILE_BYTES}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, 1, exc.start + 1, "rule files must be UTF-8") from None


def _compose(path: str, text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _from_mark(path, exc) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, 1, 1, f"invalid YAML: {exc}") from None
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark if node is not None else None
        raise RuleFileError(path, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                            "expected a mapping (a rule file has `figures` and `checks`)")
    return node


def _construct(path: str, node: yaml.Node) -> Any:
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _from_mark(path, exc) from None


def _from_mark(path: str, exc: yaml.MarkedYAMLError) -> RuleFileError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return RuleFileError(path, line, col, f"invalid YAML: {exc.problem or exc.context}")


def _no_duplicate_keys(path: str, node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                raise RuleFileError(path, key.start_mark.line + 1, key.start_mark.column + 1,
                                    f"key {key.value!r} appears twice")
            seen.add(key.value)
            _no_duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _no_duplicate_keys(path, item)


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


def _places(root: yaml.Node, model: RuleFile) -> dict[str, tuple[int, int]]:
    marks = {name: node_at(root, ("figures", name)).start_mark for name in model.figures}
    return {name: (mark.line + 1, mark.column + 1) for name, mark in marks.items()}


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
