"""The CLI's contract with its users: clear one-line errors, exit codes, formats."""

import json
import subprocess
import sys

import pytest

from sitrep.cli.main import main

FRENCH = ("Le conseil municipal de Nantes a voté mardi un budget de 12 millions d'euros "
          "pour rénover les écoles de la ville, a annoncé la mairie.")


def run_cli(*args):
    return main([str(a) for a in args])


def test_missing_path_is_one_line_and_non_zero(capsys):
    assert run_cli("extract", "/no/such/article.txt", "--stages", "") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "sitrep: error: /no/such/article.txt: no such file or folder"
    assert "Traceback" not in "\n".join(err)


def test_empty_and_binary_files(tmp_path, capsys):
    empty, binary = tmp_path / "empty.txt", tmp_path / "blob.txt"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 10)
    assert run_cli("extract", empty, "--stages", "") == 1
    assert run_cli("extract", binary, "--stages", "") == 1
    err = capsys.readouterr().err
    assert f"{empty}: the input is empty" in err and f"{binary}: the input looks binary" in err


def test_unsupported_language_is_reported(tmp_path, capsys):
    german = tmp_path / "de.txt"
    german.write_text("Die Regierung hat am Dienstag beschlossen, die Steuern im nächsten Jahr "
                      "deutlich zu senken, teilte das Finanzministerium mit.", encoding="utf-8")
    assert run_cli("extract", german, "--stages", "nlp") == 1
    assert "language detected as 'de'" in capsys.readouterr().err
    # cleaning alone does not need a supported language
    assert run_cli("extract", german, "--stages", "") == 0
    assert json.loads(capsys.readouterr().out)["language"] == "de"


def test_bad_published_date_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert run_cli("extract", path, "--published", "hier") == 2
    assert "--published must be an ISO date" in capsys.readouterr().err


def test_cp1252_file_comes_out_with_accents(tmp_path, capsys):
    path = tmp_path / "ancien.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    assert run_cli("extract", path, "--stages", "") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["language"] == "fr" and "municipal de Nantes a voté" in out["text"]


def test_jsonl_batch_keeps_going(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok", "text": FRENCH, "language": "fr"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "ok2", "text": FRENCH}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", src, "-o", out, "--stages", "") == 1
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["ok", "ok2"]
    assert "1 skipped" in capsys.readouterr().err


def test_unwritable_output_folder(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert run_cli("extract", path, "-o", tmp_path / "nope" / "out.json") == 2
    assert "does not exist" in capsys.readouterr().err


def test_module_entry_point_help():
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli.main", "extract", "--help"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "--published" in proc.stdout and "--format" in proc.stdout


@pytest.mark.slow
def test_text_format_on_bundled_examples(capsys):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[1] / "examples"
    assert run_cli("extract", examples, "--format", "text") == 0
    out = capsys.readouterr().out
    assert out.count("\n# ") + out.startswith("# ") >= 4  # one report per article
