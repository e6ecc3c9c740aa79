"""The one parser for days a person types (deadlines, corrected dates)."""
import datetime as dt

import pytest

from fazhi.zh.dates import NotADay, read_day


@pytest.mark.parametrize("text", ["2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", "2024年3月1",
                                  " 2024 - 03 - 01 ", "２０２４年３月１日", "２０２４－０３－０１"])
def test_every_typed_form_reads_as_the_same_day(text):
    assert read_day(text) == dt.date(2024, 3, 1)


def test_dates_pass_through():
    assert read_day(dt.date(2023, 5, 6)) == dt.date(2023, 5, 6)
    assert read_day(dt.datetime(2023, 5, 6, 14, 0)) == dt.date(2023, 5, 6)


@pytest.mark.parametrize("text", ["", "明年三月", "2024-03", "20240301", "2024年3月1日前", "3/1/2024"])
def test_other_text_is_not_a_day(text):
    with pytest.raises(NotADay):
        read_day(text)


def test_a_day_the_calendar_lacks_is_an_error_of_its_own():
    with pytest.raises(ValueError) as e:
        read_day("2023-02-30")
    assert not isinstance(e.value, NotADay)


def test_rectify_and_corrections_share_it():
    from fazhi.errors import FazhiError
    from fazhi.supervision.corrections import CorrectionError, parse_date
    from fazhi.supervision.rectify import _date
    assert _date("２０２４年３月１日") == parse_date("2024/3/1", "发布日期") == "2024-03-01"
    with pytest.raises(FazhiError):
        _date("2023-02-30")
    with pytest.raises(CorrectionError, match="不存在"):
        parse_date("2023-02-30", "发布日期")
    with pytest.raises(CorrectionError, match="格式不正确"):
        parse_date("下月底", "发布日期")
