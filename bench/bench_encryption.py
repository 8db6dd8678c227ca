"""Encryption at rest on a 50,000-student plantel: the same work on the clear database and
on its encrypted copy, in the same run.

Figures (one line each, ``name value``): the conversion of the clear plantel
(storage/encryption.encrypt_in_place), opening each (the first open of a process, with
its quick_check, and a reopen), the directory's type-ahead (the table model's refresh, as
bench/bench_search.py measures it, without the repaint: the goal is p95 ≤ 15 ms
encrypted) and capture's autosave (Workspace.save_response, one per answer, as capture
writes). The demo plantel is the one bench_search.py builds (kept in the temp folder);
this bench works on copies of it.

    QT_QPA_PLATFORM=offscreen python bench/bench_encryption.py [--students 50000]
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

KEY = bytes(range(32))  # a session's key; the bench has no accounts
SAVES = 200


def copies(students: int) -> tuple[Path, Path, float]:
    """(clear copy, encrypted copy, seconds the conversion took)."""
    from bench_search import database
    from seguimiento_desktop.storage import encryption
    from seguimiento_desktop.storage.database import open_store
    source = database(students, rebuild=False)
    folder = Path(tempfile.mkdtemp(prefix="seguimiento-cifrado-"))
    clear, encrypted = folder / "clara.sqlite", folder / "cifrada.sqlite"
    for target in (clear, encrypted):
        shutil.copyfile(source, target)
        open_store(target, create=False).close()  # on this version's schema, checkpointed
    started = time.perf_counter()
    encryption.encrypt_in_place(encrypted, KEY)
    return clear, encrypted, time.perf_counter() - started


def opened(path: Path, key: bytes | None):
    from seguimiento_desktop.services import Workspace
    from seguimiento_desktop.storage.database import open_store
    return Workspace(open_store(path, create=False, key=key))


def open_ms(path: Path, key: bytes | None) -> tuple[float, float]:
    """(first open in this process, with its quick_check; median of five reopenings)."""
    from seguimiento_desktop.storage import integrity
    integrity._checked.discard(path.resolve())  # the first open checks the whole file again
    times = []
    for _ in range(6):
        started = time.perf_counter()
        workspace = opened(path, key)
        workspace.count_students()
        times.append((time.perf_counter() - started) * 1000)
        workspace.close()
    return times[0], statistics.median(times[1:])


def search_ms(path: Path, key: bytes | None) -> list[float]:
    """The directory's model refresh per typed prefix (bench_search.py's texts)."""
    import bench_search
    from seguimiento_desktop.services import Workspace
    with opened(path, key) as workspace:
        searches = bench_search.typed_texts(workspace)
    original = Workspace.open
    Workspace.open = classmethod(lambda cls, p, create=True, session=None: opened(p, key))
    try:
        return [m[0] for m in bench_search.measure(path, searches)]
    finally:
        Workspace.open = original


def autosave_ms(path: Path, key: bytes | None) -> list[float]:
    """One save_response per answer of C1, as the capture page autosaves."""
    from seguimiento_desktop.domain.models import Response
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    times = []
    with opened(path, key) as workspace:
        definition = workspace.definition("C1")
        students = workspace.find_students()[:SAVES]
        rng = random.Random(5)
        for student in students:
            answers = synthetic_answers(definition, rng, known={"CONSENTIMIENTO": 1})
            started = time.perf_counter()
            workspace.save_response(Response(student_id=student.id, questionnaire="C1",
                                             version=definition.version, answers=answers))
            times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50_000)
    args = parser.parse_args()
    clear, encrypted, converted = copies(args.students)
    print(f"encryption_students {args.students}")
    print(f"encryption_database_mib {clear.stat().st_size / 2**20:.1f}")
    print(f"encryption_convert_s {converted:.2f}")
    for label, path, key in (("clear", clear, None), ("encrypted", encrypted, KEY)):
        first, again = open_ms(path, key)
        print(f"open_first_ms_{label} {first:.1f}")
        print(f"open_again_ms_{label} {again:.1f}")
    for label, path, key in (("clear", clear, None), ("encrypted", encrypted, KEY)):
        searches = search_ms(path, key)
        print(f"search_p50_ms_{label} {statistics.median(searches):.1f}")
        print(f"search_p95_ms_{label} {p95(searches):.1f}")
    for label, path, key in (("clear", clear, None), ("encrypted", encrypted, KEY)):
        saves = autosave_ms(path, key)
        print(f"autosave_p50_ms_{label} {statistics.median(saves):.2f}")
        print(f"autosave_p95_ms_{label} {p95(saves):.2f}")
    shutil.rmtree(clear.parent)


if __name__ == "__main__":
    main()
