"""Crash safety, proven: SIGKILL at ≥ 30 random moments of each operation, then reopen.

After every kill: the databases pass PRAGMA integrity_check; an import or a merge is all
or nothing (counts before or after, never between); an autosave left one of the versions
the keyer saved, with the consent consequence written with it or not at all; a backup or
bundle on disk is absent or whole and valid; and the operation, run again, completes.
The delays come from a seeded RNG (SEGUIMIENTO_SEMILLA_CORTES); figures are printed at
the end of the run and kept in docs/benchmarks.md.
"""

import json
import random
from pathlib import Path

import pytest

from seguimiento_desktop.demo import DEMO_SCHOOL
from seguimiento_desktop.services import Workspace
from tests.crash import operations as ops
from tests.crash.harness import FIGURES, KILLS, check_integrity, kill_points
from tests.roster_files import people, roster_rows, write_csv
from tests.conftest import raw_connection

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="POSIX only")

ROSTER_STUDENTS = 600


def _count(path: Path, sql: str) -> int:
    conn = raw_connection(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _students(path: Path) -> int:
    return _count(path, "SELECT count(*) FROM students WHERE deleted = 0")


def _judge(tally) -> None:
    FIGURES.append(tally.line())
    assert not tally.inconsistent, "\n".join(tally.inconsistent[:5])
    assert tally.killed >= KILLS, tally.line()


# --- Roster import ------------------------------------------------------------------------

def test_a_killed_roster_import_is_all_or_nothing(zygote, tmp_path):
    template = tmp_path / "template"
    template.mkdir()
    with Workspace.open(template / ops.PLANTEL) as workspace:
        workspace.set_up_school(DEMO_SCHOOL)
    write_csv(template / ops.ROSTER, roster_rows(people(ROSTER_STUDENTS)))

    def check(folder: Path) -> str:
        check_integrity(folder / ops.PLANTEL)
        found = _students(folder / ops.PLANTEL)
        assert found in (0, ROSTER_STUDENTS), f"{found} students: a partial import"
        return "before" if found == 0 else "after"

    def check_rerun(folder: Path) -> None:
        assert check(folder) == "after"

    _judge(kill_points(zygote, "import", template, tmp_path, check, check_rerun))


# --- Capture autosave ----------------------------------------------------------------------

def _autosave_template(template: Path) -> list[dict]:
    """A demo plantel and the saves of a keyer answering C1, the last one a refusal."""
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    with Workspace.open(template / ops.PLANTEL) as workspace:
        workspace.fill_demo(40, with_followup=False)
        student = workspace.find_students()[0]
        definition = workspace.definition("C1")
    answers = synthetic_answers(definition, random.Random(5), known={"CONSENTIMIENTO": 1})
    items = list(answers.items())
    steps = [dict(items[:k]) for k in range(1, len(items) + 1)]
    steps.append({**answers, "CONSENTIMIENTO": 2})  # «No acepto»: the person is marked too
    (template / ops.STEPS).write_text(json.dumps(
        {"student_id": student.id, "version": definition.version, "answers": steps}), "utf-8")
    return steps


def _saved_state(folder: Path) -> tuple[str, str]:
    """(the C1 answers stored, the person's estado de localización)."""
    conn = raw_connection(folder / ops.PLANTEL)
    try:
        student_id = json.loads((folder / ops.STEPS).read_text("utf-8"))["student_id"]
        row = conn.execute("SELECT answers FROM responses WHERE student_id = ? AND "
                           "questionnaire = 'C1' AND deleted = 0", [student_id]).fetchone()
        status = conn.execute("SELECT contact_status FROM students WHERE id = ?",
                              [student_id]).fetchone()[0]
    finally:
        conn.close()
    stored = json.dumps(json.loads(row[0]), sort_keys=True) if row else ""
    return stored, status


def test_a_killed_autosave_leaves_one_saved_version(zygote, tmp_path):
    template = tmp_path / "template"
    template.mkdir()
    steps = _autosave_template(template)
    # Every state a save can leave, computed by saving step by step on a copy.
    expected = {_saved_state(template): "before"}
    scratch = tmp_path / "steps"
    scratch.mkdir()
    for name in (ops.PLANTEL, ops.STEPS):
        (scratch / name).write_bytes((template / name).read_bytes())
    data = json.loads((scratch / ops.STEPS).read_text("utf-8"))
    for number in range(len(steps)):
        (scratch / ops.STEPS).write_text(json.dumps({**data, "answers": [steps[number]]}))
        ops.run_autosave(scratch)
        expected[_saved_state(scratch)] = f"save {number + 1}"
    assert expected[_saved_state(scratch)] == f"save {len(steps)}"
    assert _saved_state(scratch)[1] == "rechazo"

    def check(folder: Path) -> str:
        check_integrity(folder / ops.PLANTEL)
        state = _saved_state(folder)
        assert state in expected, f"a state no save wrote: {state}"
        return "before" if expected[state] == "before" else (
            "last save" if expected[state] == f"save {len(steps)}" else "an earlier save")

    def check_rerun(folder: Path) -> None:
        assert check(folder) == "last save"

    _judge(kill_points(zygote, "autosave", template, tmp_path, check, check_rerun))


# --- Backup --------------------------------------------------------------------------------

def test_a_killed_backup_leaves_no_backup_or_a_whole_one(zygote, tmp_path):
    template = tmp_path / "template"
    (template / ops.USB).mkdir(parents=True)
    with Workspace.open(template / ops.PLANTEL) as workspace:
        workspace.fill_demo(300)
        live = (workspace.count_students(), len(workspace.find_responses()))

    def counts(path: Path) -> tuple[int, int]:
        return _students(path), _count(path, "SELECT count(*) FROM responses WHERE deleted = 0")

    def check(folder: Path) -> str:
        check_integrity(folder / ops.PLANTEL)
        assert counts(folder / ops.PLANTEL) == live, "the live database changed"
        backup = folder / ops.USB / ops.BACKUP_NAME
        if not backup.exists():
            return "no backup"
        check_integrity(backup)
        assert counts(backup) == live, f"a backup with {counts(backup)} instead of {live}"
        return "whole backup"

    def check_rerun(folder: Path) -> None:
        assert check(folder) == "whole backup"
        left = sorted(p.name for p in (folder / ops.USB).iterdir() if p.name != ops.BACKUP_NAME)
        assert not left, f"left on the stick: {left}"

    _judge(kill_points(zygote, "backup", template, tmp_path, check, check_rerun))


# --- Bundle export (plantel) and merge (central office) --------------------------------------

def _bundles_on(folder: Path, public_key: str) -> dict[int, str]:
    """Bundle number -> file name of every .seg on the stick; AssertionError unless each
    is complete and its signature and payload hash hold."""
    from seguimiento_desktop.sync import bundles
    from seguimiento_desktop.sync.keys import signature_is_valid
    from seguimiento_desktop.sync.manifest import parse_manifest
    found = {}
    for path in sorted(folder.glob("*.seg")):
        container = bundles.read_container(path)
        manifest = parse_manifest(container.manifest_raw, path.name)
        assert signature_is_valid(public_key, container.signature, container.manifest_raw), \
            f"{path.name}: bad signature"
        assert bundles.payload_matches(path, container, manifest.payload_sha256), \
            f"{path.name}: payload does not match its manifest"
        assert manifest.seq not in found, f"bundle number {manifest.seq} used twice"
        found[manifest.seq] = path.name
    return found


def _synced_plantel(folder: Path, students: int) -> tuple[Path, Path]:
    """A plantel (with answers) whose office's configuration it imported: (plantel, office)."""
    from tests.sync_support import answer, office, plantel
    workspace = plantel(folder, count=students)
    for student in workspace.find_students()[:students // 2]:
        answer(workspace, student.curp)
    central = office(folder, workspace)
    paths = workspace.store.path, central.store.path
    workspace.close()
    central.close()
    return paths


def test_a_killed_export_leaves_no_bundle_or_a_valid_one(zygote, tmp_path):
    from seguimiento_desktop.sync.installation import installation_keys
    template = tmp_path / "template"
    (template / ops.USB).mkdir(parents=True)
    plantel_path, _ = _synced_plantel(tmp_path, 300)
    (template / ops.PLANTEL).write_bytes(plantel_path.read_bytes())
    with Workspace.open(template / ops.PLANTEL) as workspace:
        public_key = installation_keys(workspace.store).public_key

    def logged(folder: Path) -> list[str]:
        conn = raw_connection(folder / ops.PLANTEL)
        try:
            return [row[0] for row in conn.execute("SELECT file_name FROM sync_exports")]
        finally:
            conn.close()

    def check(folder: Path) -> str:
        check_integrity(folder / ops.PLANTEL)
        on_stick = _bundles_on(folder / ops.USB, public_key)
        names = logged(folder)
        assert set(names) <= set(on_stick.values()), f"logged but not on the stick: {names}"
        return "logged bundle" if names else ("bundle not logged" if on_stick else "no bundle")

    def check_rerun(folder: Path) -> None:
        on_stick = _bundles_on(folder / ops.USB, public_key)
        assert logged(folder) and set(logged(folder)) <= set(on_stick.values())
        left = [p.name for p in (folder / ops.USB).iterdir() if p.suffix != ".seg"]
        assert not left, f"left on the stick: {left}"

    _judge(kill_points(zygote, "export", template, tmp_path, check, check_rerun))


def test_a_killed_merge_is_all_or_nothing(zygote, tmp_path):
    from seguimiento_desktop.sync.signed import read_document
    from tests.sync_support import export
    template = tmp_path / "template"
    for name in (ops.INBOX, ops.ACKS):
        (template / name).mkdir(parents=True)
    plantel_path, central_path = _synced_plantel(tmp_path, 400)
    with Workspace.open(plantel_path) as workspace:
        bundle = export(workspace, tmp_path / "usb")
    (template / ops.INBOX / bundle.name).write_bytes(bundle.read_bytes())
    (template / ops.CENTRAL).write_bytes(central_path.read_bytes())

    def state(folder: Path) -> tuple[int, int, int]:
        path = folder / ops.CENTRAL
        return (_students(path), _count(path, "SELECT count(*) FROM responses"),
                _count(path, "SELECT count(*) FROM sync_received"))

    before = state(template)
    after = (400, 200, 1)

    def check(folder: Path) -> str:
        check_integrity(folder / ops.CENTRAL)
        found = state(folder)
        assert found in (before, after), f"(students, responses, bundles) = {found}: partial"
        for ack in (folder / ops.ACKS).iterdir():
            if ack.name.endswith(".parcial"):
                continue  # written aside, never renamed: not an acknowledgement
            assert found == after, f"an acknowledgement {ack.name} of a merge not committed"
            read_document(ack, "ack")  # whole and signed, or SyncError
        return "before" if found == before else "after"

    def check_rerun(folder: Path) -> None:
        assert check(folder) == "after"
        left = sorted(p.name for p in (folder / ops.ACKS).iterdir())
        assert len(left) == 1, f"in the acknowledgements folder: {left}"

    _judge(kill_points(zygote, "merge", template, tmp_path, check, check_rerun))
