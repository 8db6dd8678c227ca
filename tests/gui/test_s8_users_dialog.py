"""«Nueva cuenta»: a refused password is said in the dialog, which keeps what was typed."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from tests.gui.person import Answer, Click, choose_menu, real_click, real_typing
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (the app, as started)


class Type(Answer):
    """In «Nueva cuenta», type into the empty fields named and press «Crear»."""

    def __init__(self, **texts: str):
        super().__init__("Nueva cuenta", QDialog)
        self.texts = texts

    def act(self, window) -> None:
        for name, text in self.texts.items():
            field = getattr(window, name)
            assert field.text() == "", f"«{name}» holds {field.text()!r}"
            real_click(field)
            real_typing(field, text)
        create = next(b for b in window.findChildren(QPushButton) if b.text() == "C&rear")
        # Clicked from the event loop, not from inside this answer: a refusal's message box
        # runs its own loop, and the person must be free to read and answer it.
        QTimer.singleShot(0, lambda: real_click(create))


def test_a_short_or_mistyped_password_keeps_the_new_account_dialog(qtbot, demo_app, person):
    from seguimiento_desktop.gui.accounts.users_dialog import NewUserDialog, UsersDialog
    choose_menu(demo_app, "Cuenta", "Usuarios…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in demo_app.findChildren(UsersDialog)),
                    timeout=5000)
    users = next(d for d in demo_app.findChildren(UsersDialog) if d.isVisible())
    new = next(b for b in users.findChildren(QPushButton) if b.text() == "&Nueva cuenta…")
    said = person.do(
        lambda: real_click(new),
        Type(user="lupita", full_name="Lupita Ruiz", password="corta", repeat="corta"),
        Click("Aceptar", expect="al menos 8", kind=QMessageBox),
        Type(password="clave-de-lupe", repeat="clave-de-lupa"),
        Click("Aceptar", expect="no coinciden", kind=QMessageBox),
        Type(password="clave-de-lupe", repeat="clave-de-lupe"),
        Click("Aceptar", expect="Cuenta creada", kind=QMessageBox))
    assert "Escríbalas de nuevo" in said[3]
    assert not any(d.isVisible() for d in users.findChildren(NewUserDialog))
    assert "lupita" in [users.table.item(r, 0).text() for r in range(users.table.rowCount())]
    users.reject()
    person.free(demo_app)


class TypeCreateEscape(Type):
    """Type, press «Crear», and press Esc while the account is being saved (a person who
    changed their mind a moment too late)."""

    def act(self, window) -> None:
        from PySide6.QtCore import Qt

        from tests.gui.person import real_key
        super().act(window)
        QTimer.singleShot(1, lambda: real_key(window, Qt.Key.Key_Escape))


def test_esc_while_the_account_is_saved_does_not_pretend_to_cancel(qtbot, demo_app, person):
    """The account is saved either way once «Crear» was pressed: the dialog stays until it
    is, and says so, rather than closing as if cancelled over an account that exists."""
    from seguimiento_desktop.gui.accounts.users_dialog import NewUserDialog, UsersDialog
    choose_menu(demo_app, "Cuenta", "Usuarios…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in demo_app.findChildren(UsersDialog)),
                    timeout=5000)
    users = next(d for d in demo_app.findChildren(UsersDialog) if d.isVisible())
    new = next(b for b in users.findChildren(QPushButton) if b.text() == "&Nueva cuenta…")
    person.do(lambda: real_click(new),
              TypeCreateEscape(user="beto", full_name="Beto Luna", password="clave-de-beto",
                               repeat="clave-de-beto"),
              Click("Aceptar", expect="Cuenta creada", kind=QMessageBox))
    assert not any(d.isVisible() for d in users.findChildren(NewUserDialog))
    assert "beto" in [users.table.item(r, 0).text() for r in range(users.table.rowCount())]
    users.reject()
    person.free(demo_app)
