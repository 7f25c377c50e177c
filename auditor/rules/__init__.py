"""Rule files: models, loading with located errors, selectors, and which file fits which article."""
from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from auditor.rules.load import LoadedRules, load_rules

RULE_SUFFIXES = (".yaml", ".yml")


def rule_files_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


def applies(rules: LoadedRules, article_path: str) -> bool:
    """Whether a rule file names this article, by path suffix or by glob."""
    posix = PurePosixPath(Path(article_path).as_posix())
    absolute = PurePosixPath(Path(article_path).resolve().as_posix())
    model = rules.model
    if model.article:
        wanted = PurePosixPath(model.article).parts
        for candidate in (posix, absolute):
            if candidate.parts[-len(wanted):] == wanted:
                return True
    return any(fnmatch(str(c), g) for g in model.applies_to for c in (posix, absolute))


__all__ = ["LoadedRules", "applies", "load_rules", "rule_files_in"]
