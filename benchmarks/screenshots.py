"""Regenerate the README's screenshots (docs/*.png) from the tool as it is now.

    python benchmarks/screenshots.py [--out docs]

- docs/report-slipped-total.png: `auditor check` on a copy of the seed with 6674 misprinted
  as 6647 (with the seed's rules), the HTML report at 1366 px after the banner's "go to the
  first problem" link;
- docs/desk-slipped-figure.png: `auditor serve`, the same copy pasted and audited, the
  marked figure clicked.

It also prints the lines the README quotes (`auditor check` on the seed and on the copy), so
the figures beside the pictures can be compared with what the tool prints. Needs Debian's
chromium and playwright (the test extra).
"""
from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "chengdu-daily-2023-12-14.txt"
SEED_RULES = ROOT / "rules" / "chengdu-daily-2023-12-14.yaml"
SLIP = ("总人数达6674人", "总人数达6647人")
VIEWPORT = {"width": 1366, "height": 860}
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def auditor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd, capture_output=True, text=True)


def report_shot(browser, work: Path, out: Path) -> None:
    """The slipped copy's report, after the banner's link to the first problem."""
    (work / "slipped.txt").write_text(SEED.read_text(encoding="utf-8").replace(*SLIP), encoding="utf-8")
    rules = _rules(work)  # relative, so the cards name rules/…yaml and not this machine's path
    done = auditor("check", "slipped.txt", "--rules", str(rules.relative_to(work)), "--format", "html", "--out", "html",
                   cwd=work)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    page = browser.new_context(viewport=VIEWPORT, locale="zh-CN").new_page()
    page.goto((work / "html" / "slipped.html").as_uri())
    page.click(".verdict.bad a.jump")
    page.wait_for_timeout(200)
    page.screenshot(path=str(out / "report-slipped-total.png"))
    page.context.close()


def desk_shot(browser, work: Path, out: Path) -> None:
    """The desk with the slipped copy pasted and audited, its marked figure clicked."""
    rules = _rules(work).parent
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", str(port), "--rules", str(rules),
                               "--samples", str(SEED.parent)], cwd=work, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        base = _wait_for(f"http://127.0.0.1:{port}/")
        page = browser.new_context(viewport=VIEWPORT, locale="zh-CN").new_page()
        page.goto(base)
        page.fill("#text", SEED.read_text(encoding="utf-8").replace(*SLIP))
        page.select_option("select[name=rules]", SEED_RULES.name)
        page.click("#audit")
        page.wait_for_selector(".verdict")
        page.locator(".article .fig.fails", has_text="6647人").first.click()
        page.wait_for_timeout(200)
        page.screenshot(path=str(out / "desk-slipped-figure.png"))
        page.context.close()
    finally:
        server.terminate()
        server.wait(10)


def _rules(work: Path) -> Path:
    """The seed's rule file copied to work/rules/ (the desk's rules folder too)."""
    folder = work / "rules"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(SEED_RULES, folder / SEED_RULES.name))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str) -> str:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return url
        except urllib.error.HTTPError:
            return url  # it answers
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the desk did not start at {url}")


def quoted_lines(work: Path) -> None:
    """What the README quotes `auditor check` as printing, as it prints now."""
    seed = auditor("check", str(SEED.relative_to(ROOT)), "--format", "text", cwd=ROOT)
    slipped = auditor("check", "slipped.txt", "--rules", str(SEED_RULES), "--format", "text", cwd=work)
    print("seed:   ", seed.stdout.strip().splitlines()[-1])
    print("slipped:", *slipped.stdout.strip().splitlines(), sep="\n  ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        work = Path(scratch)
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            report_shot(browser, work, args.out)
            desk_shot(browser, work, args.out)
        finally:
            browser.close()
        quoted_lines(work)
    print(f"wrote {args.out / 'report-slipped-total.png'} and {args.out / 'desk-slipped-figure.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
