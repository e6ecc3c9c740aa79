"""fazhi (法治): read, structure and review 法治政府建设年度报告.

    import fazhi
    report = fazhi.analyze("报告.html")
    report.meta.report_year, report.facts, report.findings
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, analyze_text  # noqa: E402
from .config import Config  # noqa: E402
from .errors import FazhiError  # noqa: E402
from .model import Report  # noqa: E402

__all__ = ["analyze", "analyze_text", "Config", "FazhiError", "Report", "__version__"]
