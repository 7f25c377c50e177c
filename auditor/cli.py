"""Command line: argument parsing, exit codes and one-line messages.

Parsing needs none of the pipeline, so `auditor --version` and `--help` import nothing
heavy; the commands themselves live in auditor/commands.py and are imported once the
arguments are read.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import traceback
from enum import IntEnum
from pathlib import Path
from typing import Sequence

from auditor import __version__
from auditor.errors import AuditorError, RuleFileError
from auditor.kinds import KIND_NAMES

MAX_ARTICLE_BYTES = 2_000_000  # auditor.read.MAX_ARTICLE_BYTES, for the help text (a test keeps them equal)
FORMATS = ("text", "json", "html", "sarif", "junit", "github")


class Exit(IntEnum):
    OK = 0
    DISCREPANCIES = 1  # only ever findings: a crash never looks like one
    USAGE = 2  # bad input (a rule file, an article, a flag, an unwritable --out), located
    INTERNAL = 3  # a bug of ours: one line, the traceback with --verbose


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminated)
    if getattr(args, "lang", None):
        from auditor import i18n

        i18n.set_language(args.lang)
    try:
        from auditor import commands

        return int(getattr(commands, args.run)(args))
    except RuleFileError as exc:
        say(str(exc))
        for line in exc.more:
            say(line)
        return Exit.USAGE
    except AuditorError as exc:
        say(str(exc))
        return Exit.USAGE
    except BrokenPipeError:
        # `auditor extract x | head`: the reader left; that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
    except KeyboardInterrupt:
        if not _TERMINATED:
            raise
        # A cancelled run has stopped its workers and left no report half-written. Exit now:
        # the interpreter's exit would join the process pool's threads, which can wait for
        # good on a pipe that a worker it ended was writing to.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(128 + signal.SIGTERM)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - anything else is a bug of ours; say so, never exit 1
        say(f"internal error: {type(exc).__name__}: {exc}"
            + ("" if getattr(args, "verbose", False) else " (run with --verbose for the traceback)"))
        if getattr(args, "verbose", False):
            traceback.print_exc()
        return Exit.INTERNAL


_TERMINATED = False


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a CI job cancelled) unwinds like Ctrl-C, so the workers end with the run."""
    global _TERMINATED
    _TERMINATED = True
    raise KeyboardInterrupt


def say(message: str) -> None:
    """One line on stderr, control characters escaped: a file name or a rule-file key with a
    newline cannot start a line of its own (a forged `::error` workflow command)."""
    print("auditor: " + _escaped(message), file=sys.stderr)


def _escaped(text: str) -> str:
    return "".join(c if c.isprintable() or c in " \t" else repr(c)[1:-1] for c in text)


def _colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def schema_text(which: str) -> str:
    from auditor.commands import schema_text as text

    return text(which)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="auditor", description="Check whether the figures in an article add up.")
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="audit articles against rule files")
    check.add_argument("paths", nargs="+", help="article files or directories")
    check.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="rule file (applies to every article) or directory (matched by article:/applies_to:)")
    check.add_argument("--no-rules", action="store_true", help="use no rule files")
    check.add_argument("--no-discover", action="store_true",
                       help="check only rule files, not the relations the article states about itself")
    check.add_argument("--discover", metavar="KINDS", type=_kinds,
                       help=f"comma-separated discovery kinds to run (default all: {', '.join(KIND_NAMES)})")
    check.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                       help="repeatable; default: text on stdout and html under --out "
                            "(github annotations instead of text when GITHUB_ACTIONS=true)")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="accept the findings recorded in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record the current findings in FILE")
    check.add_argument("--out", type=Path, help="output directory (default for html: reports/)")
    check.add_argument("--fail-on", choices=("error", "warning", "note", "never"),
                       help="lowest severity that fails the run (default: the config's, else error)")
    check.add_argument("--config", type=Path, help="config file (default: auditor.yaml or [tool.auditor] "
                                                   "found upward, or $AUDITOR_CONFIG)")
    check.add_argument("--jobs", "-j", type=_jobs, help="worker processes, 1 or more (default: the CPU count)")
    check.add_argument("--max-bytes", type=_size, metavar="SIZE",
                       help=f"refuse larger articles, e.g. 500KB or 20MB (default {MAX_ARTICLE_BYTES:,} bytes)")
    check.add_argument("--changed-since", metavar="REF", help="only articles git reports changed since REF")
    check.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: worker processes on this machine (--jobs); dask: tasks on a Dask cluster, "
                            "results as Parquet under --out/archive")
    check.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (default: a LocalCluster)")
    check.add_argument("--facts", metavar="STORE",
                       help="check figures against the facts store (a path, or a postgresql:// URL) and add them to it")
    check.add_argument("--date", type=_date, help="the articles' publication date (YYYY-MM-DD), for their facts")
    check.add_argument("--lang", choices=("zh", "en"),
                       help="language of the reports (default: Chinese pages, English terminal text)")
    check.add_argument("--verbose", "-v", action="store_true", help="also list checks that hold")
    check.set_defaults(run="run_check")
    extract = sub.add_parser("extract", help="list the figures found in an article")
    extract.add_argument("path")
    extract.add_argument("--format", choices=("json", "text"), default="json")
    extract.set_defaults(run="run_extract")
    suggest = sub.add_parser("suggest", help="write a rule file from the relations an article states")
    suggest.add_argument("path")
    suggest.add_argument("--out", type=Path, help="write to this file instead of stdout")
    suggest.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    suggest.set_defaults(run="run_suggest")
    desk = sub.add_parser("serve", help="the editor's desk: audit pasted or uploaded articles in a browser")
    desk.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    desk.add_argument("--port", type=int, default=8000)
    desk.add_argument("--rules", type=Path, default=Path("rules"), help="rules directory, fixed at start")
    desk.add_argument("--samples", type=Path, default=Path("seeds"), help="sample articles offered on the page")
    desk.add_argument("--token", help="required on every request; needed off localhost (or $AUDITOR_TOKEN)")
    desk.add_argument("--max-bytes", type=_size, default=2_000_000, metavar="SIZE",
                      help="largest article or upload (default 2MB)")
    desk.add_argument("--facts", metavar="STORE", help="check drafts against a facts store (read only)")
    desk.set_defaults(run="run_serve")
    facts = sub.add_parser("facts", help="the facts store: what the paper has already published")
    facts_sub = facts.add_subparsers(dest="facts_command", required=True)
    add = facts_sub.add_parser("add", help="index articles' figures as facts")
    add.add_argument("paths", nargs="+")
    add.add_argument("--date", type=_date, help="their publication date (YYYY-MM-DD)")
    load = facts_sub.add_parser("load", help="load official figures from a CSV (place, measure, period, value, "
                                             "unit, source, date[, revises])")
    load.add_argument("csv", type=Path)
    find = facts_sub.add_parser("find", help="list facts whose key or sentence contains every keyword")
    find.add_argument("words", nargs="+")
    for command, run in ((add, "run_facts_add"), (load, "run_facts_load"), (find, "run_facts_find")):
        command.add_argument("--facts", metavar="STORE", help="a path (default .auditor/facts.sqlite) or a URL")
        command.set_defaults(run=run)
    schema = sub.add_parser("schema", help="print the JSON Schema of rule files or of the config")
    schema.add_argument("which", choices=("rules", "config"), nargs="?", default="rules")
    schema.set_defaults(run="run_schema")
    rules = sub.add_parser("rules", help="work with rule files")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    validate = rules_sub.add_parser("check", help="validate rule files")
    validate.add_argument("paths", nargs="+")
    validate.set_defaults(run="run_rules_check")
    return parser


def _size(text: str) -> int:
    """`20MB`, `500KB` or a number of bytes."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip(), re.IGNORECASE)
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 500KB or 20MB")
    return int(float(match[1]) * {"": 1, "K": 1e3, "M": 1e6, "G": 1e9}[match[2].upper()])



def _kinds(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KIND_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown discovery kind(s): {', '.join(unknown)}")
    return kinds



def _date(text: str) -> "date":  # noqa: F821 - datetime is imported when a date is given
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2023-12-14") from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes") from None
    if value < 1:
        raise argparse.ArgumentTypeError("--jobs must be 1 or more")
    return value


