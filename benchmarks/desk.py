"""Editor's desk benchmark: the seed audited and rendered as a page, server-side and in Chromium.

Server-side: POST /audit with the seed's text through Starlette's test client (no network),
median of --runs, against the same audit + HTML report rendered in-process as the baseline,
so the ratio shows what the desk adds. Browser: `auditor serve` on a loopback port and
Debian's Chromium via Playwright; time to first contentful paint of the seed's audit page,
median of --browser-runs (skipped when Chromium or Playwright is missing).

    python benchmarks/desk.py [--runs 21] [--browser-runs 5]
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.model import Article  # noqa: E402 - after the path is set
from auditor.report import html  # noqa: E402
from auditor.serve.app import create_app  # noqa: E402
from auditor.serve.desk import Desk, run_of  # noqa: E402

SEED = ROOT / "seeds" / "chengdu-daily-2023-12-14.txt"
RULES = ROOT / "rules"


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def server_side(runs: int) -> tuple[float, float]:
    desk = Desk.at(RULES, None, 2_000_000)
    client = TestClient(create_app(desk), base_url="http://127.0.0.1")  # the desk answers only to its own Host
    text = SEED.read_text(encoding="utf-8")
    key = re.search(r'name="key" value="([^"]+)"', client.get("/").text)[1]
    rules = SEED.stem + ".yaml"

    def through_desk() -> None:
        response = client.post("/audit", data={"key": key, "text": text, "rules": rules})
        assert response.status_code == 200 and re.search(r"全部 \d+ 项核查成立", response.text)

    def in_process() -> None:
        html.render(run_of(desk.audit(Article.from_text(text, path="pasted.txt"), rules)))

    through_desk(), in_process()  # warm caches, as a running desk has them
    return median_ms(through_desk, runs), median_ms(in_process, runs)


# First contentful paint, from the page's own timeline (buffered: it may have happened already).
PAINT = """new Promise(done => new PerformanceObserver(list => {
  const fcp = list.getEntries().find(e => e.name === 'first-contentful-paint');
  if (fcp) done(fcp.startTime);
}).observe({type: 'paint', buffered: true}))"""


def first_paint(runs: int) -> float | None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    from tests.test_browser import FLAGS, start_desk

    process, base = start_desk(RULES)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            paints = []
            for _ in range(runs):
                page = browser.new_page()
                page.goto(f"{base}?sample={SEED.name}")
                paints.append(page.evaluate(PAINT))
                page.close()
            browser.close()
        return statistics.median(paints)
    finally:
        process.terminate()
        process.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--browser-runs", type=int, default=5)
    args = parser.parse_args()
    desk_ms, baseline_ms = server_side(args.runs)
    print(f"{'server: POST /audit (audit + page), median':<50} {desk_ms:8.1f} ms")
    print(f"{'baseline: audit + HTML report in-process':<50} {baseline_ms:8.1f} ms")
    print(f"{'ratio desk / baseline':<50} {desk_ms / baseline_ms:8.2f}x   (target: desk <= 300 ms)")
    paint = first_paint(args.browser_runs)
    if paint is None:
        print("browser: skipped (needs Debian's chromium and playwright)")
    else:
        print(f"{'browser: first contentful paint of the seed audit':<50} {paint:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
