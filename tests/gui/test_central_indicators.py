"""The central window's «Indicadores»: filters, chart and table, Excel export of what it shows."""

from pathlib import Path

import pandas as pd
import pytest

from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.indicators_page import IndicatorsPage
from seguimiento_desktop.indicators.tables import indicator_rows
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.database import open_store
from tests.gui.person import SaveAs, real_click


@pytest.fixture
def page(qtbot, tmp_path: Path):
    """The page on a database with merged-like answers (a demo plantel's)."""
    db = tmp_path / "central.sqlite"
    with Workspace.open(db) as workspace:
        workspace.fill_demo(200)
    context = CentralContext.open(db)
    widget = IndicatorsPage(context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.shown is not None, timeout=10_000)
    yield widget
    context.close()


def test_shows_the_indicators_of_the_newest_cohort_by_entidad(page):
    cohort = page.cohort.currentData()
    store = open_store(page.context.db_path, create=False)
    try:
        rows = indicator_rows(store.db, "C2", cohort, "entidad")
    finally:
        store.close()
    table = page.table
    assert table.rowCount() == len(rows) + 1  # the groups and the total
    assert table.item(0, 0).text() == rows[0].group and table.item(0, 1).text() == str(rows[0].n)
    assert table.horizontalHeaderItem(2).text() == "Solo estudia"
    assert page.chart.bars and page.export_button.isEnabled()


def test_filters_and_breakdown_change_what_is_shown(page, qtbot):
    page.by.setCurrentIndex(page.by.findData("sexo"))
    page.career.setCurrentIndex(1)  # the first carrera
    job = page.refresh()
    qtbot.waitUntil(lambda: page.show_button.isEnabled(), timeout=10_000)
    assert job is not None
    groups = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
    assert groups <= {"Mujer", "Hombre", "No binario", "Sin dato", "Total"}
    assert "sexo" in page.shown.title


def test_excel_export_holds_what_the_page_shows(page, tmp_path, qtbot, person):
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    out = tmp_path / "indicadores.xlsx"
    person.do(lambda: real_click(page.export_button), SaveAs(out))
    qtbot.waitUntil(lambda: page.status.text() == f"Guardado: {out}", timeout=10_000)
    sheet = pd.read_excel(out, engine="openpyxl")
    assert list(sheet.columns) == page.shown.headers
    assert len(sheet) == page.table.rowCount()
    person.free(page)
