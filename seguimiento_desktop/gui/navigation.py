"""The pages of the left navigation: the one place a new screen is registered.

Each entry names its widget class as "module:Class" so the module is imported only when
the user first opens the page (fast start). A page class takes ``(context: AppContext)``
and may define ``activate()``, called each time the page is shown.

Extension points: Captura (capture/), Seguimiento (followup/), Envíos USB (sync/) and
Reportes (reports/) add one ``PageEntry`` here when their issues land.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # shown in the navigation, Spanish
    widget: str  # "package.module:ClassName"

    def load(self) -> type:
        module_name, class_name = self.widget.split(":")
        return getattr(import_module(module_name), class_name)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("directory", "Directorio", "seguimiento_desktop.gui.directory.page:DirectoryPage"),
    PageEntry("capture", "Captura", "seguimiento_desktop.gui.capture.page:CapturePage"),
    PageEntry("followup", "Seguimiento", "seguimiento_desktop.gui.followup.page:FollowupPage"),
    PageEntry("sync", "Envíos USB", "seguimiento_desktop.gui.sync.page:SyncPage"),
    PageEntry("reports", "Reportes", "seguimiento_desktop.gui.reports.page:ReportsPage"),
)
