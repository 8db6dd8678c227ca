"""The first-run assistant, shown while the database has no plantel: the plantel (or the
demo plantel), then the administrator's account and the recovery code (issue 12)."""

from PySide6.QtWidgets import QLineEdit, QWidget, QWizard

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.gui.accounts.admin_pages import (AdministratorPage, RecoveryCodePage,
                                                          create_administrator)
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.firstrun.choice_page import DEMO_STUDENTS, ChoicePage
from seguimiento_desktop.gui.firstrun.school_page import SchoolPage
from seguimiento_desktop.gui.widgets.unsaved import UnsavedGuard
from seguimiento_desktop.gui.widgets.wizard_buttons import set_up_wizard
from seguimiento_desktop.gui.signals import emit

CHOICE_PAGE, SCHOOL_PAGE, ADMIN_PAGE, CODE_PAGE = 0, 1, 2, 3


class FirstRunWizard(QWizard):
    """Finishing writes the plantel (or the demo plantel) through the writer, then accepts.

    Cancelling leaves the database as it was and the app exits. ``with_administrator``
    (a database without accounts) adds the administrator's pages; the account is created
    in the same job as the plantel, and the context signs in as it.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 with_administrator: bool = True):
        super().__init__(parent)
        self.context = context
        self.job = None
        self.setWindowTitle(f"{APP_NAME}: primeros pasos")
        set_up_wizard(self, "&Comenzar")
        self.choice = ChoicePage(SCHOOL_PAGE, ADMIN_PAGE if with_administrator else -1, self)
        self.school_page = SchoolPage(self)
        self.setPage(CHOICE_PAGE, self.choice)
        self.setPage(SCHOOL_PAGE, self.school_page)
        self.admin_page = self.code_page = None
        if with_administrator:
            self.admin_page, self.code_page = AdministratorPage(self), RecoveryCodePage(self)
            self.setPage(ADMIN_PAGE, self.admin_page)
            self.setPage(CODE_PAGE, self.code_page)
        self.setStartId(CHOICE_PAGE)
        self.resize(640, 480)
        # Cancelling closes the program: the plantel's data or the account typed so far
        # are asked about first (Esc is a reflex), as every other form does.
        self.unsaved = UnsavedGuard(self, lambda: tuple(
            field.text() for field in self.findChildren(QLineEdit)))

    def accept(self) -> None:
        """Finish pressed: write first, close when the writer says it is done."""
        if self.job is not None:
            return  # already writing
        account = self.admin_page.account() if self.admin_page else None
        code = self.code_page.code if self.code_page else ""
        if self.choice.wants_demo:
            title, cancellable = "Preparando el plantel de demostración…", True

            def write(ws, progress, cancel):
                return ws.fill_demo(DEMO_STUDENTS, progress, cancel)
        else:
            school = self.school_page.school()
            title, cancellable = "Registrando el plantel…", False

            def write(ws, progress, cancel):
                return ws.set_up_school(school)

        def job(ws, progress, cancel):
            write(ws, progress, cancel)  # first: a cancelled demo leaves no account either
            return create_administrator(ws, account, code) if account else None
        self.job = self.context.jobs.run(self, title, job, self._written,
                                         on_failed=self._failed, cancellable=cancellable)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def reject(self) -> None:  # «Cancelar», Esc, the title bar's X
        if self.job is not None:
            return  # writing: the progress window's own «Cancelar» stops the demo
        if self.unsaved.may_close("El plantel aún no se registra: si sale, el programa se "
                                  "cierra y lo escrito se pierde."):
            super().reject()

    def _written(self, session: object) -> None:
        if session is not None and self.context.session is None:
            self.context.sign_in(session)
        emit(self.context.events.school_changed)
        super().accept()

    def _failed(self, message: str) -> None:
        from seguimiento_desktop.gui.widgets import messages
        messages.show_error(self, message)
