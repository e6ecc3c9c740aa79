"""Decompression bombs are refused before they are inflated, and one analysis in a worker is
bounded in time and memory (fazhi.worker)."""
from __future__ import annotations

import io
import os
import resource
import time
import zipfile
import zlib

import pytest

import fazhi
from fazhi.errors import FazhiError
from fazhi.worker import LimitedExecutor

import build_formats as bf

TEXT = "示例县2023年法治政府建设年度报告\n一、主要工作\n全年办理行政复议案件12件。\n二、存在的不足\n执法人员不足。\n"


def _docx_with_body(pad_mb: int) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(bf.to_docx(TEXT)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            d = zin.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = d.split(b"<w:body>", 1)
                with zo.open(info.filename, "w", force_zip64=True) as fh:
                    fh.write(head + b"<w:body>")
                    for _ in range(pad_mb):
                        fh.write(b" " * (1 << 20))
                    fh.write(tail)
            else:
                zo.writestr(info.filename, d)
    return out.getvalue()


def _pdf_with_stream(mb: int) -> bytes:
    d = zlib.compressobj(9)
    z = b"".join(d.compress(b"\0" * (1 << 20)) for _ in range(mb)) + d.flush()
    pdf = bf.to_pdf(TEXT)
    return pdf.replace(b"%%EOF", b"") + (b"\n99 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n"
                                         % len(z)) + z + b"\nendstream\nendobj\n%%EOF\n"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_docx_bomb_is_refused_without_inflating():
    data = _docx_with_body(300)
    assert len(data) < 1024 * 1024
    before = _rss_mb()
    t0 = time.perf_counter()
    with pytest.raises(FazhiError) as e:
        fazhi.analyze(data, path="bomb.docx")
    assert e.value.code == "unpacked_too_large"
    assert time.perf_counter() - t0 < 5
    assert _rss_mb() - before < 100


def test_pdf_bomb_is_refused_without_inflating_into_memory():
    data = _pdf_with_stream(300)
    before = _rss_mb()
    with pytest.raises(FazhiError) as e:
        fazhi.analyze(data, path="bomb.pdf")
    assert e.value.code == "unpacked_too_large"
    assert _rss_mb() - before < 100


def test_ordinary_docx_and_pdf_pass_the_limits():
    assert fazhi.analyze(bf.to_docx(TEXT), path="a.docx").facts
    assert fazhi.analyze(bf.to_pdf(TEXT), path="a.pdf").facts
    assert fazhi.analyze(_docx_with_body(5), path="padded.docx").facts     # 5 MB inflated is fine


def test_limit_is_configurable():
    from fazhi.config import Config
    cfg = Config.default()
    cfg.data.setdefault("limits", {})["max_unpacked_mb"] = 1
    with pytest.raises(FazhiError) as e:
        fazhi.analyze(_docx_with_body(5), path="padded.docx", config=cfg)
    assert e.value.code == "unpacked_too_large"


def _hang(x):
    while True:
        pass


def _grab(mb):
    return len(bytearray(mb << 20))


def _die(code):
    os._exit(code)


def _echo(x):
    return x


def test_worker_timeout_memory_and_death_fail_one_task_only():
    with LimitedExecutor(2, timeout=2, memory_mb=256) as ex:
        futs = [ex.submit(_echo, 1), ex.submit(_hang, 0), ex.submit(_grab, 2048), ex.submit(_die, 7),
                ex.submit(_echo, 2), ex.submit(_grab, 10)]
        out = []
        for f in futs:
            try:
                out.append(f.result(timeout=60))
            except FazhiError as exc:
                out.append(exc.code)
    assert out == [1, "timeout", "out_of_memory", "internal", 2, 10 << 20]


def test_a_slow_worker_start_is_not_counted_against_the_first_task():
    # the clock of a task starts when its worker is warm: a fresh worker that takes 3 s to start
    # (a loaded machine) does not make a 1-s task of 0.01 s a timeout; a real hang still is one
    import worker_helpers
    with LimitedExecutor(1, timeout=1, initializer=worker_helpers.slow_warm_up) as ex:
        assert ex.submit(_echo, 3).result(timeout=60) == 3
        with pytest.raises(FazhiError) as exc:
            ex.submit(_hang, 0).result(timeout=60)
        assert exc.value.code == "timeout"
        assert ex.submit(_echo, 4).result(timeout=60) == 4     # on a fresh worker, warmed up again


def test_store_records_a_bomb_as_a_failure(tmp_path):
    from fazhi.corpus.store import Store
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.docx").write_bytes(_docx_with_body(250))
    (tmp_path / "in" / "ok.txt").write_text(TEXT, encoding="utf-8")
    with Store(tmp_path / "s.db").migrate() as store:
        s = store.ingest([tmp_path / "in"])
        assert (s.loaded, s.failed) == (1, 1)
        assert s.failures[0]["code"] == "unpacked_too_large"


def test_a_lock_another_thread_holds_does_not_freeze_the_workers():
    # the web app's situation: other threads run while a worker starts; one holds a lock the
    # task needs (an import, a library's initialisation). A plain fork would copy it held.
    import threading
    import worker_helpers
    from fazhi.worker import start_method_now
    held, release = threading.Event(), threading.Event()

    def hold():
        with worker_helpers.LOCK:
            held.set()
            release.wait(60)
    t = threading.Thread(target=hold, daemon=True)
    t.start()
    held.wait(10)
    try:
        assert start_method_now() != "fork"
        with LimitedExecutor(1, timeout=30) as ex:
            assert ex.submit(worker_helpers.under_lock, 5).result(timeout=60) == 5
    finally:
        release.set()
        t.join(10)
