"""A database from before accounts: the administrator is created before anything else."""

from PySide6.QtWidgets import QWidget, QWizard

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.gui.accounts.admin_pages import (AdministratorPage, RecoveryCodePage,
                                                          create_administrator)
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.wizard_buttons import set_up_wizard


class AdministratorWizard(QWizard):
    """Finishing creates the administrator and signs the context in; cancelling quits."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.job = context, None
        self.setWindowTitle(f"{APP_NAME}: cuenta del administrador")
        set_up_wizard(self, "&Terminar")
        self.admin_page = AdministratorPage(self)
        self.admin_page.setSubTitle(
            "Esta versión protege los datos con cuentas de usuario. Antes de continuar, cree "
            "la cuenta del administrador. " + self.admin_page.subTitle())
        self.code_page = RecoveryCodePage(self)
        self.addPage(self.admin_page)
        self.addPage(self.code_page)
        self.resize(640, 480)

    def accept(self) -> None:
        if self.job is not None:
            return
        account, code = self.admin_page.account(), self.code_page.code
        self.job = self.context.jobs.run(
            self, "Creando la cuenta del administrador…",
            lambda ws, progress, cancel: create_administrator(ws, account, code),
            self._created, on_failed=lambda m: messages.show_error(self, m), cancellable=False)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def _created(self, session) -> None:
        self.context.sign_in(session)
        super().accept()
