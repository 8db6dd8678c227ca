"""Archivo → «Depurar datos de contacto…»: the retention preview, then the purge."""

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.privacy import retention

if TYPE_CHECKING:
    from seguimiento_desktop.gui.context import AppContext


def offer_purge(window: QWidget, context: "AppContext") -> None:
    """Show what would go (nothing changes yet); purge only if the person confirms."""
    plan = retention.retention_plan(context.reader.store)
    preview = retention.plan_text(plan, applied=False)
    if plan.empty:
        messages.show_info(window, preview)
        return
    question = (f"{preview}\n\nLa estrategia sigue a cada generación dos años; pasados "
                f"{plan.months} meses más, los datos de contacto ya no hacen falta. ¿Borrarlos?")
    if messages.confirm(window, question, "Borrar datos de contacto"):
        context.jobs.run(window, "Depurando datos de contacto…", _purge,
                         lambda done: messages.show_info(
                             window, retention.plan_text(done, applied=True)),
                         cancellable=False)


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
