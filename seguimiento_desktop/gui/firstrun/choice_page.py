"""First page of the assistant: register my plantel, or try the demo plantel."""

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget, QWizardPage

from seguimiento_desktop.gui.theme import MUTED_COLOR

DEMO_STUDENTS = 300


class ChoicePage(QWizardPage):
    """Two options with one sentence each; the demo option skips the plantel's data (to
    the administrator's account, or the end when the database already has one)."""

    def __init__(self, school_page_id: int, after_demo_id: int = -1,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._school_page_id = school_page_id
        self._after_demo_id = after_demo_id
        self.setTitle("Le damos la bienvenida a Seguimiento de Egresados")
        self.setSubTitle("Antes de empezar, indique con qué plantel va a trabajar.")
        self.register = QRadioButton("Registrar mi plantel", self)
        self.demo = QRadioButton("Probar con un plantel de demostración", self)
        self.register.setChecked(True)
        for option in (self.register, self.demo):
            option.setStyleSheet("font-weight: 600;")
        group = QButtonGroup(self)
        group.addButton(self.register)
        group.addButton(self.demo)
        # setFinalPage makes QWizard swap "Siguiente" for "Comenzar" right away.
        group.buttonToggled.connect(
            lambda *_: self.setFinalPage(self.wants_demo and after_demo_id == -1))
        layout = QVBoxLayout(self)
        layout.addWidget(self.register)
        layout.addWidget(self._explain(
            "Escriba la clave (CCT) y los datos de su escuela. Después podrá importar la "
            "lista de alumnos."))
        layout.addSpacing(14)
        layout.addWidget(self.demo)
        layout.addWidget(self._explain(
            f"Crea un plantel ficticio con {DEMO_STUDENTS} alumnos inventados para conocer la "
            "aplicación. No use esta opción para capturar datos reales."))
        layout.addStretch(1)

    def _explain(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {MUTED_COLOR}; margin-left: 26px;")
        return label

    @property
    def wants_demo(self) -> bool:
        return self.demo.isChecked()

    def nextId(self) -> int:  # noqa: N802 (Qt name)
        return self._after_demo_id if self.wants_demo else self._school_page_id
