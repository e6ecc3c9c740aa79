from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS_DIR = SHARED / "corpus" / "seeds"
EXAMPLES = ROOT / "examples"
TEXTS = Path(__file__).resolve().parent / "texts"


def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []


def seed_by_prefix(prefix: str) -> Path:
    for p in seed_paths():
        if p.name.startswith(prefix):
            return p
    pytest.skip("shared/corpus/seeds is not beside the repository")


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths:
        pytest.skip("shared/corpus/seeds is not beside the repository")
    return paths


@pytest.fixture(scope="session")
def example_path() -> Path:
    return next(EXAMPLES.glob("*.txt"))
