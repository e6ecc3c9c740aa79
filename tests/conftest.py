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


def enough(with_seeds: int, without: int) -> int:
    """The minimum a test must have exercised: with the seed reports beside the repository,
    or on the team's own texts alone (a fresh clone without ../shared still runs the test,
    on fewer inputs, instead of failing on a corpus-size assertion)."""
    return with_seeds if seed_paths() else without


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


# -- one line at the end of the run: what was skipped and how to enable it -----------------
_ENABLE = [
    ("FAZHI_TEST_PG", "PostgreSQL", "设置 FAZHI_TEST_PG=postgresql+psycopg://… 并启动服务器，.ci/run 会做"),
    ("shared/corpus", "../shared 语料", "把 shared/ 放在仓库旁边（../shared/corpus）"),
    ("chromium", "Chromium 浏览器", "apt-get install chromium"),
    ("soffice", "LibreOffice", "apt-get install libreoffice-writer-nogui"),
    ("libreoffice", "LibreOffice", "apt-get install libreoffice-writer-nogui"),
    ("font", "中文字体", "apt-get install fonts-wqy-microhei"),
]


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001 - pytest hook
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    groups: dict[str, list[int]] = {}
    for rep in skipped:
        reason = str(rep.longrepr[-1] if isinstance(rep.longrepr, tuple) else rep.longrepr)
        key = next((f"{what}（{how}）" for marker, what, how in _ENABLE if marker.lower() in reason.lower()),
                   reason.removeprefix("Skipped: "))
        groups.setdefault(key, []).append(1)
    parts = "；".join(f"{k} ×{len(v)}" for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])))
    terminalreporter.write_line(f"跳过 {len(skipped)} 项 / skipped {len(skipped)}: {parts}")


def sqlite_or_pg_store(request, tmp_path, label: str):
    """A migrated Store on a real SQLite file, or (param "postgresql") in a fresh schema of the
    real PostgreSQL server named by FAZHI_TEST_PG (skipped with the reason when it is not set).
    Use as a parametrised fixture: `params=["sqlite", "postgresql"]`, `yield from …`."""
    import os

    from fazhi.corpus.store import Store
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / (label + '.db')}").migrate()
        yield s
        s.close()
        return
    url = os.environ.get("FAZHI_TEST_PG")
    if not url:
        pytest.skip("FAZHI_TEST_PG is not set (CI sets it and starts PostgreSQL)")
    import sqlalchemy as sa
    schema = f"t_{label}_{os.getpid()}_{abs(hash(str(tmp_path))) % 10**6}"
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    u = sa.engine.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    s = Store(u.render_as_string(hide_password=False)).migrate()
    yield s
    s.close()
    with eng.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    eng.dispose()
