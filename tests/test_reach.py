"""What an article or a scanned folder can make the runner do (issue #12): nothing outside the
repository is read, one bad article costs only its own report, a crash never looks like
findings, and the CI path passes a pull request that touches no article."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor import batch
from auditor.cli import main
from tests.conftest import ROOT, SEED

SLIP = ("总人数达6674人", "总人数达6647人")
SECRET = "root:x:0:0"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def timed(capsys, *argv: str) -> tuple[int, str, str]:
    start = time.monotonic()
    result = run(capsys, *argv)
    assert time.monotonic() - start < 5, "a hostile input must be answered in under 5 s"
    return result


def reports(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_front_matter_rules_naming_dev_zero_a_fifo_or_passwd_are_not_read(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    article = tmp_path / "story.md"
    article.write_text(f"---\nauditor:\n  rules: [/dev/zero, {fifo}, /etc/passwd]\n---\n甲组1人，乙组2人，合计3人。\n",
                       encoding="utf-8")
    code, out, err = timed(capsys, "check", str(article), "--format", "json", "--out", str(tmp_path / "out"))
    assert code == 0, err
    doc = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert any("not read" in note for note in doc["articles"][0]["notes"])
    assert "passwd" not in err and SECRET not in reports(tmp_path / "out")


def test_a_symlink_in_a_scanned_folder_is_not_followed(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "status.txt").symlink_to("/proc/self/status")
    (folder / "linked").symlink_to("/etc", target_is_directory=True)
    code, out, err = timed(capsys, "check", str(folder), "--format", "json", "--format", "html",
                           "--out", str(tmp_path / "out"))
    assert code == 0, err
    doc = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert [Path(a["source"]).name for a in doc["articles"]] == ["story.txt"]
    assert SECRET not in reports(tmp_path / "out") and "VmPeak" not in reports(tmp_path / "out")


@pytest.mark.parametrize("name", ["/dev/zero", "/proc/self/status", "/dev/urandom"])
def test_a_device_or_proc_file_named_on_the_command_line_is_refused(tmp_path, capsys, name):
    code, out, err = timed(capsys, "check", name, "--no-rules", "--out", str(tmp_path))
    assert code == 2 and name in err and "never read" in err


def test_a_fifo_named_on_the_command_line_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    code, out, err = timed(capsys, "check", str(fifo), "--no-rules", "--out", str(tmp_path / "out"))
    assert code == 2 and "not a regular file" in err


def test_suffixes_match_in_any_case(tmp_path, capsys):
    (tmp_path / "A.TXT").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    (tmp_path / "b.Md").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path), "--format", "text", "--out", str(tmp_path / "out"))
    assert code == 0 and "A.TXT" in out and "b.Md" in out


def test_scanning_dot_audits_articles_not_tooling_or_reports(tmp_path, capsys, monkeypatch):
    (tmp_path / "story.txt").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    noise = [".venv/lib/python3.11/site-packages/pkg/LICENSE.txt", "venv2/noise1.txt", "node_modules/m/README.md",
             "lib/site-packages/noise2.txt", ".git/description.txt", "reports/old.html", "__pycache__/noise3.txt"]
    for name in noise:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("甲组1人，乙组2人，合计4人。", encoding="utf-8")
    (tmp_path / "venv2" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", ".", "--format", "text")
    assert code == 0, out + err
    assert "story.txt" in out and not any(Path(n).name in out for n in noise)


def test_files_git_ignores_are_not_scanned(tmp_path, capsys, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "copy.txt").write_text("甲组1人，乙组2人，合计4人。", encoding="utf-8")
    (tmp_path / "story.txt").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path), "--format", "text", "--out", str(tmp_path / "out"))
    assert code == 0 and "story.txt" in out and "copy.txt" not in out


def test_config_include_and_exclude_globs(tmp_path, capsys, monkeypatch):
    for name in ("news/a.txt", "news/draft-b.txt", "notes/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    (tmp_path / "auditor.yaml").write_text("include: ['news/*']\nexclude: ['*/draft-*']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", ".", "--format", "text", "--out", "out")
    assert code == 0 and "a.txt" in out and "draft-b.txt" not in out and "c.txt" not in out


def test_one_unreadable_article_does_not_lose_the_others(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run(capsys, "check", str(tmp_path), "--format", "html", "--out", str(tmp_path / "out"))
    assert code == 2 and "bad.txt" in err and "looks binary" in err
    assert (tmp_path / "out" / "good.html").exists()


def test_a_crash_in_one_article_exits_3_not_1_and_keeps_the_others(tmp_path, capsys, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    real = batch.audit_article

    def crashing(article, *args, **kwargs):  # noqa: ANN001, ANN202
        if article.path.endswith("b.txt"):
            raise OverflowError("int too large to convert to float")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(batch, "audit_article", crashing)
    code, out, err = run(capsys, "check", str(tmp_path), "--jobs", "1", "--format", "html",
                         "--out", str(tmp_path / "out"))
    assert code == 3 and "b.txt: internal error: OverflowError" in err and "Traceback" not in err
    assert (tmp_path / "out" / "a.html").exists() and not (tmp_path / "out" / "b.html").exists()


def test_changed_since_with_no_article_changed_exits_0(tmp_path, capsys, monkeypatch):
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=tmp_path, check=True,
                       capture_output=True)

    git("init", "-q")
    (tmp_path / "story.txt").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "one")
    (tmp_path / "README.md.bak").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", ".", "--changed-since", "HEAD")
    assert code == 0 and "no article changed since HEAD" in err


def test_no_articles_named_explicitly_is_still_exit_2(tmp_path, capsys):
    code, out, err = run(capsys, "check", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2 and "no articles found" in err


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_jobs_below_one_is_refused(capsys, jobs):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(SEED), "--jobs", jobs])
    assert exc.value.code == 2


def test_a_read_only_out_exits_2_and_keeps_the_old_reports(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "audit.json").write_text("old", encoding="utf-8")
    out.chmod(0o555)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        code, _, err = run(capsys, "check", str(SEED), "--no-rules", "--format", "json", "--format", "html",
                           "--out", str(out))
    finally:
        out.chmod(0o755)
    assert code == 2 and "cannot write the reports" in err
    assert (out / "audit.json").read_text(encoding="utf-8") == "old" and not list(out.glob(".*tmp"))


def test_a_failed_write_keeps_the_whole_old_report_set(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "audit.json").write_text("old json", encoding="utf-8")
    (out / "junit.xml").write_text("old junit", encoding="utf-8")
    real = os.fdopen
    calls = []

    def full_disk(fd, *args, **kwargs):  # noqa: ANN001, ANN202 - the second file hits ENOSPC
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", full_disk)
    code, _, err = run(capsys, "check", str(SEED), "--no-rules", "--format", "json", "--format", "junit",
                       "--out", str(out))
    assert code == 2 and "No space left" in err
    assert (out / "audit.json").read_text(encoding="utf-8") == "old json"
    assert (out / "junit.xml").read_text(encoding="utf-8") == "old junit"
    assert sorted(p.name for p in out.iterdir()) == ["audit.json", "junit.xml"]


def test_reports_respect_the_umask(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        run(capsys, "check", str(SEED), "--no-rules", "--format", "json", "--out", str(tmp_path))
    finally:
        os.umask(old)
    assert (tmp_path / "audit.json").stat().st_mode & 0o777 == 0o644


def test_a_newline_in_a_file_name_cannot_forge_a_workflow_command(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\n::error file=a::forged.txt").write_bytes(b"\x00binary")
    (folder / "ok.txt").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    code, out, err = run(capsys, "check", str(folder), "--format", "github", "--out", str(tmp_path / "out"))
    assert code == 2
    assert not any(line.startswith("::") for line in (out + err).splitlines())


def test_a_summary_line_follows_several_articles(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path), "--format", "text", "--out", str(tmp_path / "out"))
    assert "2 articles checked, 0 with failing findings" in err
    code, out, err = run(capsys, "check", str(tmp_path / "a.txt"), "--format", "text", "--out", str(tmp_path / "o"))
    assert "checked" not in err  # one article: its own line says it all


def test_no_color_is_honoured(monkeypatch):
    from auditor import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli._colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._colour()


def test_sigterm_ends_the_workers_with_the_parent(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    for i in range(40):
        (tmp_path / f"a{i:02}.txt").write_text(text, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(tmp_path), "--jobs", "2",
                              "--no-rules", "--out", str(tmp_path / "out")], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    workers: list[str] = []
    while time.monotonic() < deadline and not workers:
        time.sleep(0.2)
        found = subprocess.run(["pgrep", "-P", str(child.pid)], capture_output=True, text=True).stdout.split()
        workers = [w for w in found if w]
    if not workers:
        child.kill()
        pytest.skip("no worker process seen (pgrep missing, or the run ended first)")
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=20)
    # Workers end when they see their parent gone; on a loaded machine that takes a moment, so
    # the test waits for them (up to 15 s) rather than looking once.
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and "zombie" not in _state(w)]
    assert not alive, f"workers left running: {alive}"


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


def test_sarif_uses_relative_uris_with_a_base_id_and_no_placeholder(in_root, tmp_path, capsys):
    article = Path("seeds") / "chengdu-daily-2023-12-14.txt"
    code, out, err = run(capsys, "check", str(article), "--no-rules", "--format", "sarif")
    doc = json.loads(out)["runs"][0]
    assert doc["artifacts"][0]["location"] == {"uri": article.as_posix(), "uriBaseId": "%SRCROOT%"}
    assert doc["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    assert "auditor/auditor" not in out


def test_a_baseline_for_one_article_does_not_silence_the_same_finding_in_another(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    slipped = SEED.read_text(encoding="utf-8").replace(*SLIP)
    Path("a.txt").write_text(slipped, encoding="utf-8")
    Path("b.txt").write_text(slipped, encoding="utf-8")
    assert main(["check", "a.txt", "--no-rules", "--write-baseline", "base.json", "--out", "out"]) == 1
    assert main(["check", "a.txt", "--no-rules", "--baseline", "base.json", "--out", "out"]) == 0
    assert main(["check", "b.txt", "--no-rules", "--baseline", "base.json", "--out", "out"]) == 1
    assert main(["check", "./a.txt", "--no-rules", "--baseline", "base.json", "--out", "out"]) == 0
    capsys.readouterr()


def test_a_right_to_left_override_is_a_located_warning_and_never_joins_a_numeral(tmp_path, capsys):
    article = tmp_path / "spoof.txt"
    # The reader sees 6674 (the override reverses 4766); the text holds 4766.
    article.write_text("林长总数为\u202e4766\u202c人，其中市级32人、县级382人、乡级1990人、村级4270人。\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(article), "--no-rules", "--format", "json")
    doc = json.loads(out)["articles"][0]
    assert any(n.startswith("1:6: bidirectional control character U+202E") and "4766" in n for n in doc["notes"])
    assert "6674" not in [f["text"] for f in doc["figures"]]
    assert not any(f["status"] == "holds" and any(g["text"] == "4766人" for g in f["figures"]) for f in doc["findings"])


def test_a_file_name_that_is_not_utf8_is_audited_not_a_crash(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/\xff\xfe.txt", "wb") as handle:
        handle.write("甲组1人，乙组2人，合计3人。".encode())
    code, out, err = run(capsys, "check", str(folder), "--format", "json", "--format", "sarif", "--format", "html",
                         "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert len(json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))["articles"]) == 1


def test_importing_the_cli_pulls_in_no_heavy_dependency():
    """`auditor --version` and a run where every check holds need neither sympy, the desk's
    web stack, python-docx nor cn2an; a fresh interpreter shows what importing the CLI loads."""
    code = ("import sys, auditor.cli; print(sorted(m for m in ('sympy', 'starlette', 'uvicorn', 'docx', 'cn2an', "
            "'auditor.discover', 'pydantic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_a_run_where_every_check_holds_never_imports_sympy():
    code = ("import sys; from auditor.cli import main; "
            "main(['check', 'seeds/chengdu-daily-2023-12-14.txt', '--format', 'json']); "
            "print('sympy' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stderr.strip().endswith("False")


def test_the_cli_and_the_reader_agree_on_the_size_limit_and_the_kinds():
    from auditor import cli
    from auditor.discover import KINDS
    from auditor.kinds import KIND_NAMES
    from auditor.read import MAX_ARTICLE_BYTES

    assert cli.MAX_ARTICLE_BYTES == MAX_ARTICLE_BYTES and KIND_NAMES == tuple(KINDS)


def test_figures_of_320_digits_are_audited_with_discovery_not_a_crash(tmp_path, capsys):
    article = tmp_path / "huge-numbers.txt"
    article.write_text("甲组" + "9" * 320 + "人，乙组" + "1" * 320 + "人，合计" + "1" * 319 + "0人，另有" + "2" * 320 + "人。"
                       "投票率为" + "3" * 300 + ".5%，登记选民" + "9" * 320 + "人，投票" + "1" * 320 + "人。\n", encoding="utf-8")
    code, out, err = timed(capsys, "check", str(article), "--format", "json", "--out", str(tmp_path / "out"))
    assert code in (0, 1), err


@pytest.mark.parametrize(("front", "where"), [
    ("auditor: [unclosed\n", "a.md:3:1"),
    ("auditor: !!python/object/apply:os.system ['echo pwned']\n", "a.md:2:10"),
    ("auditor: " + "[" * 5000 + "]" * 5000 + "\n", "a.md:2:"),
    ("a: &a [1, 2]\nb: [*a, *a]\n", "a.md:3:5"),
])
def test_bad_front_matter_is_a_located_error_not_a_crash(tmp_path, capsys, front, where):
    article = tmp_path / "a.md"
    article.write_text(f"---\n{front}---\n甲组1人，乙组2人，合计3人。\n", encoding="utf-8")
    code, out, err = timed(capsys, "check", str(article), "--format", "json", "--out", str(tmp_path / "out"))
    assert code == 2 and where in err and "invalid front matter" in err


def test_front_matter_of_the_wrong_shape_is_ignored(tmp_path, capsys):
    article = tmp_path / "a.md"
    article.write_text("---\nauditor:\n  rules: 12\n  skip: 7\n---\n甲组1人，乙组2人，合计3人。\n", encoding="utf-8")
    code, out, err = timed(capsys, "check", str(article), "--format", "json", "--out", str(tmp_path / "out"))
    assert code == 0, err


def test_several_articles_get_an_index_page_failing_first(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-ok.txt").write_text("甲组1人，乙组2人，合计3人。", encoding="utf-8")
    (tmp_path / "in" / "index.txt").write_text(SEED.read_text(encoding="utf-8").replace(*SLIP), encoding="utf-8")
    run(capsys, "check", str(tmp_path / "in"), "--format", "html", "--out", str(tmp_path / "out"))
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert page.index("index-2.html") < page.index("a-ok.html")  # the failing article first, its page renamed
    assert "probable misprint: 6647人 should read 6674人" in page
    assert (tmp_path / "out" / "index-2.html").exists() and (tmp_path / "out" / "a-ok.html").exists()


def test_lang_chooses_the_reports_language(tmp_path, capsys):
    article = tmp_path / "slipped.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace(*SLIP), encoding="utf-8")
    from tests.conftest import SEED_RULES

    main(["check", str(article), "--rules", str(SEED_RULES), "--lang", "zh", "--format", "text"])
    assert "可能的排印错误" in capsys.readouterr().out
    main(["check", str(article), "--rules", str(SEED_RULES), "--lang", "en", "--format", "html", "--out", str(tmp_path)])
    capsys.readouterr()
    assert "Probable misprint" in (tmp_path / "slipped.html").read_text(encoding="utf-8")
    from auditor import i18n

    i18n._chosen.set(None)  # no language chosen again: the other tests see the defaults
