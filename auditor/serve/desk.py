"""What the editor's desk does, without HTTP: audit a pasted or uploaded article against a
chosen rule set, render the report, suggest and save rules.

The rules directory and the sample articles are fixed when the server starts, and the
client only ever names them by a key from that list: no path from a request reaches the
file system.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from auditor import __version__
from auditor.audit import audit_article
from auditor.batch import rules_at
from auditor.errors import AuditorError, RuleFileError
from auditor.extract import extract_article
from auditor.model import Article, ArticleResult, AuditRun
from auditor.read import ARTICLE_SUFFIXES, article_from_bytes, article_paths
from auditor.rules import applies, rule_files_in
from auditor.rules.load import LoadedRules, load_rules
from auditor.rules.pattern import PatternTimeout
from auditor.rules.select import Matcher, Unbound

AUTO, DISCOVERY_ONLY = "auto", "none"
FORMATS = {"html": "text/html", "json": "application/json", "sarif": "application/sarif+json"}
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
# An article's label (a pasted article's `name`, an upload's file name) is client text that
# reaches reports and the comment atop a saved rule file: only letters, digits (any script),
# `.`, `-` and `_` survive, so no line break, colon or quote can start a YAML key there.
_LABEL_UNSAFE = re.compile(r"[^\w.\-]+")
_LABEL_MAX = 120
SUGGESTED_KEYS = frozenset({"article", "figures", "checks"})


@dataclass
class Desk:
    """The server's fixed state: where rules live, which samples it offers, its limits."""

    rules_dir: Path
    samples: dict[str, Path] = field(default_factory=dict)
    max_bytes: int = 2_000_000

    @classmethod
    def at(cls, rules_dir: Path, samples_dir: Path | None, max_bytes: int) -> Desk:
        samples = {p.name: p for p in article_paths([str(samples_dir)])} if samples_dir and samples_dir.is_dir() else {}
        return cls(rules_dir.resolve(), samples, max_bytes)

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
                raise AuditorError(f"{filename}: not an article file ({', '.join(ARTICLE_SUFFIXES)})")
            return article_from_bytes(upload, filename, self.max_bytes)
        if not text.strip():
            raise AuditorError("paste an article or choose a file")
        if len(text.encode("utf-8")) > self.max_bytes:
            raise AuditorError(f"the article is larger than {self.max_bytes:,} bytes")
        return Article.from_text(text.replace("\r\n", "\n"), path=filename)

    def sample(self, name: str) -> Article:
        if name not in self.samples:
            raise AuditorError(f"no sample named {name!r}")
        path = self.samples[name]
        return article_from_bytes(path.read_bytes(), str(path), self.max_bytes)

    def audit(self, article: Article, choice: str) -> ArticleResult:
        figures = extract_article(article)
        return audit_article(article, self._rule_sets(article, figures, choice), kinds=None)

    def _rule_sets(self, article: Article, figures: tuple, choice: str) -> list[LoadedRules]:
        if choice == DISCOVERY_ONLY:
            return []
        names = self.rule_choices()
        if choice != AUTO:
            if choice not in names:
                raise AuditorError(f"no rule file named {choice!r}")
            return [rules_at(str(self.rules_dir / choice))]
        loaded = [rules_at(str(self.rules_dir / n)) for n in names]
        return [r for r in loaded if applies(r, article.path) or _mostly_binds(r, article, figures)]

    def suggest(self, article: Article) -> str:
        from auditor.discover.suggest import suggest_rules

        return suggest_rules(article, extract_article(article))

    def save(self, article: Article, name: str) -> Path:
        """Write the suggested rules as rules_dir/name.yaml; never overwrite, never leave the dir."""
        if not _SAFE_NAME.fullmatch(name):
            raise AuditorError("a rule file name is letters, digits, - and _ (up to 80)")
        target = self.rules_dir / f"{name}.yaml"
        text = self.suggest(article)
        _only_suggested_keys(text)
        self.rules_dir.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: refuse if it exists, even if it appeared a moment ago
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise AuditorError(f"{target.name} already exists; choose another name") from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            load_rules(target)
        except RuleFileError:
            target.unlink()
            raise
        return target


def label(filename: str) -> str:
    """The last component of a client's file name, reduced to safe characters."""
    last = re.split(r"[/\\]", filename)[-1]
    return _LABEL_UNSAFE.sub("_", last).strip("_")[-_LABEL_MAX:] or "pasted.txt"


def _only_suggested_keys(text: str) -> None:
    """A second guard before anything is written: the rule file is exactly the suggestion's
    three keys, so no client text has become a key (`accept:` would silence a check)."""
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or not set(document) <= SUGGESTED_KEYS:
        raise AuditorError("the suggested rule file has unexpected keys; not saved")


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
