"""What the editor's desk does, without HTTP: audit a pasted or uploaded article against a
chosen rule set, render the report, suggest and save rules.

The rules directory and the sample articles are fixed when the server starts, and the
client only ever names them by a key from that list: no path from a request reaches the
file system.
"""
from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

import yaml

from auditor import __version__
from auditor.audit import audit_article
from auditor.batch import rules_at
from auditor.diagnose import diagnose
from auditor.errors import RuleFileError
from auditor.extract import extract_article
from auditor.model import Article, ArticleResult, AuditRun
from auditor.read import ARTICLE_SUFFIXES, article_from_bytes, article_paths
from auditor.rules import applies, rule_files_in
from auditor.rules.load import LoadedRules, load_rules
from auditor.rules.pattern import PatternTimeout
from auditor.rules.select import Matcher, Unbound
from auditor.serve.texts import DeskError

AUTO, DISCOVERY_ONLY = "auto", "none"
FORMATS = {"html": "text/html", "json": "application/json", "sarif": "application/sarif+json"}
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
# An article's label (a pasted article's `name`, an upload's file name) is client text that
# reaches reports and the comment atop a saved rule file: only letters, digits (any script),
# `.`, `-` and `_` survive, so no line break, colon or quote can start a YAML key there.
_LABEL_UNSAFE = re.compile(r"[^\w.\-]+")
_LABEL_MAX = 120
SUGGESTED_KEYS = frozenset({"article", "figures", "checks"})
PASTED_STEM = "pasted"  # a paste the editor did not name (its form says pasted.txt)
_HEADLINE_MAX = 40
# A download's name: letters and digits of any script, `-` and `_` (\w has no control, bidi or
# quote characters); its ASCII fallback keeps only the ASCII ones.
_NAME_UNSAFE = re.compile(r"[^\w-]+")
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Desk:
    """The server's fixed state: where rules live, which samples it offers, its limits."""

    rules_dir: Path
    samples: dict[str, Path] = field(default_factory=dict)
    max_bytes: int = 2_000_000
    rules_shown: str = "rules"  # how pages name the rules folder: never the server's absolute path
    facts: str | None = None  # a facts store to check drafts against (never written: drafts are not published)

    @classmethod
    def at(cls, rules_dir: Path, samples_dir: Path | None, max_bytes: int) -> Desk:
        samples = {p.name: p for p in article_paths([str(samples_dir)])} if samples_dir and samples_dir.is_dir() else {}
        return cls(rules_dir.resolve(), samples, max_bytes, shown_folder(rules_dir))

    def shown(self, target: Path) -> str:
        """A saved file as the editor can find it: relative to where the desk was started,
        or under the rules folder's own name when that lies elsewhere."""
        inside = target.relative_to(self.rules_dir).as_posix()
        return inside if self.rules_shown == "." else f"{self.rules_shown}/{inside}"

    def rule_choices(self) -> list[str]:
        """Rule files by their name inside the rules directory, read afresh on every page."""
        if not self.rules_dir.is_dir():
            return []
        return [p.relative_to(self.rules_dir).as_posix() for p in rule_files_in(self.rules_dir)]

    def article(self, text: str, upload: bytes | None, filename: str) -> Article:
        """The uploaded file if there is one, else the pasted text, named `filename` (a page
        carries the name of what it audited, so a download names the article it came from)."""
        filename = label(filename)
        if upload:
            suffix = Path(filename).suffix.lower()
            if suffix not in ARTICLE_SUFFIXES:
                raise DeskError("not_article", name=filename, suffixes=" ".join(ARTICLE_SUFFIXES))
            return article_from_bytes(upload, filename, self.max_bytes)
        if not text.strip():
            raise DeskError("nothing")
        if len(text.encode("utf-8")) > self.max_bytes:
            raise DeskError("too_large", limit=self.max_bytes)
        return Article.from_text(text.replace("\r\n", "\n"), path=filename)

    def sample(self, name: str) -> Article:
        if name not in self.samples:
            raise DeskError("no_sample", name=name)
        path = self.samples[name]
        return article_from_bytes(path.read_bytes(), str(path), self.max_bytes)

    def audit(self, article: Article, choice: str) -> ArticleResult:
        figures = extract_article(article)
        result = audit_article(article, self._rule_sets(article, figures, choice), kinds=None)
        if self.facts:  # what the paper already printed, as `check --facts` shows it
            from auditor.facts import consistency, store

            extra = consistency.check(store.open_store(self.facts), article, figures, consistency.published_on(article))
            result = replace(result, findings=result.findings + tuple(extra))
        # One misprint is one finding on the desk too, as in `auditor check`.
        return replace(result, diagnoses=diagnose(result.findings))

    def _rule_sets(self, article: Article, figures: tuple, choice: str) -> list[LoadedRules]:
        if choice == DISCOVERY_ONLY:
            return []
        names = self.rule_choices()
        if choice != AUTO:
            if choice not in names:
                raise DeskError("no_rules", name=choice)
            return [self._rules(choice)]
        loaded = [self._rules(n) for n in names]
        return [r for r in loaded if applies(r, article.path) or _mostly_binds(r, article, figures)]

    def _rules(self, name: str) -> LoadedRules:
        """A rule file by its name in the rules folder. Its findings and its errors carry that
        name, not the server's absolute path, which means nothing to an editor at a browser."""
        try:
            loaded = rules_at(str(self.rules_dir / name))
        except RuleFileError as exc:
            raise _renamed(exc, name) from None
        return dataclasses.replace(loaded, path=name)

    def suggest(self, article: Article) -> str:
        from auditor.discover.suggest import suggest_rules

        return suggest_rules(article, extract_article(article))

    def save(self, name: str, text: str) -> Path:
        """Write `text`, the rule file as the editor left it, as rules_dir/name.yaml: validated
        first, exactly as any rule file is loaded, so an invalid file is never written; never
        overwrite, never leave the dir."""
        if not _SAFE_NAME.fullmatch(name):
            raise DeskError("bad_name")
        target = self.rules_dir / f"{name}.yaml"
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # a browser's textarea sends CRLF
        self._validate(text, self.shown(target))
        self.rules_dir.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: refuse if it exists, even if it appeared a moment ago
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise DeskError("exists", name=self.shown(target)) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return target

    @staticmethod
    def _validate(text: str, shown: str) -> None:
        """Load the text as a rule file from a private scratch copy, so nothing appears in the
        rules folder before it is known good; errors are located under the name it will have."""
        with tempfile.TemporaryDirectory(prefix="auditor-desk-") as scratch:
            draft = Path(scratch) / "draft.yaml"
            draft.write_text(text, encoding="utf-8")
            try:
                load_rules(draft)
            except RuleFileError as exc:
                raise DeskError("bad_rule_file", detail=str(_renamed(exc, shown))) from None
        _only_suggested_keys(text, shown)


def label(filename: str) -> str:
    """The last component of a client's file name, reduced to safe characters."""
    last = re.split(r"[/\\]", filename)[-1]
    return _LABEL_UNSAFE.sub("_", last).strip("_")[-_LABEL_MAX:] or "pasted.txt"


def download_name(article: Article, fmt: str) -> str:
    """A report's file name after its article: chengdu-1214.audit.json. A paste under the
    desk's default name is named by its first line, the headline, so the downloads of two
    pasted articles are told apart; only letters and digits of any script, `-` and `_`."""
    stem = Path(label(article.path)).stem
    if stem == PASTED_STEM:
        stem = next((line for line in article.text.splitlines() if line.strip()), "")[:_HEADLINE_MAX]
    stem = _NAME_UNSAFE.sub("_", stem).strip("_-") or PASTED_STEM
    return f"{stem}.audit.{fmt}"


def attachment(filename: str) -> str:
    """Content-Disposition for a download (RFC 6266): `filename` in ASCII for old clients
    (2023高质量发展.audit.json falls back to 2023.audit.json, an all-Chinese name to
    article.audit.json), `filename*` the UTF-8 name. The name comes from download_name: no
    quote, backslash or line break can reach the header."""
    stem, dot, rest = filename.partition(".")
    plain = re.sub(r"_+", "_", _ASCII_UNSAFE.sub("_", stem)).strip("_-") or "article"
    plain += dot + _ASCII_UNSAFE.sub("_", rest)
    if plain == filename:
        return f'attachment; filename="{plain}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def shown_folder(rules_dir: Path) -> str:
    """The rules folder relative to where the desk was started, else its own name."""
    try:
        return rules_dir.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return rules_dir.resolve().name


def _renamed(exc: RuleFileError, name: str) -> RuleFileError:
    """The same located error under the name the editor knows the file by."""
    renamed = RuleFileError(name, exc.line, exc.col, exc.reason)
    renamed.more = [name + line.removeprefix(exc.path) for line in exc.more]
    return renamed


def _only_suggested_keys(text: str, shown: str) -> None:
    """A second guard before anything is written: the rule file has exactly the suggestion's
    three keys. The desk saves what a browser sent; `accept:` or `applies_to:` there would
    silence a check or reach other articles, which a desk save has no business doing.
    The text has passed load_rules' screens, so composing it again is safe."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    keys = {k.value: k for k, _ in root.value} if isinstance(root, yaml.MappingNode) else {}
    if set(keys) != SUGGESTED_KEYS:
        extra = [k for name, k in keys.items() if name not in SUGGESTED_KEYS]
        mark = extra[0].start_mark if extra else getattr(root, "start_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        missing = ", ".join(sorted(SUGGESTED_KEYS - set(keys)))
        reason = f"unexpected key {extra[0].value!r}" if extra else f"missing {missing}"
        raise DeskError("bad_keys", detail=f"{shown}:{line}:{col}: {reason}")


def run_of(result: ArticleResult) -> AuditRun:
    return AuditRun(results=(result,), tool_version=__version__)


def _mostly_binds(rules: LoadedRules, article: Article, figures: tuple) -> bool:
    """A pasted article has no path: a rule file fits it when most of its selectors bind."""
    matcher = Matcher(article, figures)
    try:
        bound = [matcher.bind(n, s) for n, s in rules.model.figures.items()]
    except PatternTimeout:
        return False
    return bool(bound) and sum(not isinstance(b, Unbound) for b in bound) * 2 > len(bound)
