"""Fixtures for the reader tests: the shared encyclopedia seed and a file writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

SEED_ARTICLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "004_8a5d8298065f734c.txt"
)


@pytest.fixture(scope="session")
def seed_article() -> Path:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"shared seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to ``tmp_path / name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    return _write
