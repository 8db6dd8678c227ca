"""The first-run assistant, shown while the database has no plantel."""

from PySide6.QtWidgets import QWidget, QWizard

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.firstrun.choice_page import DEMO_STUDENTS, ChoicePage
from seguimiento_desktop.gui.firstrun.school_page import SchoolPage
from seguimiento_desktop.gui.widgets.wizard_buttons import set_up_wizard
from seguimiento_desktop.gui.signals import emit

CHOICE_PAGE, SCHOOL_PAGE = 0, 1


class FirstRunWizard(QWizard):
    """Finishing writes the plantel (or the demo plantel) through the writer, then accepts.

    Cancelling leaves the database as it was and the app exits.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.job = None
        self.setWindowTitle(f"{APP_NAME}: primeros pasos")
        set_up_wizard(self, "&Comenzar")
        self.choice = ChoicePage(SCHOOL_PAGE, self)
        self.school_page = SchoolPage(self)
        self.setPage(CHOICE_PAGE, self.choice)
        self.setPage(SCHOOL_PAGE, self.school_page)
        self.setStartId(CHOICE_PAGE)
        self.resize(640, 480)

    def accept(self) -> None:
        """Finish pressed: write first, close when the writer says it is done."""
        if self.job is not None:
            return  # already writing
        if self.choice.wants_demo:
            self.job = self.context.jobs.run(
                self, "Preparando el plantel de demostración…",
                lambda ws, progress, cancel: ws.fill_demo(DEMO_STUDENTS, progress, cancel),
                self._written, on_failed=self._failed)
        else:
            school = self.school_page.school()
            self.job = self.context.jobs.run(
                self, "Registrando el plantel…",
                lambda ws, progress, cancel: ws.set_up_school(school),
                self._written, on_failed=self._failed, cancellable=False)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def _written(self, _result: object) -> None:
        emit(self.context.events.school_changed)
        super().accept()

    def _failed(self, message: str) -> None:
        from seguimiento_desktop.gui.widgets import messages
        messages.show_error(self, message)
