"""The command line as a user meets it: one-line errors, exit codes, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kbp.cli import app

runner = CliRunner()


def run(db: Path, *args: str, env: dict[str, str] | None = None):
    result = runner.invoke(app, ["--db", str(db), *args], env=env)
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "news").mkdir()
    good = tmp_path / "news" / "good.txt"
    good.write_text("Jane Roe was born in Lima. She is a Peruvian chemist.\n", encoding="utf-8")
    paths = {
        "good": good,
        "binary": tmp_path / "photo.txt",
        "latin1": tmp_path / "latin.txt",
        "empty": tmp_path / "empty.txt",
        "bad_sgml": tmp_path / "bad.sgm",
        "bad_xml": tmp_path / "kb.xml",
        "not_db": tmp_path / "other.db",
    }
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    paths["latin1"].write_bytes("Café owner Ana Díaz was born in Quito.\n".encode("latin-1"))
    paths["empty"].write_text("  \n", encoding="utf-8")
    paths["bad_sgml"].write_text("<DOC><DOCID>X1</DOCID><TEXT>never closed", encoding="utf-8")
    paths["bad_xml"].write_text(
        '<knowledge_base><entity id="E1" name="X" type="PER"><wiki_text>t</wiki_text></entity',
        encoding="utf-8",
    )
    paths["not_db"].write_text("this is not a database\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("binary", "binary file"),
        ("empty", "no text to read"),
        ("bad_sgml", "not closed"),
    ],
)
def test_cli_bad_document_gets_one_line_and_others_still_load(tmp_path, files, key, problem):
    db = tmp_path / "kb.db"
    result = run(db, "ingest", str(files[key]), str(files["good"]))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert files[key].name in errors[0] and problem in errors[0]
    shown = run(db, "show", "Jane Roe")
    assert shown.exit_code == 0 and "Lima" in shown.output


def test_cli_missing_path_is_reported_and_the_rest_processed(tmp_path, files):
    db = tmp_path / "kb.db"
    result = run(db, "ingest", str(tmp_path / "nope.txt"), str(tmp_path / "news"))
    assert result.exit_code == 1
    assert "nope.txt: no such file" in result.output
    assert "1 documents processed" in result.output


def test_cli_invalid_utf8_is_a_warning_with_best_effort_text(tmp_path, files):
    db = tmp_path / "kb.db"
    result = run(db, "ingest", str(files["latin1"]))
    assert result.exit_code == 0
    assert "warning:" in result.output and "latin.txt" in result.output
    assert "Ana Díaz" in run(db, "show", "Ana Díaz").output


def test_cli_malformed_kb_xml(tmp_path, files):
    result = run(tmp_path / "kb.db", "kb", "add", str(files["bad_xml"]))
    assert result.exit_code == 1
    assert "kb.xml" in result.output and "malformed XML" in result.output


def test_cli_file_over_the_limit(tmp_path, files):
    result = run(tmp_path / "kb.db", "ingest", "--max-bytes", "10", str(files["good"]))
    assert result.exit_code == 1
    assert "good.txt" in result.output and "--max-bytes" in result.output


def test_cli_fifty_megabyte_file_is_refused_by_default(tmp_path):
    big = tmp_path / "big.txt"
    line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n"
    with big.open("w", encoding="utf-8") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    result = run(tmp_path / "kb.db", "ingest", str(big))
    assert result.exit_code == 1
    assert "big.txt" in result.output and "limit" in result.output


def test_cli_store_that_is_not_a_database(files):
    result = run(files["not_db"], "stats")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and "not a kbp database" in result.output
    assert files["not_db"].read_text(encoding="utf-8") == "this is not a database\n"


def test_cli_reingest_is_a_no_op_and_db_env_var_is_used(tmp_path, files):
    db = tmp_path / "env.db"
    env = {"KBP_DB": str(db)}
    first = runner.invoke(app, ["ingest", str(files["good"])], env=env)
    assert first.exit_code == 0, first.output
    assert db.exists()
    second = runner.invoke(app, ["ingest", str(files["good"])], env=env)
    assert "0 documents processed, 1 unchanged" in second.output


def test_cli_export_writes_the_contract(tmp_path, files):
    db = tmp_path / "kb.db"
    assert run(db, "ingest", str(files["good"])).exit_code == 0
    out = tmp_path / "facts.jsonl"
    assert run(db, "export", "--format", "facts", "--out", str(out)).exit_code == 0
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    birth = next(f for f in facts if f["slot"] == "per:city_of_birth")
    assert birth["value"] == "Lima" and birth["status"] == "new"
    assert set(birth) >= {"subject", "slot", "value", "object", "qualifiers", "confidence",
                          "status", "provenance"}
    raw = files["good"].read_text(encoding="utf-8")
    prov = birth["provenance"][0]
    assert prov["doc_id"] == "good" and raw[prov["start"] : prov["end"]] == "Lima"
    assert not list(tmp_path.glob("*.part"))
    mentions = tmp_path / "mentions.jsonl"
    assert run(db, "export", "-f", "mentions", "-o", str(mentions)).exit_code == 0
    rows = [json.loads(line) for line in mentions.read_text(encoding="utf-8").splitlines()]
    jane = [r for r in rows if r["text"] in ("Jane Roe", "She")]
    assert len(jane) == 2 and len({r["entity_id"] for r in jane}) == 1


def test_cli_export_to_dash_writes_standard_output(tmp_path, files, monkeypatch):
    db = tmp_path / "kb.db"
    assert run(db, "ingest", str(files["good"])).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = run(db, "-q", "export", "-o", "-")
    assert result.exit_code == 0
    assert any(json.loads(line)["value"] == "Lima" for line in result.stdout.splitlines())
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "Nobody Here"], 1, "no entity matches"),
        (["export", "--format", "xml"], 2, "unknown format"),
    ],
)
def test_cli_user_mistakes_exit_non_zero_with_one_line(tmp_path, args, code, message):
    result = run(tmp_path / "kb.db", *args)
    assert result.exit_code == code
    assert message in result.output
