"""Finding the paper to key: folio (typed or scanned), CURP or name, and how it is keyed.

A USB barcode scanner types the folio and Enter, so Enter on a folio opens the case at
once; a name shows matches as it is typed (type-ahead) and Enter or a click picks one.
"""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QWidget)

from seguimiento_desktop.capture_cases import Case
from seguimiento_desktop.domain.calendar import QUESTIONNAIRE_TITLES
from seguimiento_desktop.domain.models import RESPONSE_MODES, RESPONSE_STATUSES, parse_folio
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.signals import emit

TYPE_AHEAD_MS = 150
MATCHES_SHOWN = 8
# Nobody keys a questionnaire «autoaplicado en sala»: the sala's browser form writes it.
ONLY_OPENED_MODES = {"sala"}


class SearchLineEdit(QLineEdit):
    """The search field; Down moves into the list of matches."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key.Key_Down:
            emit(self.down_pressed)
            return
        super().keyPressEvent(event)


class CaseFinderWidget(QWidget):
    """Search box, matches, questionnaire, mode, keyer and the Verify switch."""

    case_chosen = Signal(object)  # Case
    questionnaire_changed = Signal(str)
    version_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.search = SearchLineEdit(self)
        self.search.setPlaceholderText("Escanee el folio o escriba folio, CURP o nombre y Enter")
        self.search.setClearButtonEnabled(True)
        self.matches = QListWidget(self)
        self.matches.setMaximumHeight(self.fontMetrics().height() * 7)
        self.matches.hide()
        self.questionnaire = QComboBox(self)
        for key, title in QUESTIONNAIRE_TITLES.items():
            self.questionnaire.addItem(title, key)
        self.mode = QComboBox(self)
        for key, label in RESPONSE_MODES.items():
            if key not in ONLY_OPENED_MODES:
                self.mode.addItem(label, key)
        # Papers printed before an upgrade carry their version on the cover («Versión 2»):
        # a new paper is keyed with the version printed on it, remembered for the next ones.
        self.version = QComboBox(self)
        self.version.setToolTip("La versión impresa en la portada del cuestionario")
        self.version.setMinimumWidth(self.fontMetrics().horizontalAdvance("3 (vigente)") + 32)
        self._wanted_versions: dict[str, int] = {}
        self._versions_of = ""  # the questionnaire whose versions the box lists
        self.keyer = QLineEdit(self)
        self.keyer.setPlaceholderText("Nombre de quien captura")
        self.keyer.setText(context.reader.last_keyer())
        self.verify = QCheckBox("&Verificar a ciegas", self)
        self.verify.setToolTip("Segunda captura del mismo papel, por otra persona y sin ver la "
                               "primera: las diferencias se resuelven con el papel en la mano.")
        self.message = QLabel(self)
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.type_ahead = QTimer(self)
        self.type_ahead.setSingleShot(True)
        self.type_ahead.setInterval(TYPE_AHEAD_MS)
        self.type_ahead.timeout.connect(self._look_up)
        self._lay_out()
        self.search.textEdited.connect(lambda _text: self.type_ahead.start())
        self.search.returnPressed.connect(self.open_typed)
        self.search.down_pressed.connect(self._into_matches)
        self.matches.itemActivated.connect(self._chosen_item)
        self.questionnaire.activated.connect(
            lambda _i: emit(self.questionnaire_changed, self.questionnaire.currentData()))
        self.version.activated.connect(self._version_chosen)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("&Buscar:", self, buddy=self.search), 0, 0)
        grid.addWidget(self.search, 0, 1, 1, 3)
        grid.addWidget(QLabel("Ca&pturista:", self, buddy=self.keyer), 0, 4)
        grid.addWidget(self.keyer, 0, 5, 1, 2)
        grid.addWidget(self.matches, 1, 1, 1, 6)
        grid.addWidget(QLabel("C&uestionario:", self, buddy=self.questionnaire), 2, 0)
        grid.addWidget(self.questionnaire, 2, 1)
        grid.addWidget(QLabel("&Modo:", self, buddy=self.mode), 2, 2)
        grid.addWidget(self.mode, 2, 3)
        grid.addWidget(QLabel("Versió&n:", self, buddy=self.version), 2, 4)
        grid.addWidget(self.version, 2, 5)
        grid.addWidget(self.verify, 2, 6)
        grid.addWidget(self.message, 3, 0, 1, 7)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(5, 1)

    # --- Values ----------------------------------------------------------------------

    def chosen_questionnaire(self) -> str:
        return self.questionnaire.currentData()

    def set_questionnaire(self, questionnaire: str) -> None:
        self.questionnaire.setCurrentIndex(self.questionnaire.findData(questionnaire))

    def paper_version(self, questionnaire: str) -> int | None:
        """The version a new paper of ``questionnaire`` is keyed with: the one last chosen
        for it, or None for the version in force."""
        return self._wanted_versions.get(questionnaire)

    def show_version(self, questionnaire: str, version: int, current: int,
                     choosable: bool) -> None:
        """List the versions this installation reads; a paper already started keeps the
        version it was captured with (``choosable`` False)."""
        from seguimiento_desktop.questionnaires.loader import bundled_versions
        self.version.clear()
        for number in reversed(bundled_versions(questionnaire)):
            self.version.addItem(f"{number} (vigente)" if number == current else str(number),
                                 number)
        self.version.setCurrentIndex(max(self.version.findData(version), 0))
        self.version.setEnabled(choosable)
        self._versions_of = questionnaire

    def keep_version(self, questionnaire: str, version: int) -> None:
        """A choice that could not apply (the paper already has answers) is not remembered
        for the next papers either."""
        self._wanted_versions[questionnaire] = version

    def _version_chosen(self, _index: int) -> None:
        version = self.version.currentData()
        if self._versions_of and version is not None:
            self._wanted_versions[self._versions_of] = version
            emit(self.version_changed, version)

    def chosen_mode(self) -> str:
        return self.mode.currentData()

    def set_mode(self, mode: str) -> None:
        if self.mode.findData(mode) < 0 and mode in ONLY_OPENED_MODES:
            self.mode.addItem(RESPONSE_MODES[mode], mode)  # a sala answer opened to correct it
        self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))

    def say(self, text: str) -> None:
        """A line under the search box (hidden when there is nothing to say)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- Searching -------------------------------------------------------------------

    def open_typed(self) -> None:
        """Enter in the search box: a folio or CURP opens at once; a name, its only match."""
        self.type_ahead.stop()
        text = self.search.text().strip()
        if not text:
            return
        cases = self.context.reader.open_case(text, limit=MATCHES_SHOWN)
        if parse_folio(text) or len(cases) == 1:
            self._show_matches([])
            if cases:
                emit(self.case_chosen, cases[0])
            else:
                self.say(f"No hay ningún alumno con el folio {text.upper()}. "
                                     "Revise el número impreso en el cuestionario.")
            return
        self._show_matches(cases)
        if cases:
            self._into_matches()

    def _look_up(self) -> None:
        text = self.search.text().strip()
        if len(text) < 3 or parse_folio(text):
            self._show_matches([])
            return
        self._show_matches(self.context.reader.open_case(text, limit=MATCHES_SHOWN))

    def _show_matches(self, cases: list[Case]) -> None:
        self.matches.clear()
        for case in cases:
            student = case.student
            item = QListWidgetItem(f"{student.full_name} — {student.curp} — "
                                   f"Generación {student.cohort}, grupo {student.group or '—'}")
            item.setData(Qt.ItemDataRole.UserRole, case)
            self.matches.addItem(item)
        self.matches.setVisible(bool(cases))
        text = self.search.text().strip()
        self.say("" if cases or len(text) < 3 else
                             "Ningún alumno coincide con la búsqueda.")

    def _into_matches(self) -> None:
        if self.matches.count():
            self.matches.setFocus()
            self.matches.setCurrentRow(0)

    def _chosen_item(self, item: QListWidgetItem) -> None:
        self.matches.hide()
        emit(self.case_chosen, item.data(Qt.ItemDataRole.UserRole))

    def describe(self, case: Case, questionnaire: str) -> str:
        """The line above the form: who, which questionnaire, and how far it got."""
        student = case.student
        status = RESPONSE_STATUSES.get(case.response.status, "") if case.response else "Nuevo"
        return (f"<b>{student.full_name}</b> · {student.curp} · Generación {student.cohort}, "
                f"grupo {student.group or '—'} · {questionnaire}: {status}")
