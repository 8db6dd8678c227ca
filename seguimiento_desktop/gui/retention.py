"""Archivo → «Depurar datos de contacto…»: the retention preview, then the purge."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.gui.widgets import files, messages
from seguimiento_desktop.privacy import retention
from seguimiento_desktop.privacy.retention_report import save_retention_report

if TYPE_CHECKING:
    from seguimiento_desktop.gui.context import AppContext


def offer_purge(window: QWidget, context: "AppContext") -> None:
    """Show what would go (nothing changes yet); purge only if the person confirms. The
    preview can first be saved as the PDF report (for the director's signature)."""
    plan = retention.retention_plan(context.reader.store)
    preview = retention.plan_text(plan, applied=False)
    if plan.empty:
        messages.show_info(window, preview)
        return
    question = (f"{preview}\n\nLa estrategia sigue a cada generación dos años; pasados "
                f"{plan.months} meses más, los datos de contacto ya no hacen falta. ¿Borrarlos?")
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question,
                      QMessageBox.StandardButton.NoButton, window)
    purge = box.addButton("Borrar datos de contacto", QMessageBox.ButtonRole.AcceptRole)
    report = box.addButton("Guardar informe PDF…", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton("Cancelar", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    if box.clickedButton() is report:
        save_report(window, context)
    elif box.clickedButton() is purge:
        context.jobs.run(window, "Depurando datos de contacto…", _purge,
                         lambda done: messages.show_info(
                             window, retention.plan_text(done, applied=True)),
                         cancellable=False)


def save_report(window: QWidget, context: "AppContext") -> None:
    """«Guardar informe PDF…»: the preview as the CLI's report (``privacidad retencion
    --informe``), written by the writer thread and opened; then the preview again, to
    purge or not."""
    suggested = context.db_path.with_name(f"depuracion-{date.today().isoformat()}.pdf")
    path = files.ask_save_path(window, "Guardar informe de depuración", str(suggested),
                               "Documento PDF (*.pdf)")
    if not path:
        return
    target = files.with_suffix_if_missing(path, ".pdf")

    def work(ws, progress, cancel) -> Path:
        plan = retention.retention_plan(ws.store)
        return save_retention_report(target, plan, ws.school(), applied=False)

    def done(saved: Path) -> None:
        files.open_file(window, saved)
        offer_purge(window, context)

    context.jobs.run(window, "Guardando el informe…", work, done, cancellable=False)


def _purge(ws, progress, cancel) -> retention.RetentionPlan:
    if hasattr(ws, "require"):  # purges are the administrator's (accounts/roles.py)
        from seguimiento_desktop.accounts.roles import ADMINISTRATION
        ws.require(ADMINISTRATION)
    done = retention.purge_contact_data(
        ws.store, user=ws.account.name if getattr(ws, "account", None) else "")
    if not done.empty and hasattr(ws, "log_action"):
        ws.log_action("depurar_contactos", ", ".join(c.cohort for c in done.cohorts),
                      {c.cohort: [c.students, c.responses, c.notes] for c in done.cohorts})
    return done
