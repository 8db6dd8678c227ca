"""Importar lista de alumnos: file and cohort → column mapping → dry run → import.

Reading the file, the dry run and the import all run in the writer thread (they can take
seconds on a big spreadsheet); the wizard moves on when the job's result arrives.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget, QWizard

from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.directory.import_pages import ImportFilePage, ImportMappingPage
from seguimiento_desktop.gui.directory.import_review import ImportDonePage, ImportReviewPage
from seguimiento_desktop.gui.widgets.unsaved import UnsavedGuard
from seguimiento_desktop.gui.widgets.wizard_buttons import set_up_wizard
from seguimiento_desktop.gui.signals import emit

if TYPE_CHECKING:
    from seguimiento_desktop.roster.models import ImportReport, RosterPreview

FILE_PAGE, MAPPING_PAGE, REVIEW_PAGE, DONE_PAGE = range(4)
UNUSED_MAPPING = "Las columnas que eligió para esta lista no se han importado."


class ImportWizard(QWizard):
    """Holds what the pages agree on: file, cohort, preview, mapping and the reports."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.path = ""
        self.cohort = ""
        self.preview: "RosterPreview | None" = None
        self.mapping: dict[int, str] = {}
        self.dry_report: "ImportReport | None" = None
        self.report: "ImportReport | None" = None
        self.job = None
        self.setWindowTitle("Importar lista de alumnos")
        set_up_wizard(self, "&Cerrar", cancel_on_last_page=False)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Importar")
        self.file_page = ImportFilePage(self)
        self.mapping_page = ImportMappingPage(self)
        self.review_page = ImportReviewPage(self)
        self.done_page = ImportDonePage(self)
        for page_id, page in ((FILE_PAGE, self.file_page), (MAPPING_PAGE, self.mapping_page),
                              (REVIEW_PAGE, self.review_page), (DONE_PAGE, self.done_page)):
            self.setPage(page_id, page)
        self.resize(900, 620)
        self.unsaved = UnsavedGuard(self, self._chosen_mapping)

    # --- Jobs ----------------------------------------------------------------------

    def run_job(self, title: str, fn: Callable, on_done: Callable[[Any], None],
                cancellable: bool = True, on_failed: Callable[[str], None] | None = None):
        """Run ``fn`` in the writer; ignore its result if the user has moved on meanwhile."""
        page_id = self.currentId()

        def deliver(result: Any) -> None:
            if self.currentId() == page_id:
                on_done(result)

        self.job = self.context.jobs.run(self, title, fn, deliver, cancellable=cancellable,
                                         on_failed=on_failed)
        self.job.finished.connect(self._job_ended)
        return self.job

    def _job_ended(self) -> None:
        self.job = None
        emit(self.currentPage().completeChanged)  # let the page re-decide Next/Importar

    def read_file(self) -> None:
        """Page 1 → 2: read the file and propose the mapping."""
        path = self.path
        self.run_job("Leyendo el archivo…", lambda ws, progress, cancel: ws.preview_roster(path),
                     self._previewed, cancellable=False)

    def _previewed(self, preview: "RosterPreview") -> None:
        self.preview = preview
        self.mapping = dict(preview.mapping)
        self.next()

    def dry_run(self, on_done: Callable[["ImportReport"], None],
                on_failed: Callable[[str], None]) -> None:
        """Page 3: what the import would do, without writing."""
        path, cohort, mapping, sheet = self._import_arguments()
        self.run_job("Revisando la lista…",
                     lambda ws, progress, cancel: ws.import_roster(
                         path, cohort, mapping=mapping, sheet=sheet, dry_run=True,
                         progress=progress, cancel=cancel),
                     on_done, on_failed=on_failed)

    def import_now(self) -> None:
        """Page 3 → 4: the real import, in one transaction."""
        path, cohort, mapping, sheet = self._import_arguments()
        self.run_job("Importando alumnos…",
                     lambda ws, progress, cancel: ws.import_roster(
                         path, cohort, mapping=mapping, sheet=sheet, progress=progress,
                         cancel=cancel),
                     self._imported)

    def _imported(self, report: "ImportReport") -> None:
        self.report = report
        emit(self.context.events.students_changed)
        self.next()

    def _import_arguments(self) -> tuple[str, str, dict[int, str], str | None]:
        sheet = self.preview.sheet if self.preview and self.preview.sheet else None
        return self.path, self.cohort, dict(self.mapping), sheet

    def _chosen_mapping(self) -> dict[int, str] | None:
        """The columns the person chose, while they differ from the ones the program
        proposed and are not imported yet (None otherwise): what Esc would throw away."""
        if self.preview is None or self.currentId() not in (MAPPING_PAGE, REVIEW_PAGE):
            return None
        shown = self.mapping_page.mapping() if self.currentId() == MAPPING_PAGE else self.mapping
        return None if shown == dict(self.preview.mapping) else shown

    def reject(self) -> None:
        if self.job is not None and self.job.outcome == "running":
            self.job.cancel()  # stop first; the wizard closes when asked again
            return
        if not self.unsaved.may_close(UNUSED_MAPPING, "¿Descartar las columnas elegidas?"):
            return
        super().reject()
