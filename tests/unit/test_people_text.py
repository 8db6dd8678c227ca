"""Counts and dates as a person reads them (one helper each, used by the CLI and the GUI)."""

import ast
import re
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import seguimiento_desktop
from seguimiento_desktop.domain.dates import local_date, local_datetime
from seguimiento_desktop.domain.text import plural, quantity

MEXICO = ZoneInfo("America/Mexico_City")


def test_quantity_says_one_and_many():
    assert quantity(1, "plantel") == "1 plantel"
    assert quantity(3, "plantel") == "3 planteles"
    assert quantity(0, "cuestionario") == "0 cuestionarios"
    assert quantity(1250, "alumno") == "1,250 alumnos"
    assert quantity(2, "PC registrada", "PC registradas") == "2 PC registradas"
    assert plural(1, "ha", "han") == "ha" and plural(4, "ha", "han") == "han"


def test_an_utc_stamp_is_shown_in_mexico_city_time():
    assert local_datetime("2026-12-01T01:00:07+00:00", tz=MEXICO) == "30/11/2026 19:00"
    assert local_datetime("2026-12-01T01:00:07+00:00", seconds=True, tz=MEXICO) == \
        "30/11/2026 19:00:07"
    assert local_datetime(datetime(2026, 6, 1, 12, tzinfo=timezone.utc), tz=MEXICO) == \
        "01/06/2026 06:00"


def test_a_wall_clock_stamp_stays_as_typed_and_nothing_is_a_dash():
    assert local_datetime("2026-11-30T10:06:00", tz=MEXICO) == "30/11/2026 10:06"
    assert local_datetime("") == local_datetime(None) == "—"
    assert local_date("2026-11-23") == local_date(date(2026, 11, 23)) == "23/11/2026"


def test_no_message_writes_a_plural_in_parentheses():
    """«plantel(es)», «cuestionario(s)»: every count goes through plural()/quantity()."""
    package = Path(seguimiento_desktop.__file__).parent
    pattern = re.compile(r"\w\((s|es|as|os)\)")
    found = []
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and pattern.search(node.value.replace("Nombre(s)", "")):
                found.append(f"{source.relative_to(package)}:{node.lineno}: {node.value!r}")
    assert found == []
