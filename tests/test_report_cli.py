"""``sitrep report`` and ``sitrep serve``: their arguments and their errors (no store needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.api import ServeSettings
from sitrep.cli.main import build_parser, main
from sitrep.errors import ConfigError


def test_report_and_serve_are_commands() -> None:
    parser = build_parser()
    args = parser.parse_args(["report", "--db", "x.duckdb", "--place", "Aleppo", "--from", "2016-12-01",
                              "--to", "2016-12-15", "--format", "html"])
    assert (args.place, args.date_from, args.date_to, args.format) == ("Aleppo", "2016-12-01", "2016-12-15", "html")
    args = parser.parse_args(["serve", "--db", "x.duckdb", "--keyed-read", "--api-key", "k" * 12])
    assert (args.host, args.port, args.public_read) == ("127.0.0.1", 8000, False)


def test_report_without_a_store_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(tmp_path / "none.duckdb"), "--place", "Aleppo"]) == 2
    assert "sitrep ingest" in capsys.readouterr().err


def test_report_dates_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.duckdb"
    db.touch()
    assert main(["report", "--db", str(db), "--from", "2016-12-15", "--to", "2016-12-01"]) == 2
    assert "after --to" in capsys.readouterr().err
    assert main(["report", "--db", str(db), "--from", "15/12/2016"]) == 2
    assert "ISO date" in capsys.readouterr().err


def test_serve_refuses_bad_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err
    db = tmp_path / "db.duckdb"
    db.touch()
    assert main(["serve", "--db", str(db), "--api-key", "short"]) == 2
    assert "12 characters" in capsys.readouterr().err
    assert main(["serve", "--db", str(db), "--port", "70000"]) == 2


@pytest.mark.parametrize(("settings", "words"), [
    ({"public_read": False}, "--keyed-read needs an API key"),
    ({"tiles_url": "ftp://tiles.example.org/{z}/{x}/{y}.png"}, "http(s)"),
    ({"tiles_url": "https://tiles.example.org/tile.png"}, "{z}, {x} and {y}"),
    ({"max_limit": 10, "default_limit": 50}, "default_limit"),
])
def test_serve_settings_are_checked(tmp_path: Path, settings: dict[str, object], words: str) -> None:
    with pytest.raises(ConfigError, match=words.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{")
                       .replace("}", r"\}")):
        ServeSettings(db=tmp_path / "db.duckdb", **settings)  # type: ignore[arg-type]
