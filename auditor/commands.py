"""The commands behind the command line: rule-file discovery, audits, output files.

Only this module and cli.py print or write files; every format is a pure `render(run) -> str`.
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from auditor import __version__
from auditor import batch
from auditor.config import Config, find_config, load_config
from auditor.cli import Exit, _colour, say as _say
from auditor.errors import AuditorError, RuleFileError
from auditor.extract import extract_article
from auditor.model import SEVERITY_RANK, ArticleResult, AuditRun
from auditor.output import write_atomic, write_set
from auditor.read import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES, article_paths, read_article, shown
from auditor import baseline
from auditor.report import html, text
from auditor.report.records import NON_NUMERIC, figure_record
from auditor.rules import LoadedRules, load_rules, rule_files_in

DEFAULT_OUT = Path("reports")
# More articles than this, with only audit.json to write, are streamed (see _streamed).
STREAM_ABOVE = 100
FILES = {"json": "audit.json", "sarif": "audit.sarif", "junit": "junit.xml"}  # one file per run under --out
# Imported when asked for: a default run writes HTML and text only, and start-up counts.
RENDERERS = {"json": "json_report", "sarif": "sarif", "junit": "junit", "github": "github"}


def run_check(args: argparse.Namespace) -> Exit:
    config, base = load_config(find_config(args.config, Path.cwd()))
    out = args.out or (base / config.out if config.out else None)
    if args.changed_since:
        paths = _changed(args.changed_since, args.paths)
        if not paths:  # a pull request that touches no article passes the gate
            _say(f"no article changed since {args.changed_since}; nothing to audit")
            return Exit.OK
    else:
        paths = article_paths(args.paths, skip=(out or DEFAULT_OUT,), include=tuple(config.include),
                              exclude=tuple(config.exclude))
    if not paths:
        raise AuditorError("no articles found in " + ", ".join(map(shown, args.paths)))
    formats = _formats(args, config)
    explicit, candidates = ([], []) if args.no_rules else _rule_sources(args, config, base)
    baseline_file = args.baseline or (base / config.baseline if config.baseline else None)
    accepted = frozenset(baseline.load(baseline_file)) if baseline_file else frozenset()
    plans = [_plan(str(p), args, config, base, explicit, candidates, accepted) for p in paths]
    if args.engine == "dask":
        return _archive(plans, args, out, "json" in formats)
    if out and formats == ["json"] and len(plans) > STREAM_ABOVE and not args.facts and not args.write_baseline:
        return _streamed(plans, args, config, out)
    outcomes = batch.run(plans, args.jobs or config.jobs or os.cpu_count() or 1)
    results = [r for r in outcomes if isinstance(r, ArticleResult)]
    failures = [r for r in outcomes if isinstance(r, batch.Failure)]
    for failure in failures:
        _say(failure.reason)
    if args.facts:
        results = _with_facts(results, args)
    if args.write_baseline:
        count = baseline.write(results, args.write_baseline)
        _say(f"wrote {count} finding(s) to {args.write_baseline}")
    _emit(AuditRun(results=tuple(results), tool_version=__version__), formats, args, config, base)
    if len(outcomes) > 1:
        _say(_summary(results, failures))
    if failures:
        return Exit.INTERNAL if any(f.internal for f in failures) else Exit.USAGE
    fail_on = [args.fail_on or config.for_article(r.article.path).fail_on or config.fail_on for r in results]
    return _exit_code(results, fail_on)


def _streamed(plans: list[batch.Plan], args: argparse.Namespace, config: Config, out: Path) -> Exit:
    """Many articles and only audit.json to write: each article's record is written as it
    comes, byte-identical to the whole document, so memory stays flat (an archive on
    `--jobs`); the file is moved into place whole once every article is done."""
    from auditor.report.json_stream import JsonStream

    report = JsonStream(out / FILES["json"], [plan.path for plan in plans])
    failures: list[batch.Failure] = []
    failing = code = 0
    try:
        # strict: the stream is run to its end, where it shuts its pool down; left suspended at
        # its last article, it would be closed later as if the run were cancelled.
        jobs = args.jobs or config.jobs or os.cpu_count() or 1
        for plan, outcome in zip(plans, batch.stream(plans, jobs), strict=True):
            if isinstance(outcome, batch.Failure):
                failures.append(outcome)
                report.add(plan.path, None, [])
                continue
            report.add(plan.path, outcome.record, list(outcome.statuses))
            failing += outcome.failing
            if _gates(args.fail_on or config.for_article(plan.path).fail_on or config.fail_on, outcome.gate):
                code = Exit.DISCREPANCIES
        report.close()
    except BaseException:
        report.abort()
        raise
    for failure in failures:
        _say(failure.reason)
    _say(_summary_line(len(plans), failing, len(failures)))
    if failures:
        return Exit.INTERNAL if any(f.internal for f in failures) else Exit.USAGE
    return Exit(code) if code else Exit.OK


def _archive(plans: list[batch.Plan], args: argparse.Namespace, out: Path | None, json: bool) -> Exit:
    """An archive on Dask: Parquet and the facts store instead of a page per article; with
    --format json, audit.json too, as the local engine writes it."""
    from auditor import archive

    for plan in plans:  # a bad rule file is reported before any task is sent
        for path in (*plan.rule_files, *plan.candidates):
            batch.rules_at(path)
    tally = archive.run(plans, out or DEFAULT_OUT, args.scheduler, args.facts, json)
    for reason in tally.broken:
        _say(reason)
    _say(f"{_plural(tally.audited, 'article')} audited, {tally.skipped} unchanged since the last run skipped, "
         f"{tally.failing} with failing findings; results in {shown((out or DEFAULT_OUT) / 'archive')}")
    if tally.broken:
        return Exit.USAGE
    return Exit.DISCREPANCIES if tally.failing else Exit.OK


def _with_facts(results: list[ArticleResult], args: argparse.Namespace) -> list[ArticleResult]:
    """Each article's figures against the store (consistency findings), then into it: the
    paper's memory grows with every audit."""
    from dataclasses import replace

    from auditor.facts import consistency, store

    engine = store.open_store(_store_at(args.facts))
    checked = []
    for result in results:
        published = consistency.published_on(result.article, args.date)
        found = store.facts_of(result.article, result.figures, published)  # keyed once, compared, then kept
        extra = consistency.check(engine, result.article, result.figures, published, found)
        checked.append(replace(result, findings=result.findings + tuple(extra)))
        store.add_article(engine, result.article, published, found)
    return checked


def _store_at(given: str | None) -> str:
    """The store named, else .auditor/facts.sqlite beside the project's config (the working
    directory when there is none), so every command of a project finds the same one."""
    if given:
        return given
    config = find_config(None, Path.cwd())
    return str((config.parent if config else Path(".")) / ".auditor" / "facts.sqlite")


def run_facts_add(args: argparse.Namespace) -> Exit:
    from auditor.facts import consistency, store

    engine = store.open_store(_store_at(args.facts))
    for path in article_paths(args.paths):
        article = read_article(path)
        count = store.add_article(engine, article, consistency.published_on(article, args.date))
        print(f"{shown(path)}: {count} facts")
    return Exit.OK


def run_facts_load(args: argparse.Namespace) -> Exit:
    from auditor.facts import store

    count = store.load_reference(store.open_store(_store_at(args.facts)), args.csv)
    print(f"{shown(args.csv)}: {count} reference facts")
    return Exit.OK


def run_facts_find(args: argparse.Namespace) -> Exit:
    from auditor.facts import store

    for row in store.find(store.open_store(_store_at(args.facts)), args.words):
        when = f" {row['published']}" if row["published"] else ""
        print(f"{row['place'] or '?'} · {row['measure']} · {row['period']}: {row['text']}  "
              f"[{row['origin']}: {row['path']}{when}] {row['sentence'][:60]}")
    return Exit.OK


def _summary(results: Sequence[ArticleResult], failures: Sequence[batch.Failure]) -> str:
    """The run in one line: 12 articles, 3 with findings that fail, 1 not audited."""
    failing = sum(1 for r in results if any(f.status == "fails" and f.counts for f in r.findings))
    return _summary_line(len(results) + len(failures), failing, len(failures))


def _summary_line(articles: int, failing: int, not_audited: int) -> str:
    line = f"{_plural(articles, 'article')} checked, {failing} with failing findings"
    return line + (f", {not_audited} not audited" if not_audited else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _plan(path: str, args: argparse.Namespace, config: Config, base: Path, explicit: list[str],
          candidates: list[str], accepted: frozenset[str]) -> batch.Plan:
    settings = config.for_article(path)
    extra = [] if args.no_rules else [str(base / r) for r in settings.rules or []]
    own = [f for s in extra for f in (map(str, rule_files_in(Path(s))) if Path(s).is_dir() else [s])]
    discover = settings.discover if settings.discover is not None else config.discover
    if args.no_discover:
        kinds: tuple[str, ...] | None = ()
    elif args.discover:
        kinds = tuple(args.discover)
    else:
        kinds = None if discover is True else () if discover is False else tuple(discover)
    max_bytes = args.max_bytes or config.max_bytes or MAX_ARTICLE_BYTES
    return batch.Plan(path, tuple(explicit + own), tuple(candidates), kinds, accepted, max_bytes=max_bytes)


def _changed(ref: str, paths: list[str]) -> list[Path]:
    """Articles under `paths` that git reports changed since `ref` (and still exist)."""
    import subprocess  # only for --changed-since: start-up counts

    try:
        done = subprocess.run(["git", "diff", "--name-only", "--diff-filter=ACMR", ref, "--", *paths],
                              capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise AuditorError(f"--changed-since {ref}: git diff failed ({getattr(exc, 'stderr', exc)})".strip()) from None
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True).stdout.strip()
    files = [Path(top) / line for line in done.stdout.splitlines() if line]
    return [f for f in files if f.suffix.lower() in ARTICLE_SUFFIXES and f.is_file()]


def _formats(args: argparse.Namespace, config: Config) -> list[str]:
    """The formats asked for; on GitHub Actions with none asked, annotations and the HTML page."""
    on_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    formats = args.formats or config.formats or (["github", "html"] if on_actions else ["text", "html"])
    to_stdout = [f for f in formats if f in FILES] if (args.out or config.out) is None else []
    if len(to_stdout) > 1:
        raise AuditorError(f"--format {' and '.join(to_stdout)} would share stdout; give --out DIR")
    return list(dict.fromkeys(formats))


def _rule_sources(args: argparse.Namespace, config: Config, base: Path) -> tuple[list[str], list[str]]:
    """Rule files named one by one apply to every article; those found in a directory are matched."""
    given = [Path(p) for p in args.rules]
    sources = given or [base / r for r in config.rules]
    explicit, candidates = [], []
    for source in sources:
        if source.is_dir():
            candidates.extend(str(p) for p in rule_files_in(source))
        elif source.exists():
            explicit.append(str(source))
        elif given or config.rules != ["rules"]:  # only the default ./rules may be absent
            raise AuditorError(f"{source}: no such rule file or directory")
    return explicit, candidates


def _emit(run: AuditRun, formats: list[str], args: argparse.Namespace, config: Config, base: Path) -> None:
    """Print what goes to stdout, and write the report files as one set: every file is
    written beside its target first, and only when all are written do they replace the old
    ones, so a full disk or a read-only --out keeps the previous set whole."""
    out = args.out or (base / config.out if config.out else None)
    files: list[tuple[Path, str]] = []
    for name in formats:
        if name in FILES:
            rendered = _renderer(name)(run)
            if out:
                files.append((out / FILES[name], rendered))
            else:
                sys.stdout.write(rendered)
        elif name == "html":
            stems = _report_names(run.results)
            for result, stem in zip(run.results, stems):
                files.append(((out or DEFAULT_OUT) / f"{stem}.html", html.render_article(result, run.tool_version)))
            if len(run.results) > 1:  # many pages: one index to read them from
                files.append(((out or DEFAULT_OUT) / "index.html", html.render_index(
                    list(run.results), [f"{stem}.html" for stem in stems], run.tool_version)))
        elif name == "github":
            sys.stdout.write(_renderer(name)(run))
        else:
            sys.stdout.write(text.render(run, verbose=args.verbose, colour=_colour()))
    try:
        write_set(files)
    except OSError as exc:
        raise AuditorError(f"{shown(exc.filename or out or DEFAULT_OUT)}: cannot write the reports "
                           f"({exc.strerror or exc}); the previous reports are kept") from None
    for target, _ in files:
        if target.suffix == ".html":
            _say(f"wrote {shown(target)}")


def _renderer(name: str) -> Callable[[AuditRun], str]:
    return importlib.import_module(f"auditor.report.{RENDERERS[name]}").render


def _report_names(results: Sequence[ArticleResult]) -> list[str]:
    """One report name per article: its stem, made unique in a stable way (and never
    `index`, the name of the run's index page when there are several articles)."""
    names: list[str] = []
    seen: dict[str, int] = {"index": 1} if len(results) > 1 else {}
    for result in results:
        stem = result.article.stem
        seen[stem] = seen.get(stem, 0) + 1
        names.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return names


def _exit_code(results: Sequence[ArticleResult], fail_on: Sequence[str]) -> Exit:
    for result, level in zip(results, fail_on):
        if _gates(level, [f.severity for f in result.findings if f.counts]):
            return Exit.DISCREPANCIES
    return Exit.OK


def _gates(level: str, severities: Sequence[str]) -> bool:
    """Whether findings of these severities (not accepted) fail the gate at `fail_on` level."""
    return level != "never" and any(SEVERITY_RANK[s] >= SEVERITY_RANK[level] for s in severities)


def run_extract(args: argparse.Namespace) -> Exit:
    article = read_article(args.path)
    figures = extract_article(article)
    if args.format == "json":
        doc = {"source": article.path, "figures": [figure_record(f, article) for f in figures]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        for f in figures:
            line, col = article.line_col(f.span.start)
            printed = "".join(f.text.split())
            value = "" if f.kind in NON_NUMERIC else f" = {f.value} {f.unit}".rstrip()
            sys.stdout.write(f"{article.path}:{line}:{col}: {f.id} {f.kind} {printed}{value}\n")
    return Exit.OK


def run_suggest(args: argparse.Namespace) -> Exit:
    from auditor.discover.suggest import suggest_rules  # only this command needs it

    article = read_article(args.path)
    text = suggest_rules(article, extract_article(article))
    if args.out is None:
        sys.stdout.write(text)
        return Exit.OK
    if args.out.exists() and not args.force:
        raise AuditorError(f"{args.out}: exists; use --force to overwrite it")
    write_atomic(args.out, text)
    _say(f"wrote {shown(args.out)}")
    return Exit.OK


def run_serve(args: argparse.Namespace) -> Exit:
    from auditor.serve import serve

    serve(args.host, args.port, args.rules, args.samples, args.token, args.max_bytes, args.facts)
    return Exit.OK


def schema_text(which: str) -> str:
    """The JSON Schema of rule files or of the config, as committed under rules/."""
    from auditor.config import Config
    from auditor.rules.model import RuleFile

    model = RuleFile if which == "rules" else Config
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run_schema(args: argparse.Namespace) -> Exit:
    sys.stdout.write(schema_text(args.which))
    return Exit.OK


def run_rules_check(args: argparse.Namespace) -> Exit:
    status = Exit.OK
    files = [p for given in map(Path, args.paths) for p in (rule_files_in(given) if given.is_dir() else [given])]
    if not files:
        raise AuditorError("no rule files found in " + ", ".join(args.paths))
    for path in files:
        try:
            rules = load_rules(path)
        except RuleFileError as exc:
            _say(str(exc))
            for line in exc.more:
                _say(line)
            status = Exit.USAGE
            continue
        problems = _vacuous(rules)
        for problem in problems:
            _say(problem)
        if problems:
            status = Exit.USAGE
            continue
        print(f"{path}: ok ({len(rules.model.figures)} figures, {len(rules.model.checks)} checks)")
    return status


def _vacuous(rules: LoadedRules) -> list[str]:
    """Checks that cannot fail or cannot hold, located at their id (sympy on each shape)."""
    from auditor.evaluate.symbolic import vacuous

    lines = Path(rules.path).read_text(encoding="utf-8-sig").splitlines()
    found = []
    for check in rules.model.checks:
        compiled = rules.compiled.get(check.id)
        reason = vacuous(compiled.shape, compiled.tree, compiled.op) if compiled else ""
        if reason:
            line = next((n for n, text in enumerate(lines, start=1) if re.search(rf"\bid:\s*{re.escape(check.id)}\b", text)), 1)
            found.append(f"{rules.path}:{line}:1: checks.{check.id}: {reason}")
    return found
