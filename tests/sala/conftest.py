"""A demo plantel with accounts, a sala opened on 127.0.0.1, and students to answer it."""

import random
import shutil
from pathlib import Path

import pytest

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.sala.session import SalaConfig
from tests.conftest import add_administrator, signed_in

GRADUATING = "2024-2027"  # the demo's cohort about to graduate: nobody has answered C1 yet
KEYER, KEYER_PASSWORD = "capturista1", "clave-de-capturista"


@pytest.fixture(scope="session")
def sala_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plantel (300 students) with the test administrator and a capturista."""
    from seguimiento_desktop.services import Workspace
    path = tmp_path_factory.mktemp("sala") / "plantel.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(300)
    add_administrator(path)
    with signed_in(path) as workspace:
        workspace.create_user(KEYER, "Capturista de prueba", "capturista", KEYER_PASSWORD)
    return path


@pytest.fixture
def plantel(sala_template: Path, tmp_path: Path) -> Path:
    """A copy of the template (with its key file) for one test."""
    from seguimiento_desktop.accounts.keyslots import sidecar_path
    path = tmp_path / "plantel.sqlite"
    shutil.copy(sala_template, path)
    shutil.copy(sidecar_path(sala_template), sidecar_path(path))
    return path


@pytest.fixture
def session(plantel: Path):
    with signed_in(plantel) as workspace:
        return workspace.session


@pytest.fixture
def lab(plantel: Path, session):
    """A sala open on 127.0.0.1 (a free port) for the graduating generación."""
    from seguimiento_desktop.sala.server import open_sala
    server = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0)
    yield server
    if not server.sala.closed or server.desk._thread.is_alive():
        server.close(grace_s=0)


@pytest.fixture
def students(plantel: Path) -> list:
    """The graduating students, in directory order."""
    with signed_in(plantel) as workspace:
        return workspace.find_students(StudentQuery(cohort=GRADUATING))


def answers_for(plantel: Path, student, seed: int = 0, profile: dict | None = None) -> dict:
    """A complete, plausible C1 for ``student`` (directory data as the directory says)."""
    from seguimiento_desktop.questionnaires.loader import load_definition
    from seguimiento_desktop.questionnaires.prefill import directory_answers
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    definition = load_definition("C1")
    return synthetic_answers(definition, random.Random(seed), profile,
                             known=directory_answers(definition, student))


def stored(plantel: Path, student_id: str):
    """The student's C1 as the database holds it (None if nothing was saved)."""
    with signed_in(plantel) as workspace:
        return workspace.response_for(student_id, "C1")
