"""Automatic backups in the window: the day's first copy after opening, one on closing, and
Archivo → Respaldos automáticos… (a second folder, such as a USB stick).

A backup that fails never holds the window open: on closing (in the writer thread, the
window closing when it ends), the problem is logged and written beside the copies, and the
next start says it (storage/automatic_backups.py).
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.gui.widgets import files, messages
from seguimiento_desktop.storage import automatic_backups as auto

if TYPE_CHECKING:
    from seguimiento_desktop.gui.context import AppContext

log = logging.getLogger(__name__)
CLOSING_TITLE = "Guardando la copia automática…"
PROBLEM_NOTE = "ultimo-problema.txt"  # beside the automatic copies: shown at the next start
AFTER_FAILURE = ("\n\nSus datos siguen guardados en la base de datos; solo falta la copia. "
                 "Haga un respaldo en Archivo → Respaldar base de datos… cuando pueda.")


def back_up_at_start(window: QWidget, context: "AppContext") -> None:
    """Say what went wrong on the last close, then make the day's first copy (in the
    writer thread, without a progress dialog) if it is not made yet."""
    note = auto.automatic_folder(context.db_path) / PROBLEM_NOTE
    if note.exists():
        text = note.read_text("utf-8", errors="replace")
        note.unlink(missing_ok=True)
        QTimer.singleShot(0, lambda: messages.show_error(
            window, f"El respaldo automático al cerrar el programa la última vez falló:\n\n"
            f"{text}{AFTER_FAILURE}"))
    if auto.due_today(context.reader.store):
        context.jobs.run(window, "Respaldo automático…",
                         lambda ws, progress, cancel: auto.run_automatic_backup(ws.store),
                         lambda report: _tell_if_failed(window, report),
                         cancellable=False, quiet=True)


def back_up_on_close(window: QWidget, context: "AppContext",
                     then: Callable[[], None]) -> None:
    """The copy made as the window closes, in the writer thread (the window keeps painting;
    «Guardando la copia automática…» shows if it takes long). ``then()`` runs when it has
    ended, whatever happened: a failure is logged and told at the next start, never asked
    about now, so nothing here keeps the window open."""
    job = context.jobs.run(window, CLOSING_TITLE,
                           lambda ws, progress, cancel: _copy_on_close(ws.store),
                           on_failed=lambda message: _note_problem(context.db_path, [message]),
                           cancellable=False)
    job.finished.connect(then)


def _copy_on_close(store) -> "auto.AutomaticBackup | None":
    """In the writer thread: the copy; never raises (a bug must not keep the window open)."""
    try:
        report = auto.run_automatic_backup(store)
    except Exception:  # noqa: BLE001
        log.exception("Automatic backup on close failed")
        return None
    if not report.ok:
        _note_problem(store.path, report.problems)
    return report


def _note_problem(db_path: Path, problems: list[str]) -> None:
    log.warning("Automatic backup on close: %s", " | ".join(problems))
    try:
        (auto.automatic_folder(db_path) / PROBLEM_NOTE).write_text("\n".join(problems),
                                                                  "utf-8")
    except OSError:
        pass  # the data folder itself failed (full, removed): the log keeps it


def _tell_if_failed(window: QWidget, report: auto.AutomaticBackup) -> None:
    if not report.ok:
        messages.show_error(window, "No se pudo completar el respaldo automático:\n\n"
                            + "\n".join(report.problems) + AFTER_FAILURE)


def open_settings(window: QWidget, context: "AppContext") -> None:
    """Archivo → Respaldos automáticos…: where the copies go; choose or stop a second folder."""
    current = auto.extra_folder(context.reader.store)
    text = ("Cada día, al abrir el programa por primera vez y al cerrarlo, se guarda una copia "
            "revisada de la base de datos en:\n"
            f"{auto.automatic_folder(context.db_path)}\n"
            f"(se conservan los {auto.DAILY_KEPT} últimos días y {auto.WEEKLY_KEPT} semanas).\n\n")
    text += (f"También se guarda en:\n{current}" if current else
             "Puede guardar además una copia en otra carpeta o memoria USB: si el disco de "
             "esta PC se daña, esa copia queda a salvo.")
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text,
                      QMessageBox.StandardButton.NoButton, window)
    choose = box.addButton("Elegir otra carpeta…", QMessageBox.ButtonRole.ActionRole)
    stop = box.addButton("No copiar a otra carpeta", QMessageBox.ButtonRole.DestructiveRole) \
        if current else None
    box.setDefaultButton(box.addButton("Cerrar", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    if box.clickedButton() is choose:
        folder = files.ask_folder(window, "Carpeta para los respaldos automáticos",
                                  str(current or Path.home()))
        if folder:
            _use_folder(window, context, Path(folder))
    elif stop is not None and box.clickedButton() is stop:
        context.jobs.run(window, "Guardando…",
                         lambda ws, progress, cancel: auto.set_extra_folder(ws.store, None),
                         lambda _: messages.show_info(
                             window, f"Ya no se copiarán respaldos a {current}."),
                         cancellable=False)


def _use_folder(window: QWidget, context: "AppContext", folder: Path) -> None:
    def work(ws, progress, cancel) -> auto.AutomaticBackup:
        auto.set_extra_folder(ws.store, folder)
        return auto.run_automatic_backup(ws.store)

    def done(report: auto.AutomaticBackup) -> None:
        if report.ok:
            messages.show_info(window, "Listo. Desde ahora los respaldos automáticos también se "
                               f"guardan en {folder}. El de hoy ya está ahí:\n"
                               f"{report.written[-1]}")
        else:
            _tell_if_failed(window, report)

    context.jobs.run(window, "Respaldando…", work, done, cancellable=False)
