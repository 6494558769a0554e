"""Language resources kept as data files: ``resources/<lang>/<name>.tsv``.

Each file is UTF-8 TSV: lines starting with ``#`` are comments (the first
ones say what the file is and its version), the first other line is the
header naming the columns, and each further line is one entry written by the
team.  ``load_table`` returns the rows as dicts keyed by the header.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError

RESOURCE_DIR = Path(__file__).resolve().parent


def resource_path(lang: str, name: str) -> Path:
    """Path of ``<lang>/<name>.tsv`` (``lang`` may be ``"common"``)."""
    return RESOURCE_DIR / lang / f"{name}.tsv"


@lru_cache(maxsize=256)
def load_table(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """The rows of a resource table, as dicts keyed by its header."""
    path = resource_path(lang, name)
    if not path.is_file():
        raise ResourceError(f"language resource {lang}/{name}.tsv is missing (looked in {RESOURCE_DIR})")
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ResourceError(f"{path}:{lineno}: {len(cells)} columns, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)


def load_column(lang: str, name: str, column: str | None = None) -> tuple[str, ...]:
    """One column of a table (the first column by default)."""
    rows = load_table(lang, name)
    if not rows:
        return ()
    key = column or next(iter(rows[0]))
    return tuple(r[key] for r in rows if r.get(key))
