"""Sixty students answering Cuestionario 1 at once in the sala de cómputo, on 127.0.0.1.

The sala runs as the real app does it: `seguimiento sala abrir` in its own process (the
figure «memory» is that process's peak resident size). Sixty simulated students
(sala/simulated.py, plain HTTP forms as a browser with JavaScript off sends them) sign in
within a few seconds and answer every page of a plausible C1 (questionnaires/synthetic.py),
pausing on each page as if reading it: ``--segundos-por-pregunta`` per question (0.25 s
by default, about 30 times faster than a person reads, which makes the load heavier than
a real lab's and keeps the run under a minute). Then every stored response is compared
with the answers sent.

Figures, one a line:
- page submit p50 / p95 / max (ms): from pressing «Siguiente» to the next page received
  (the POST, the save through the sala's single writer, the redirect and the next page);
  goal p95 ≤ 200 ms on 2 cores;
- answers lost (stored C1 different from what was sent, or missing) and errors (any reply
  other than the next page or the thanks page);
- memory of the serving process before and at the peak;
- orientador minutes saved per 100 students against keying paper C1s, from the keystroke
  rule of the capture screen (gui/capture/keying.py, the one bench_keying.py measures) and
  the assumptions printed with it (docs/sala.md).

    python bench/bench_sala.py [--alumnos 60] [--segundos-por-pregunta 0.25]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SEGUIMIENTO_KDF_DE_PRUEBA", "1")  # set-up only: slots are not served
USER, PASSWORD = "admin", "contrasena-de-banco"
# Keying assumptions (docs/sala.md): an orientador keys heads-down at 5,000 keys an hour
# (a trained data-entry clerk reaches 8,000-10,000), and handles each paper for 30 s more
# (scan the folio, turn its pages, set it aside, ask about an illegible answer).
KEYS_PER_HOUR, HANDLING_S = 5000, 30


def plantel(folder: Path, students: int) -> Path:
    """A demo plantel whose graduating generación has at least ``students`` students."""
    from seguimiento_desktop.services import Workspace
    path = folder / "plantel.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(max(300, students * 3))
        workspace.create_administrator(USER, "Banco de pruebas", PASSWORD)
    return path


def start_sala(path: Path, cohort: str) -> tuple[subprocess.Popen, dict]:
    env = {**os.environ, "SEGUIMIENTO_USUARIO": USER, "SEGUIMIENTO_CONTRASENA": PASSWORD}
    process = subprocess.Popen(
        [sys.executable, "-m", "seguimiento_desktop", "--db", str(path), "sala", "abrir",
         "--generacion", cohort, "--interfaz", "127.0.0.1", "--puerto", "0", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return process, json.loads(process.stdout.readline())


def memory_mib(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of ``pid`` in MiB, from /proc."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def one_student(sala: dict, student, answers: dict, per_question_s: float, seed: int,
                results: dict) -> None:
    """Sign in, answer page after page with a reading pause, record times and errors."""
    from seguimiento_desktop.sala.simulated import SimulatedStudent
    rng = random.Random(seed)
    browser = SimulatedStudent(sala["direccion"])
    time.sleep(rng.uniform(0, 5))  # sixty students do not press Enter in the same instant
    try:
        reply = browser.sign_in(student.curp, sala["codigo"])
        while reply.form.action.startswith("/pregunta/") and reply.status == 200:
            asked = sum(1 for name in reply.form.names if name in answers) or 1
            time.sleep(per_question_s * asked * rng.uniform(0.5, 1.5))
            reply = browser.send_page(answers)
        ok = reply.url.endswith("/gracias") and reply.status == 200
        results["errors"] += 0 if ok else 1
    except OSError as error:  # a refused or dropped connection is an error too
        results["errors"] += 1
        results["failures"].append(repr(error))
    results["times"].extend(browser.submit_times)


def orientador_minutes(definition, papers: list[dict]) -> tuple[float, float]:
    """(keys per C1 paper, orientador minutes to key 100 papers) under the assumptions."""
    from seguimiento_desktop.gui.capture.keying import paper_keystrokes
    keys = statistics.mean(len(paper_keystrokes(definition, p)) for p in papers)
    per_paper_s = keys / KEYS_PER_HOUR * 3600 + HANDLING_S
    return keys, per_paper_s * 100 / 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alumnos", type=int, default=60)
    parser.add_argument("--segundos-por-pregunta", type=float, default=0.25)
    options = parser.parse_args()
    from seguimiento_desktop.domain.models import StudentQuery
    from seguimiento_desktop.questionnaires.engine import evaluate
    from seguimiento_desktop.questionnaires.loader import load_definition
    from seguimiento_desktop.questionnaires.prefill import directory_answers
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    from seguimiento_desktop.services import Workspace
    definition = load_definition("C1")
    with tempfile.TemporaryDirectory() as folder:
        path = plantel(Path(folder), options.alumnos)
        with Workspace.sign_in(path, USER, PASSWORD) as workspace:
            cohort = max(workspace.facets().cohorts)
            chosen = workspace.find_students(StudentQuery(cohort=cohort))[:options.alumnos]
        papers = [synthetic_answers(definition, random.Random(i),
                                    known=directory_answers(definition, s))
                  for i, s in enumerate(chosen)]
        process, sala = start_sala(path, cohort)
        rss_before, _ = memory_mib(process.pid)
        results = {"times": [], "errors": 0, "failures": []}
        started = time.perf_counter()
        threads = [threading.Thread(target=one_student, args=(
            sala, s, p, options.segundos_por_pregunta, i, results))
            for i, (s, p) in enumerate(zip(chosen, papers))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        rss_after, peak = memory_mib(process.pid)
        process.terminate()
        closing = json.loads(process.communicate(timeout=60)[0])
        with Workspace.sign_in(path, USER, PASSWORD) as workspace:
            lost = sum(1 for s, p in zip(chosen, papers)
                       if (r := workspace.response_for(s.id, "C1")) is None
                       or r.answers != evaluate(definition, p).stored_answers()
                       or r.status != "completa" or r.mode != "sala")
    times = sorted(t * 1000 for t in results["times"])
    p95 = statistics.quantiles(times, n=20)[18]
    keys, minutes = orientador_minutes(definition, papers)
    print(f"sala: {options.alumnos} students at once, {len(times)} pages in {elapsed:.1f} s "
          f"({len(times) / elapsed:.1f} pages/s), {options.segundos_por_pregunta} s a question")
    print(f"sala page submit p50 / p95 / max: {statistics.median(times):.1f} / {p95:.1f} / "
          f"{times[-1]:.1f} ms (goal p95 <= 200)")
    print(f"sala answers lost: {lost} of {options.alumnos}; errors: {results['errors']}"
          + (f" {results['failures'][:3]}" if results["failures"] else ""))
    print(f"sala finished as counted by the server: {closing['terminaron']} of "
          f"{closing['esperados']} in the list")
    print(f"sala serving process memory: {rss_before:.0f} MiB open, {rss_after:.0f} MiB "
          f"after, peak {peak:.0f} MiB")
    print(f"orientador time saved per 100 students: {minutes:.0f} min ({keys:.0f} keys per "
          f"C1 paper at {KEYS_PER_HOUR:,} keys/h + {HANDLING_S} s handling per paper)")


if __name__ == "__main__":
    main()
