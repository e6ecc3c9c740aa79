"""A calendar day typed by a person (a deadline, a corrected date): 2024-03-01, 2024/3/1,
2024.3.1 or 2024年3月1日, full-width digits and spaces allowed. Dates read from report text are
parsed in parse/dates.py; this is the form a reviewer enters, written once for every form field.
And a stored time as a reviewer reads it (`when`: 2026年12月2日 09:23, China time)."""
from __future__ import annotations

import datetime as dt
import re

_DAY = (re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"),
        re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"))


class NotADay(ValueError):
    """The text is not written in one of the forms above."""


def read_day(text: object) -> dt.date:
    """The day written in text. NotADay when the text is not in one of the forms above;
    ValueError when it names a day the calendar does not have (2023-02-30)."""
    from ..textnorm import normalize_view        # full-width digits and spaces -> ASCII
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    s = normalize_view(str(text)).strip()
    for p in _DAY:
        m = p.fullmatch(s)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    raise NotADay(f"not a day: {text!r}")


# Labels of a page's dates that are not its posting (成文日期, 产生日期, 会议时间, 有效期…): written once, for the
# cleaner's metadata lines (ingest/clean.py) and the post date read from the text (parse/dates.py)
NOT_POST_LABELS = ("成文", "发文", "印发", "生成", "产生", "施行", "实施", "截止", "失效", "有效",
                   "开始", "结束", "会议", "活动", "办理")
# "时间"/"日期" not right after one of them
POST_TIME_WORD = "".join(f"(?<!{w})" for w in NOT_POST_LABELS) + r"(?:时间|日期)"


def when(iso: str | None) -> str:
    """A stored UTC time as a reviewer reads it: 2026年12月2日 09:23 (China time), — when unknown
    (the web's pages and the command line say it alike)."""
    if not iso:
        return "—"
    try:
        t = dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    t = t.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
