"""Archive audits on Dask (issue #14): Parquet out, unchanged articles skipped on a rerun."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from auditor.cli import main
from tests.conftest import SEED


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive-in"
    folder.mkdir()
    for i in range(1, 6):
        (folder / f"a{i}.txt").write_text(f"甲组{i}人，乙组2人，合计{i + 2}人。", encoding="utf-8")
    (folder / "slipped.txt").write_text(SEED.read_text(encoding="utf-8").replace("总人数达6674人", "总人数达6647人"),
                                        encoding="utf-8")
    return folder


def test_an_archive_on_dask_writes_parquet_and_a_rerun_skips_what_did_not_change(archive, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["check", str(archive), "--engine", "dask", "--out", str(out)]) == 1
    articles = pq.read_table(out / "archive" / "articles").to_pylist()
    findings = pq.read_table(out / "archive" / "findings").to_pylist()
    assert len(articles) == 6 and {a["path"].rsplit("/", 1)[-1] for a in articles if a["fails"]} == {"slipped.txt"}
    assert any(f["status"] == "fails" and f["path"].endswith("slipped.txt") for f in findings)
    assert "6 articles audited, 0 unchanged" in capsys.readouterr().err
    assert main(["check", str(archive), "--engine", "dask", "--out", str(out)]) == 0
    assert "0 articles audited, 6 unchanged since the last run skipped" in capsys.readouterr().err
    (archive / "a1.txt").write_text("甲组1人，乙组2人，合计4人。", encoding="utf-8")
    main(["check", str(archive), "--engine", "dask", "--out", str(out)])
    assert "1 article audited, 5 unchanged" in capsys.readouterr().err
    assert len(pq.read_table(out / "archive" / "articles").to_pylist()) == 7  # a new part, the old ones kept


def test_an_archive_on_dask_feeds_the_facts_store(archive, tmp_path, capsys):
    from auditor.facts import store

    facts = tmp_path / "facts.sqlite"
    main(["check", str(archive), "--engine", "dask", "--out", str(tmp_path / "out"), "--facts", str(facts)])
    capsys.readouterr()
    with store.open_store(facts).connect() as connection:
        assert len(connection.execute(store.articles.select()).fetchall()) == 6


def test_dask_writes_the_same_json_as_the_local_engine_byte_for_byte(archive, tmp_path, capsys):
    """audit.json from --engine dask is written record by record as results come back, and is
    still byte-identical to --engine local's (issue #14); ../shared/corpus is compared the same
    way in the closing note."""
    (archive / "b.md").write_text("# 标题\n\n全市共有医院120家，其中公立医院45家、民营医院75家。\n", encoding="utf-8")
    main(["check", str(archive), "--format", "json", "--out", str(tmp_path / "local")])
    main(["check", str(archive), "--format", "json", "--engine", "dask", "--out", str(tmp_path / "dask")])
    capsys.readouterr()
    local = (tmp_path / "local" / "audit.json").read_bytes()
    assert local == (tmp_path / "dask" / "audit.json").read_bytes()
    assert b'"articles": 7' in local


def test_many_articles_with_only_json_to_write_are_streamed_byte_for_byte(archive, tmp_path, capsys, monkeypatch):
    """Past STREAM_ABOVE articles, `--format json` on the local engine writes each record as it
    comes (memory stays flat on an archive); the file, the exit code and the summary are those
    of the whole-document path."""
    from auditor import commands

    main(["check", str(archive), "--format", "json", "--jobs", "2", "--out", str(tmp_path / "whole")])
    whole = capsys.readouterr().err
    monkeypatch.setattr(commands, "STREAM_ABOVE", 2)
    code = main(["check", str(archive), "--format", "json", "--jobs", "2", "--out", str(tmp_path / "streamed")])
    assert code == 1 and "6 articles checked, 1 with failing findings" in capsys.readouterr().err
    assert "6 articles checked, 1 with failing findings" in whole
    assert (tmp_path / "whole" / "audit.json").read_bytes() == (tmp_path / "streamed" / "audit.json").read_bytes()


@pytest.mark.parametrize(("fail_on", "code"), [("warning", 1), ("never", 0)])
def test_the_streamed_gate_is_the_whole_documents_gate(tmp_path, capsys, monkeypatch, fail_on, code):
    """An unbound rule-file check is a warning that fails the gate at --fail-on warning though
    no finding `fails`: the streamed path weighs the same findings as the whole document."""
    from auditor import commands

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1, 4):
        (folder / f"a{i}.txt").write_text(f"甲组{i}人，乙组2人，合计{i + 2}人。", encoding="utf-8")
    rules = tmp_path / "unbound.yaml"
    rules.write_text("article: a1.txt\nfigures:\n  x: {near: '不存在的词'}\nchecks:\n  - id: c\n    expr: 'x == 1'\n",
                     encoding="utf-8")
    argv = ["check", str(folder), "--format", "json", "--jobs", "2", "--fail-on", fail_on, "--rules", str(rules)]
    assert main([*argv, "--out", str(tmp_path / "whole")]) == code
    monkeypatch.setattr(commands, "STREAM_ABOVE", 2)
    assert main([*argv, "--out", str(tmp_path / "streamed")]) == code
    capsys.readouterr()
    assert (tmp_path / "whole" / "audit.json").read_bytes() == (tmp_path / "streamed" / "audit.json").read_bytes()


def test_a_streamed_run_ends_its_workers_quietly(tmp_path):
    """The stream is run to its end, so the pool shuts down as a pool should: before, the parent
    closed it as if cancelled, and every worker printed a KeyboardInterrupt traceback."""
    import subprocess
    import sys

    from auditor.commands import STREAM_ABOVE

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(STREAM_ABOVE + 1):
        (folder / f"a{i:03d}.txt").write_text(f"甲组{i}人，乙组2人，合计{i + 2}人。", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "auditor", "check", str(folder), "--format", "json", "--jobs", "2",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and f"{STREAM_ABOVE + 1} articles checked" in done.stderr
