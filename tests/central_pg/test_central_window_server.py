"""The central window on a PostgreSQL server, as a person opens it: «Conectar al servidor»
asks the password when the server wants one (shown again with the server's complaint when it
is wrong), remembers the server and never the password, and the window works as on a file."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QTreeWidget
from sync_support import export, office, plantel
from throwaway_pg import PASSWORD

from seguimiento_desktop.gui.central.server_dialog import (
    REMEMBERED, ServerDialog, connect_to_server, server_settings)
from seguimiento_desktop.gui.central.window import CentralWindow
from tests.gui.person import Answer, Person, _button, real_click, real_typing


@pytest.fixture
def person(qtbot):
    someone = Person(qtbot)
    yield someone
    someone.stop()
    assert not someone.problem, someone.problem


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """Remembered servers go to this test's folder, never the user's settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))


class TypePassword(Answer):
    """In «Conectar al servidor PostgreSQL»: type the password, click «Conectar»."""

    def __init__(self, password: str):
        super().__init__("Conectar al servidor PostgreSQL", ServerDialog)
        self.password, self.said = password, ""

    def act(self, window: ServerDialog) -> None:
        self.said = " ".join(label.text() for label in window.findChildren(QLabel))
        real_click(window.password)
        real_typing(window.password, self.password)
        real_click(_button(window, "Conectar"))


def test_the_password_is_asked_until_right_and_only_the_server_is_remembered(
        person, pg_url, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "ninguno"))
    wrong, right = TypePassword("no-es-esta"), TypePassword(PASSWORD)
    reached = []
    person.do(lambda: reached.append(connect_to_server(pg_url)), wrong, right)
    assert reached == [(pg_url, PASSWORD)]
    assert "no aceptó el usuario o la contraseña" in right.said
    assert server_settings().value(REMEMBERED) == reached[0][0]
    stored = "".join(p.read_text() for p in (tmp_path / "config").rglob("*.ini"))
    assert "127.0.0.1" in stored and PASSWORD not in stored and "no-es-esta" not in stored
    again = []  # next time, the remembered server: only the password is typed
    person.do(lambda: again.append(connect_to_server("postgresql://")), TypePassword(PASSWORD))
    assert again == reached


def test_the_window_opens_the_office_on_the_server(qtbot, person, tmp_path, pg_url):
    school = plantel(tmp_path, count=4)
    central = office(tmp_path, school, address=pg_url)
    central.merge([export(school, tmp_path / "usb")])
    central.close()
    window = CentralWindow(pg_url, password=PASSWORD)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.header.text() == "Oficina central — Oficina de prueba"
        page = window.stack.currentWidget()
        tree = page.findChild(QTreeWidget)
        shown = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        assert any("14DCT0099Z" in text for text in shown), shown
        person.free(window)
    finally:
        window.shutdown()
