"""The benchmark command runs end to end at tiny sizes (this proves it works; it does not time anything)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialpolicy.project import project_from_data
from socialpolicy.render import render
from tools import bench


def test_bench_runs_at_tiny_sizes_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    argv = ["--sizes", "5,10", "--library-size", "20", "--process-sizes", "4,8", "--process-runs", "1"]
    assert bench.main([*argv, "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    header = printed.splitlines()[2].split()
    assert header[:4] == ["clauses", "assemble", "load", "render"] and "pandoc_docx" in header
    assert any(line.split()[:1] == ["5"] for line in printed.splitlines())
    assert "growth" in printed and f"wrote {out}" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [row["clauses"] for row in result["sizes"]] == [5, 10]
    for row in result["sizes"]:
        for step in ("assemble", "load", "render", "export_md", "export_html"):
            assert row[step] > 0
        assert row["md_bytes"] > 0 and row["peak_mb"] > 0
        assert row["export_docx"] is None or row["export_docx"] > 0
    assert set(result["growth"]) == set(bench.STEPS)
    assert result["library_load"] == {"clauses": 20, "seconds": result["library_load"]["seconds"]}
    # The whole processes, against pandoc on the same document.
    assert [row["clauses"] for row in result["processes"]] == [4, 8]
    for row in result["processes"]:
        assert row["export_docx"] > 0 and row["check"] > 0
        assert (row["pandoc_docx"] is None) == (row["export_docx/pandoc"] is None) == (not result["pandoc"])
    assert set(result["process_growth"]) == set(bench.PROCESS_STEPS)
    assert "whole processes" in printed and "export/pandoc" in printed


def test_bench_documents_are_realistic() -> None:
    project = bench.bench_project(40)
    assert len(project.custom_clauses) == 40 and len(project.sections) == 4
    again = project_from_data(project.to_dict(), "bench")  # a valid project file
    assert again == project
    doc = render(project, bench.Catalog.default(), None, source="bench")
    blocks = [b for s in doc.sections for b in s.blocks]
    assert len(blocks) + sum(1 for c in project.custom_clauses if c.topic == "definitions") >= 36
    text = "\n".join(b.markdown for b in blocks)
    assert "](#sec-s00" in text  # cross-references resolved to sections of the document
    assert not any(b.broken_refs for b in blocks)
    assert "{{" not in text
    assembled = bench.assemble(*bench.assembly_inputs(40))  # assembly over the generated template
    assert sum(len(s.clauses) for s in assembled.sections) == 40


def test_bench_rejects_bad_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        bench.main(["--sizes", "ten"])
    assert exc.value.code == 2 and "--sizes" in capsys.readouterr().err
