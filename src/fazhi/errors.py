"""Errors a user can act on: a code, a Chinese and an English sentence, the file."""
from __future__ import annotations


class FazhiError(Exception):
    """A clear, one-line error about one input. Never a traceback for the user."""

    # code -> (Chinese, English)
    MESSAGES: dict[str, tuple[str, str]] = {
        "not_found": ("文件不存在", "file not found"),
        "no_db": ("数据库文件不存在", "no database file at this path"),
        "no_report": ("库中没有这份报告", "no such stored report"),
        "no_finding": ("报告中没有这条审核发现", "no such finding in the report"),
        "no_item": ("没有这个整改事项", "no such 整改 item"),
        "no_evidence": ("没有这份佐证材料", "no such evidence file"),
        "not_a_file": ("不是文件", "not a regular file"),
        "empty": ("文件为空", "file is empty"),
        "too_large": ("文件超过大小上限", "file exceeds the size limit"),
        "unpacked_too_large": ("文件解压后的内容超过大小上限", "the file's compressed content inflates beyond the size limit"),
        "timeout": ("分析超时（文件过于复杂或异常）", "analysis took longer than the time limit"),
        "out_of_memory": ("分析所需内存超过上限", "analysis needed more memory than the limit"),
        "binary": ("不是可识别的文本、网页、Word 或 PDF 文件", "binary content that is not text, HTML, DOCX or PDF"),
        "unsupported_type": ("不支持的文件类型", "unsupported file type"),
        "encoding": ("无法识别文本编码", "text encoding could not be determined"),
        "corrupt_docx": ("Word 文件已损坏或无法读取", "corrupt or unreadable DOCX"),
        "corrupt_pdf": ("PDF 文件已损坏或无法读取", "corrupt or unreadable PDF"),
        "encrypted_pdf": ("PDF 文件已加密", "encrypted PDF"),
        "scanned_pdf": ("PDF 为扫描件，没有文字层，且无法用 OCR 识别", "scanned PDF with no text layer that OCR could not read"),
        "no_text": ("未能提取到正文", "no report text could be extracted"),
        "read_error": ("读取文件失败", "the file could not be read"),
        "internal": ("分析时发生内部错误", "internal error during analysis"),
        "unknown_place": ("地名词典中没有这个地区", "place not found in the gazetteer"),
        "ambiguous_place": ("地区名称不唯一，请写全称（含上级地区）", "ambiguous place name"),
        "unknown_unit": ("名单中没有这个单位", "unit not in the roster"),
        "bad_config": ("配置文件有误", "invalid configuration file"),
        "bad_list": ("名单格式不对", "malformed list"),
        "bad_date": ("日期格式不对", "malformed date"),
        "bad_item": ("整改事项不完整", "incomplete 整改 item"),
        "bad_status": ("整改状态不对", "invalid 整改 status"),
        "closed": ("该问题已销号", "the item is closed"),
        "forbidden": ("没有权限", "not allowed"),
        "outside_scope": ("不在本账号的地区范围内", "outside your region"),
        "bad_rubric": ("考评细则有误", "invalid scoring rubric"),
        "incomplete": ("分析未全部完成，报告未入库", "analysis did not run to the end; the report was not stored"),
    }

    def __init__(self, code: str, path: str | None = None, detail: str | None = None):
        self.code = code
        self.path = path
        self.detail = detail
        super().__init__(self.line())

    def __reduce__(self):
        # raised in a worker process, re-raised in the parent with its code intact
        return (type(self), (self.code, self.path, self.detail))

    @property
    def message_zh(self) -> str:
        return self.MESSAGES.get(self.code, (self.code, self.code))[0]

    @property
    def message_en(self) -> str:
        return self.MESSAGES.get(self.code, (self.code, self.code))[1]

    def line(self) -> str:
        where = self.path or "<输入>"
        extra = f" ({self.detail})" if self.detail else ""
        return f"{where}: {self.message_zh} / {self.message_en}{extra} [{self.code}]"

    def to_json(self) -> dict:
        return {"code": self.code, "message": f"{self.message_zh} / {self.message_en}",
                "detail": self.detail}
