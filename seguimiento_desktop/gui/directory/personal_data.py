"""Directorio → «Datos personales…»: a person's ARCO request (privacy/arco.py): their data
saved for them (acceso), or erased (cancelación)."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.signals import emit
from seguimiento_desktop.gui.widgets import files, messages


def personal_data(parent: QWidget, context: AppContext, student: Student) -> None:
    """The person's ARCO request: acceso (their data saved for them) or cancelación."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, (
        f"Derechos ARCO de {student.full_name} ({student.curp}).\n\nAcceso: guardar todos "
        "sus datos (ficha en PDF y datos en JSON) para entregárselos. Rectificación: use "
        "«Editar». Cancelación: borrar sus teléfonos, correo, respuestas y bitácora de "
        "contacto y quitarla del seguimiento (quedan nombre, CURP y generación como registro "
        "de la baja)."), QMessageBox.StandardButton.NoButton, parent)
    export = box.addButton("Guardar sus datos…", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Borrar sus datos…", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton("Cerrar", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    if box.clickedButton() is export:
        export_personal_data(parent, context, student)
    elif box.clickedButton() is cancel:
        cancel_personal_data(parent, context, student)


def cancel_personal_data(parent: QWidget, context: AppContext, student: Student) -> None:
    """Cancelación, after a plain question (administrator; in the bitácora)."""
    question = (f"¿Borrar los datos de {student.full_name} ({student.curp})? Sus teléfonos, "
                "correo, respuestas y bitácora de contacto se borran aquí y, con el siguiente "
                "paquete, en la oficina central. No se puede deshacer (solo restaurando un "
                "respaldo).")
    if not messages.confirm(parent, question, "Borrar sus datos"):
        return

    def work(ws, progress, cancel) -> tuple[int, int]:
        from seguimiento_desktop.privacy.arco import cancel_person
        if hasattr(ws, "require"):  # cancellations are the administrator's
            from seguimiento_desktop.accounts.roles import ADMINISTRATION
            ws.require(ADMINISTRATION)
        return cancel_person(ws.store, student.id,
                             ws.account.name if getattr(ws, "account", None) else "")

    def done(erased: tuple[int, int]) -> None:
        emit(context.events.students_changed)
        messages.show_info(parent, f"Listo: se borraron los datos de {student.full_name} "
                           f"({erased[0]} cuestionarios, {erased[1]} notas de contacto).")

    context.jobs.run(parent, "Borrando los datos de la persona…", work, done,
                     cancellable=False)


def export_personal_data(parent: QWidget, context: AppContext, student: Student) -> None:
    """Choose a folder, write the ficha (PDF) and the data (JSON), say where they are."""
    folder = files.ask_folder(parent, f"Carpeta para los datos de {student.full_name}")
    if not folder:
        return

    def work(ws, progress, cancel) -> tuple[Path, Path]:
        from seguimiento_desktop.privacy.arco import export_person
        written = export_person(ws, student.curp, Path(folder))
        if hasattr(ws, "log_action"):  # the bitácora (accounts/usecases.py)
            ws.log_action("arco_acceso", student.curp, {"salida": folder})
        return written

    context.jobs.run(parent, "Guardando los datos de la persona…", work,
                     lambda written: messages.show_info(
                         parent, f"Listo: los datos de {student.full_name} se guardaron en:\n"
                         f"{written[1]}\n{written[0]}\n\nEntréguelos a la persona que los "
                         "pidió; la ficha en PDF es para leer y el JSON para otros programas."))
