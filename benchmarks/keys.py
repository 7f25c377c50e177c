"""How well figures get keys (auditor/facts/keys.py), on the real passages beside the checkout.

    python benchmarks/keys.py

1. Coverage: of the quantities the facts store would keep (Arabic numerals, not rates), how
   many get a usable key (a measure and a period) and how many a confident one, per part of
   the split (benchmarks/split.py).
2. Precision: benchmarks/keys-sample.yaml lists figures of the development passages with the
   key a reader gives them (annotated by hand for this project); the share the auditor gets
   exactly right, and right but for one field.
Skips cleanly (exit 0) when ../shared/corpus is absent. Dates: from the file's front matter,
its name, or none (then only periods with a year printed get one).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import part_of  # noqa: E402

from auditor.discover.text import pages  # noqa: E402
from auditor.extract import extract_article  # noqa: E402
from auditor.facts.consistency import published_on  # noqa: E402
from auditor.facts.keys import key_of  # noqa: E402
from auditor.read import read_article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE = Path(__file__).resolve().parent / "keys-sample.yaml"


def keyed(path: Path) -> list[tuple[str, str, str]]:
    """(figure as printed, key, confidence) for every quantity the store would keep."""
    article = read_article(path)
    found = []
    for page in pages(article.normalized or article.text, extract_article(article)):
        for figure in page.quantities():
            if figure.chinese or figure.kind == "percent" or figure.unit == "个百分点":
                continue
            key = key_of(page, figure, published_on(article))
            found.append(("".join(figure.text.split()), str(key) if key.usable else "", key.confidence))
    return found


def coverage() -> None:
    counts: dict[str, Counter] = {}
    for path in sorted(CORPUS.glob("*.txt")):
        c = counts.setdefault(part_of(path.name), Counter())
        for _, key, confidence in keyed(path):
            c["figures"] += 1
            c["usable"] += bool(key)
            c["high"] += bool(key) and confidence == "high"
    for part, c in sorted(counts.items()):
        n = c["figures"] or 1
        print(f"{part:9} figures {c['figures']:5}  usable key {c['usable']:5} ({c['usable'] / n:.1%})  "
              f"confident {c['high']:5} ({c['high'] / n:.1%})")


def precision() -> None:
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    exact = near = 0
    for item in sample:
        got = {figure: key for figure, key, _ in keyed(CORPUS / item["file"])}.get(item["figure"], "")
        want = item["key"]
        fields = sum(a == b for a, b in zip(got.split(" · "), want.split(" · "))) if got else 0
        exact += got == want
        near += fields >= 2
        if got != want:
            print(f"  {item['file'][:2]} {item['figure']}: got {got or '(no key)'}; a reader says {want}")
    print(f"precision on {len(sample)} hand-keyed figures: {exact} exactly right ({exact / len(sample):.0%}), "
          f"{near} right in at least two of place, measure, period ({near / len(sample):.0%})")


def main() -> int:
    if not CORPUS.is_dir():
        print(f"keys: skipped ({CORPUS} is absent)")
        return 0
    coverage()
    precision()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
