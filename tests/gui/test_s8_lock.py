"""Cuenta → Bloquear la sesión (Ctrl+L) as an orientadora leaving her desk."""

from PySide6.QtCore import Qt

from tests.gui.person import real_key
from tests.gui.test_account_journeys import unlock
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (the app, as started)
from tests.conftest import TEST_PASSWORD


def test_a_lock_by_hand_says_so_and_esc_does_not_close_the_app(qtbot, demo_app, person):
    real_key(demo_app, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: demo_app.idle_lock.locked, timeout=3000)
    dialog = demo_app.idle_lock.dialog
    assert "falta de uso" not in dialog.message.text()  # she locked it herself
    assert dialog.message.text().startswith("La sesión está bloqueada.")
    real_key(dialog, Qt.Key.Key_Escape)  # a reflex, not «Salir»
    qtbot.wait(300)
    assert demo_app.isVisible() and demo_app.idle_lock.locked and dialog.isVisible()
    unlock(qtbot, demo_app, TEST_PASSWORD)
    assert demo_app.centralWidget().isVisible()
    person.free(demo_app)
