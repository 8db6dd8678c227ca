"""GUI fixtures: a fresh database per test, Qt's real dialogs, a person to answer them.

Nothing is replaced: message boxes, file dialogs (Qt's own, so they can be typed in),
progress dialogs and the job runner are the app's. The autouse ``person`` answers modal
windows as told and fails a test whose window stays stuck, so a frozen dialog can never
hang the run; files the app asks the system to open are recorded by ``viewer``.
"""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot

from seguimiento_desktop.accounts.keyslots import sidecar_path
from seguimiento_desktop.demo import DEMO_SCHOOL
from seguimiento_desktop.services import Workspace
from tests.conftest import TEST_PASSWORD, TEST_USER

DEMO_STUDENTS = 300


@pytest.fixture(autouse=True)
def isolated_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own database path and data folder (logs never touch $HOME)."""
    db = tmp_path / "plantel.sqlite"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("SEGUIMIENTO_DB", str(db))
    monkeypatch.setenv("SEGUIMIENTO_DIALOGOS_QT", "1")  # Qt's own file dialogs: drivable
    return db


class Viewer(QObject):
    """Stands in for the system's PDF/Excel viewer through Qt's own URL-handler hook."""

    def __init__(self):
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


@pytest.fixture(autouse=True)
def viewer(qapp):
    """Files the app asks the system to open are recorded here, never launched."""
    from PySide6.QtGui import QDesktopServices
    handler = Viewer()
    QDesktopServices.setUrlHandler("file", handler, "show")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo plantel database built once per session and copied into each test."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(DEMO_STUDENTS)
    return path


def signed_session(path: Path):
    """The test administrator's session on ``path``, or None on a database without
    accounts (the first run)."""
    if not sidecar_path(path).exists():
        return None
    with Workspace.sign_in(path, TEST_USER, TEST_PASSWORD) as workspace:
        return workspace.session


@pytest.fixture
def make_context(qtbot, isolated_app: Path):
    """Open an AppContext on the test's database (closed, jobs drained, at teardown),
    signed in as the test administrator when the database has accounts (a database without
    any, like the demo template, is what the core allows before the first administrator)."""
    from seguimiento_desktop.gui.context import AppContext
    opened = []

    def make():
        context = AppContext.open(isolated_app, session=signed_session(isolated_app))
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def context(make_context):
    """An empty database: no plantel yet (first run)."""
    return make_context()


@pytest.fixture
def school_context(make_context, isolated_app: Path):
    """A registered plantel with no students."""
    with Workspace.open(isolated_app) as workspace:
        workspace.set_up_school(DEMO_SCHOOL)
    return make_context()


@pytest.fixture
def demo_context(make_context, demo_template: Path, isolated_app: Path):
    """The demo plantel with its students."""
    shutil.copy(demo_template, isolated_app)
    return make_context()


@pytest.fixture
def directory(qtbot, demo_context):
    from seguimiento_desktop.gui.directory.page import DirectoryPage
    page = DirectoryPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


@pytest.fixture(autouse=True)
def person(qtbot):
    """Someone at the keyboard who answers the app's real modal windows (tests/gui/person.py).

    A window left frozen on screen fails the test instead of hanging the run.
    """
    from tests.gui.person import Person
    someone = Person(qtbot)
    yield someone
    someone.stop()
    assert not someone.problem, someone.problem
