"""Directorio → «Datos personales…»: a person's data for an ARCO request (privacy/arco.py)."""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.widgets import files, messages


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
