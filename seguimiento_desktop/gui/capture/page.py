"""Captura: key paper questionnaires heads-down, verify them (double entry), keyer statistics,
confirmed inconsistencies."""

import logging
from datetime import date

import seguimiento_desktop.gui.immortal  # noqa: F401 (PySide6 6.12.0 refcount bug)
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QLabel, QStackedWidget, QTabWidget, QVBoxLayout,
                               QWidget)

from seguimiento_desktop.capture_cases import Case
from seguimiento_desktop.capture_usecases import keyer_name
from seguimiento_desktop.domain.models import Response, Student
from seguimiento_desktop.gui.capture.autosave import ResponseSaver
from seguimiento_desktop.gui.capture.case_bar import CaseFinderWidget
from seguimiento_desktop.gui.capture.form import QuestionnaireFormWidget
from seguimiento_desktop.gui.capture.session import KeyingSession
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.empty_state import EmptyStateWidget
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import Definition

log = logging.getLogger(__name__)
NEXT_PAPER = "Escanee o escriba el folio del siguiente cuestionario."


class CapturePage(QWidget):
    """Case finder on top, the questionnaire form below; tabs for verification and statistics."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.session: KeyingSession | None = None
        self.case: Case | None = None
        self.forms: dict[tuple[str, int], QuestionnaireFormWidget] = {}
        self.mismatch_dialog = None  # the open mismatch dialog (tests reach it here)
        self.saver = ResponseSaver(context.jobs, self)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self.show_error)
        # Quitting the app closes no page: log the paper being keyed before the writer stops.
        QApplication.instance().aboutToQuit.connect(self._quitting)
        self.finder = CaseFinderWidget(context, self)
        self.finder.case_chosen.connect(self.open_case)
        self.finder.questionnaire_changed.connect(self._questionnaire_changed)
        self.finder.version_changed.connect(self._version_changed)
        self.waiting: tuple[Student, str, str | None] | None = None  # until a keyer is named
        self.finder.keyer.returnPressed.connect(self._keyer_named)
        self.case_line = QLabel(self)
        self.case_line.setTextFormat(Qt.TextFormat.RichText)
        self.progress_line = QLabel(self)  # fixed size: updating it re-lays out nothing
        self.progress_line.setFixedSize(self.fontMetrics().horizontalAdvance("0" * 60),
                                        self.fontMetrics().height() + 4)
        self.empty = EmptyStateWidget(
            "Ningún cuestionario abierto",
            "Escanee el código de barras del folio o escriba el folio, la CURP o el nombre "
            "del alumno. Después teclee las respuestas: un código completo avanza solo; "
            "Enter o Tab avanzan; Mayús+Tab regresa; F2 confirma un valor fuera de rango.",
            self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._capture_tab(), "&Captura")
        self._add_side_tabs()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel("Captura de cuestionarios", self)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        find = QAction("Buscar folio", self)
        find.setShortcut(QKeySequence.StandardKey.Find)  # Ctrl+L is «Bloquear la sesión»
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.finder.focus_search)
        self.addAction(find)

    def _capture_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.finder)
        layout.addWidget(self.case_line)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.progress_line)
        return tab

    def _add_side_tabs(self) -> None:
        from seguimiento_desktop.gui.capture.inconsistencies_tab import InconsistenciesWidget
        from seguimiento_desktop.gui.capture.stats import KeyerStatsWidget
        from seguimiento_desktop.gui.capture.verification_tab import VerificationQueueWidget
        self.queue = VerificationQueueWidget(self.context, self)
        self.queue.verify_requested.connect(self.verify_response)
        self.stats = KeyerStatsWidget(self.context, self)
        self.tabs.addTab(self.queue, "&Por verificar")
        self.tabs.addTab(self.stats, "&Estadísticas de captura")
        self.inconsistencies = InconsistenciesWidget(self.context, self)
        self.tabs.addTab(self.inconsistencies, "&Inconsistencias")
        self.tabs.currentChanged.connect(self._tab_changed)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if hasattr(widget, "reload"):
            widget.reload()

    def activate(self) -> None:
        """Called by the main window each time the page is shown."""
        if self.session is None:
            self.finder.focus_search()
        elif self.form is not None and self.form.current:
            self.form.go_to(self.form.current)  # back from another page: keep keying

    # --- Opening a paper -------------------------------------------------------------

    def open_case(self, case: Case) -> None:
        """A case was found: key its questionnaire (the one due now unless the folio said)."""
        questionnaire = case.questionnaire or self.context.reader.due_questionnaire(
            case.student.cohort)
        self.start(case.student, questionnaire)

    def open_student(self, student_id: str, questionnaire: str, mode: str = "telefono") -> None:
        """Start keying ``questionnaire`` for a student (from the Seguimiento screen, where
        the graduate answers on the phone while the counselor keys)."""
        self.tabs.setCurrentIndex(0)
        self.finder.verify.setChecked(False)
        self.start(self.context.reader.student(student_id), questionnaire, mode)

    def verify_response(self, response: Response) -> None:
        """Verify a finished paper from the queue (blind second keying)."""
        self.tabs.setCurrentIndex(0)
        self.finder.verify.setChecked(True)
        self.start(self.context.reader.student(response.student_id), response.questionnaire)

    def _keyer_named(self) -> None:
        """Enter in «Capturista»: open the paper that was waiting for a name."""
        if self.waiting is not None and keyer_name(self.finder.keyer.text()):
            self.start(*self.waiting)

    def _questionnaire_changed(self, questionnaire: str) -> None:
        if self.case is not None:
            self.start(self.case.student, questionnaire)

    def _version_changed(self, _version: int) -> None:
        """Another version chosen for a paper not started yet: open it again with it. Once
        it has answers, it stays in the version they were keyed with."""
        if self.case is None or self.session is None:
            return
        if self.case.response is None and not self.session.state.answers:
            self.start(self.case.student, self.case.questionnaire)
            return
        definition = self.session.definition
        self.finder.keep_version(definition.id, definition.version)
        self.finder.show_version(definition.id, definition.version,
                                 self.context.reader.definition(definition.id).version,
                                 choosable=False)
        self.finder.say(f"Este cuestionario ya tiene respuestas de la versión "
                        f"{definition.version}: se sigue con ella.")

    def start(self, student: Student, questionnaire: str, mode: str | None = None) -> bool:
        """Open ``student``'s paper of ``questionnaire`` in the form, where it stopped.

        ``mode`` (Teléfono from Seguimiento) wins over the mode of an earlier partial
        response. Without a keyer name the request waits, shown, until one is typed.
        """
        keyer = keyer_name(self.finder.keyer.text())
        if not keyer:
            self.waiting = (student, questionnaire, mode)
            self.finder.set_questionnaire(questionnaire)
            if mode:
                self.finder.set_mode(mode)
            self.finder.say(f"Escriba su nombre en «Capturista» y presione Enter para capturar "
                            f"el {questionnaire} de {student.full_name}.")
            self.finder.keyer.setFocus()
            return False
        self.waiting = None
        if not (self._may_capture(student, questionnaire, keyer)
                and self._graduated_or_confirmed(student, questionnaire)):
            return False
        self.end_session()
        reader = self.context.reader
        response = reader.response_for(student.id, questionnaire)
        verify = self.finder.verify.isChecked()
        problem = self._verify_problem(response, keyer) if verify else ""
        if problem:
            self.finder.say(problem)
            return False
        self.finder.set_questionnaire(questionnaire)
        if mode:
            self.finder.set_mode(mode)
        elif response is not None and not verify:
            self.finder.set_mode(response.mode)
        self.case = Case(student, questionnaire, response)
        definition = self._definition_for(questionnaire, response)
        current = self.context.reader.definition(questionnaire).version
        self.finder.show_version(questionnaire, definition.version, current,
                                 choosable=response is None and not verify)
        self.session = KeyingSession(definition, student, response,
                                     keyer, self.finder.chosen_mode(), verify=verify)
        self._remember(keyer)
        form = self._form_for(definition)
        self.stack.setCurrentWidget(form)
        self.case_line.setText(self.finder.describe(self.case, questionnaire)
                               + (" · <b>VERIFICANDO</b>" if verify else ""))
        self.finder.say("")
        form.start(self.session)
        self._show_progress()
        return True

    def _may_capture(self, student: Student, questionnaire: str, keyer: str) -> bool:
        """Someone who refused is not asked again: capturing anyway is a deliberate,
        logged decision (C1 itself may always be keyed: it is where a refusal is written)."""
        from seguimiento_desktop.domain.consent import (CONSENT_QUESTIONNAIRE, REFUSED_STATUS,
                                                        refusal_warning)
        if questionnaire == CONSENT_QUESTIONNAIRE or student.contact_status != REFUSED_STATUS:
            return True
        if not messages.confirm(self, refusal_warning(student.full_name, questionnaire),
                                "Capturar de todos modos"):
            self.finder.say(f"No se abrió el {questionnaire} de {student.full_name}: no "
                            "aceptó participar en el seguimiento.")
            return False
        log.warning("Captura del %s de %s (%s) pese a que rechazó participar; decidió: %s",
                    questionnaire, student.curp, student.id, keyer)
        return True

    def _graduated_or_confirmed(self, student: Student, questionnaire: str) -> bool:
        """C2 and C3 are for graduates: keying one for a cohort that has not graduated yet
        is usually the wrong folio or questionnaire, so ask first (a paper already begun or
        being verified was decided on when it was first opened)."""
        from seguimiento_desktop.domain.calendar import premature_questionnaire
        window = premature_questionnaire(student.cohort, questionnaire, date.today())
        if window is None or self.context.reader.response_for(student.id, questionnaire):
            return True
        if messages.confirm(self, f"{student.full_name} (generación {student.cohort}) aún no "
                            f"egresa: el {questionnaire} se aplica en {window.months}. "
                            "¿Capturarlo de todos modos?", "Capturar de todos modos"):
            return True
        self.finder.say(f"No se abrió el {questionnaire} de {student.full_name}: su generación "
                        f"aún no egresa (se aplica en {window.months}).")
        return False

    def _verify_problem(self, response: Response | None, keyer: str) -> str:
        if response is None or response.status == "parcial":
            return "Solo se verifica un cuestionario que ya fue capturado completo."
        if keyer == keyer_name(response.keyer):
            return ("La verificación la hace otra persona: escriba el nombre de quien "
                    "verifica en «Capturista».")
        return ""

    def _remember(self, keyer: str) -> None:
        if keyer != self.context.reader.last_keyer():
            self.context.jobs.run(self, "Guardando…",
                                  lambda ws, _p, _c: ws.remember_keyer(keyer), cancellable=False)

    def _definition_for(self, questionnaire: str, response: Response | None) -> Definition:
        """The version an older response was captured with (its answers are shown,
        completed and verified as they were keyed); for a new paper, the version printed on
        it as chosen in «Versión» (a paper printed before an upgrade), else the one in force."""
        current = self.context.reader.definition(questionnaire)
        version = response.version if response is not None else \
            self.finder.paper_version(questionnaire)
        if version is None or version == current.version:
            return current
        return load_definition(questionnaire, version)

    def _form_for(self, definition: Definition) -> QuestionnaireFormWidget:
        form = self.forms.get((definition.id, definition.version))
        if form is None:
            from seguimiento_desktop.privacy.notice import privacy_notice
            form = QuestionnaireFormWidget(definition, self,
                                           privacy_notice(self.context.reader.store))
            form.answered.connect(self._answered)
            form.reached_end.connect(self._reached_end)
            form.mismatch.connect(self._mismatch)
            self.forms[(definition.id, definition.version)] = form
            self.stack.addWidget(form)
        return form

    @property
    def form(self) -> QuestionnaireFormWidget | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, QuestionnaireFormWidget) else None

    # --- While keying ----------------------------------------------------------------

    def _answered(self, _key: str) -> None:
        if not self.session.verify:  # verifying never overwrites the first keying midway
            self.saver.save(self.session.response())
        self._show_progress()

    def _saved(self, result: object) -> None:
        if isinstance(result, Response) and self.session is not None \
                and result.student_id == self.session.student.id:
            self.session.remember_saved(result)

    def _show_progress(self) -> None:
        answered, applicable = self.session.counts()
        self.progress_line.setText(f"{answered} de {applicable} preguntas contestadas")

    def _mismatch(self, outcome) -> None:
        from seguimiento_desktop.gui.capture.dialogs import MismatchDialog
        question = self.session.definition.question(outcome.key.split(".otro_")[0])
        dialog = MismatchDialog(question, outcome.first, outcome.second, self)
        dialog.chosen.connect(self.form.resolve)
        dialog.finished.connect(lambda _r: setattr(self, "mismatch_dialog", None))
        self.mismatch_dialog = dialog
        dialog.open()

    def _reached_end(self) -> None:
        session = self.session
        pending = session.state.missing_required or [i.question_id for i in session.state.errors]
        if pending:
            number = session.definition.question(pending[0]).number
            self.finder.say(f"Falta contestar o corregir la pregunta {number}.")
            self.form.go_to(pending[0])
            return
        self.end_session()
        self.finder.say(f"Cuestionario guardado. {NEXT_PAPER}")
        self.finder.focus_search()

    # --- Ending a paper --------------------------------------------------------------

    def end_session(self) -> None:
        """Close the paper being keyed: save it and log the keying (or the verification)."""
        session, self.session = self.session, None
        if session is None or (session.keystrokes == 0 and not session.verify):
            return
        response, keyer = session.response(), session.keyer
        started, seconds, keys = session.started_at, session.seconds, session.keystrokes
        if not session.verify:
            self.saver.finish(lambda ws, _p, _c: ws.finish_keying(
                response, keyer, started, seconds, keys), "Guardando cuestionario…")
        elif session.state.complete:  # an unfinished verification leaves the first keying
            tally = session.tally
            self.saver.finish(lambda ws, _p, _c: ws.finish_verification(
                response, keyer, tally, started, seconds, keys), "Guardando verificación…")
        self.case = None
        self.stack.setCurrentWidget(self.empty)
        self.case_line.setText("")
        self.progress_line.setText("")
        self.finder.verify.setChecked(False)

    def _quitting(self) -> None:
        self.end_session()
        self.saver.flush()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.end_session()
        super().closeEvent(event)

    def show_error(self, message: str) -> None:
        messages.show_error(self, message)
