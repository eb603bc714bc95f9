"""Shared fixtures: one pipeline per test session (the spaCy model loads once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings import Pipeline, Settings

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples" / "articles"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings.load())


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.parser.nlp
