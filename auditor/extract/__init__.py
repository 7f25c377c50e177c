"""Extraction: article text -> every stated figure, with its span in the original text."""
from __future__ import annotations

from auditor.extract.figures import Clauses, build, fill_list_gaps, join_groups, join_ranges, join_wan, share_list_unit, signed_cells
from auditor.extract.patterns import MASTER
from auditor.model import Article, Figure


def extract_figures(text: str, printed: str | None = None) -> tuple[Figure, ...]:
    """All figures in `text`, in order, with ids f1, f2, ...; never raises on any string.

    `printed` is the same text as the reader sees it (traditional characters kept) when
    `text` is its normalized form; figures keep their text as printed.
    """
    clauses = Clauses(text)
    drafts = [d for d in (build(match, text) for match in MASTER.finditer(text)) if d is not None]
    # 52，016辆 and 3萬7797人 are one figure each; the 60 of 60-72港元 is 60港元; the 7.4 of
    # 7.4、9.6和5.2% is 7.4%.
    drafts = signed_cells(share_list_unit(join_ranges(join_wan(join_groups(drafts, clauses), text), text), text), text)
    drafts = fill_list_gaps(drafts, text)
    found: list[Figure] = []
    for draft in drafts:
        draft.pop("_match", None)
        draft.pop("_prefixed", None)
        if printed is not None:
            draft["text"] = printed[draft["span"].start:draft["span"].end]
        found.append(Figure(id=f"f{len(found) + 1}", context=clauses.before(draft["span"].start), **draft))
    return tuple(found)


def extract_article(article: Article) -> tuple[Figure, ...]:
    """The figures of an article, found in its normalized text, kept as printed."""
    return extract_figures(article.normalized, printed=article.text)


__all__ = ["extract_article", "extract_figures"]
