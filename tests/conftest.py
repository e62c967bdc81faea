"""Shared fixtures: paths to the shared seeds and tiny in-code builders."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kbp.kb.export import export_facts, export_mentions

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_NEWS = SEEDS / "000_09c5cf1c384a8273.txt"
SEED_KB = SEEDS / "004_8a5d8298065f734c.txt"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SEEDS}")
    return SEEDS


def exported(store) -> dict[str, list[dict]]:
    """The store's facts and mentions as ``kbp export`` writes them, read back."""
    out = {}
    for key, export in (("facts", export_facts), ("mentions", export_mentions)):
        buf = io.StringIO()
        export(store, buf)
        out[key] = [json.loads(line) for line in buf.getvalue().splitlines()]
    return out
