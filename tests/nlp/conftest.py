"""Fixtures for the NLP tests."""

from __future__ import annotations

import pytest

from kbp.nlp.model import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()
