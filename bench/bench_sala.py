"""Sixty students answering Cuestionario 1 at once in the sala de cómputo, on 127.0.0.1.

The sala runs as the real app does it, in its own process: `seguimiento sala abrir` (the
CLI), or the desktop app itself (``--servidor gui``: the main window signed in with the
directory shown and the «Aplicación en sala de cómputo» window serving), over plain HTTP
or HTTPS (``--https``: the plantel's self-signed certificate; each simulated student
trusts only it). Sixty simulated students (sala/simulated.py, plain HTTP forms as a
browser with JavaScript off sends them) sign in within a few seconds and answer every
page of a plausible C1 (questionnaires/synthetic.py), pausing on each page as if reading
it: ``--segundos-por-pregunta`` per question (0.25 s by default, about 30 times faster
than a person reads, which makes the load heavier than a real lab's and keeps the run
under a minute). Then every stored response is compared with the answers sent.

The simulated students open a new connection for every request (urllib keeps none
alive), so over HTTPS each page submit pays two full TLS handshakes (the POST and the
page it redirects to), where a browser would reuse its connection: an upper bound.

Figures, one a line, for each configuration run (all four by default):
- page submit p50 / p95 / max (ms): from pressing «Siguiente» to the next page received
  (the POST, the save through the sala's single writer, the redirect and the next page);
  goal p95 ≤ 200 ms on 2 cores;
- answers lost (stored C1 different from what was sent, or missing) and errors (any reply
  other than the next page or the thanks page);
- memory of the serving process (the CLI's, or the whole desktop app's) when the sala has
  opened, after the students, and its peak resident size (VmHWM);
- orientador minutes saved per 100 students against keying paper C1s, from the keystroke
  rule of the capture screen (gui/capture/keying.py, the one bench_keying.py measures) and
  the assumptions printed with it (docs/sala.md).

    python bench/bench_sala.py [--alumnos 60] [--segundos-por-pregunta 0.25]
                               [--servidor cli|gui] [--https | --http]
"""

import argparse
import json
import os
import random
import shutil
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


def start_sala(path: Path, cohort: str, gui: bool, https: bool) -> tuple[subprocess.Popen, dict]:
    """The sala's process (the CLI or the desktop app) and what it announced when open."""
    env = {**os.environ, "SEGUIMIENTO_USUARIO": USER, "SEGUIMIENTO_CONTRASENA": PASSWORD,
           "QT_QPA_PLATFORM": "offscreen"}
    if gui:
        command = [sys.executable, "-c", GUI_SALA, str(path), cohort, "1" if https else ""]
    else:
        command = [sys.executable, "-m", "seguimiento_desktop", "--db", str(path), "sala",
                   "abrir", "--generacion", cohort, "--interfaz", "127.0.0.1", "--puerto", "0",
                   "--json", *(["--https"] if https else [])]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    if not line:
        sys.exit(f"the sala did not open: {process.communicate(timeout=60)[1][-2000:]}")
    return process, json.loads(line)


def stop_sala(process: subprocess.Popen, gui: bool) -> dict:
    """Close the session as its user would (the window's close, Ctrl+C); its final counts."""
    if not gui:
        process.terminate()
    out, err = process.communicate(input="", timeout=60)  # the window: its stdin closes
    if not out.strip():
        sys.exit(f"the sala did not close: {err[-2000:]}")
    return json.loads(out.splitlines()[-1])


# The desktop app as the orientador has it: signed in, the directory shown, and the sala
# window opened on 127.0.0.1 with its own controls. It prints the sala's JSON line (as
# `sala abrir --json` does) and closes the session when its stdin closes.
GUI_SALA = r"""
import json, os, socket, sys
sys.path.insert(0, os.getcwd())
from PySide6.QtCore import QSocketNotifier, QTimer
from seguimiento_desktop.gui.app import create_application
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.main_window import MainWindow
from seguimiento_desktop.gui.sala.dialog import show_sala
from seguimiento_desktop.gui.startup import show_main_window
from seguimiento_desktop.services import Workspace
path, cohort, https = sys.argv[1], sys.argv[2], bool(sys.argv[3])
app = create_application([])
window = MainWindow()
show_main_window(window)
with Workspace.sign_in(path, os.environ["SEGUIMIENTO_USUARIO"],
                       os.environ["SEGUIMIENTO_CONTRASENA"]) as workspace:
    session = workspace.session
window.attach(AppContext.open(path, session=session))
dialog = show_sala(window.context, window)
dialog.cohort.setCurrentText(cohort)
dialog.network.setCurrentIndex(dialog.network.findData("127.0.0.1"))
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    dialog.port.setValue(probe.getsockname()[1])
dialog.https.setChecked(https)
dialog.open_session()

def announce():
    server = dialog.server
    if server is None:
        return QTimer.singleShot(50, announce)
    certificate = server.certificate
    print(json.dumps({"direccion": server.address, "codigo": server.sala.code,
                      "huella_sha256": certificate.fingerprint if certificate else None}),
          flush=True)

def close(_socket=None):
    counts = dialog.server.close(grace_s=0)
    print(json.dumps({"terminaron": counts.finished, "esperados": counts.expected}), flush=True)
    app.exit(0)

watch = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
watch.activated.connect(close)
QTimer.singleShot(0, announce)
sys.exit(app.exec())
"""


def memory_mib(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of ``pid`` in MiB, from /proc."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def one_student(sala: dict, student, answers: dict, per_question_s: float, seed: int,
                results: dict) -> None:
    """Sign in, answer page after page with a reading pause, record times and errors."""
    from seguimiento_desktop.sala.simulated import SimulatedStudent
    rng = random.Random(seed)
    browser = SimulatedStudent(sala["direccion"], sala.get("context"))
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


def pin(sala: dict) -> None:
    """Over HTTPS: the students trust the served certificate once its fingerprint is the
    one the sala announced (as they compare it with the projector), and only it."""
    if not sala.get("huella_sha256"):
        return
    import hashlib
    import socket
    import ssl
    from urllib.parse import urlsplit
    from seguimiento_desktop.sala.simulated import pinned_context
    address = urlsplit(sala["direccion"])
    unverified = ssl._create_unverified_context()
    with socket.create_connection((address.hostname, address.port), timeout=10) as raw:
        with unverified.wrap_socket(raw) as tls:
            served = tls.getpeercert(binary_form=True)
    if ":".join(f"{b:02X}" for b in hashlib.sha256(served).digest()) != sala["huella_sha256"]:
        sys.exit("the served certificate is not the one announced")
    sala["context"] = pinned_context(ssl.DER_cert_to_PEM_cert(served))


def copy_of(template: Path, name: str) -> Path:
    """A fresh copy of the plantel (with its key file): each run's students answer anew."""
    from seguimiento_desktop.accounts.keyslots import sidecar_path
    path = template.with_name(name)
    shutil.copy(template, path)
    shutil.copy(sidecar_path(template), sidecar_path(path))
    return path


def one_run(path: Path, cohort: str, chosen: list, papers: list[dict], gui: bool, https: bool,
            per_question_s: float) -> None:
    """Serve, let the students answer, close, check every response; print the figures."""
    from seguimiento_desktop.questionnaires.engine import evaluate
    from seguimiento_desktop.questionnaires.loader import load_definition
    from seguimiento_desktop.services import Workspace
    definition = load_definition("C1")
    process, sala = start_sala(path, cohort, gui, https)
    pin(sala)
    rss_open, _ = memory_mib(process.pid)
    results = {"times": [], "errors": 0, "failures": []}
    started = time.perf_counter()
    threads = [threading.Thread(target=one_student, args=(sala, s, p, per_question_s, i,
                                                          results))
               for i, (s, p) in enumerate(zip(chosen, papers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    rss_after, peak = memory_mib(process.pid)
    closing = stop_sala(process, gui)
    with Workspace.sign_in(path, USER, PASSWORD) as workspace:
        lost = sum(1 for s, p in zip(chosen, papers)
                   if (r := workspace.response_for(s.id, "C1")) is None
                   or r.answers != evaluate(definition, p).stored_answers()
                   or r.status != "completa" or r.mode != "sala")
    times = sorted(t * 1000 for t in results["times"])
    p95 = statistics.quantiles(times, n=20)[18]
    label = f"sala [{'desktop app' if gui else 'sala abrir'}, {'HTTPS' if https else 'HTTP'}]"
    print(f"{label}: {len(chosen)} students at once, {len(times)} pages in {elapsed:.1f} s "
          f"({len(times) / elapsed:.1f} pages/s), {per_question_s} s a question")
    print(f"{label} page submit p50 / p95 / max: {statistics.median(times):.1f} / {p95:.1f} / "
          f"{times[-1]:.1f} ms (goal p95 <= 200)")
    print(f"{label} answers lost: {lost} of {len(chosen)}; errors: {results['errors']}"
          + (f" {results['failures'][:3]}" if results["failures"] else ""))
    print(f"{label} finished as counted by the server: {closing['terminaron']} of "
          f"{closing['esperados']} in the list")
    print(f"{label} serving process memory: {rss_open:.0f} MiB open, {rss_after:.0f} MiB "
          f"after, peak {peak:.0f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alumnos", type=int, default=60)
    parser.add_argument("--segundos-por-pregunta", type=float, default=0.25)
    parser.add_argument("--servidor", choices=["cli", "gui"], help="only this one (both by default)")
    scheme = parser.add_mutually_exclusive_group()
    scheme.add_argument("--https", dest="schemes", action="store_const", const=[True])
    scheme.add_argument("--http", dest="schemes", action="store_const", const=[False])
    options = parser.parse_args()
    from seguimiento_desktop.domain.models import StudentQuery
    from seguimiento_desktop.questionnaires.loader import load_definition
    from seguimiento_desktop.questionnaires.prefill import directory_answers
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    from seguimiento_desktop.services import Workspace
    definition = load_definition("C1")
    servers = [options.servidor == "gui"] if options.servidor else [False, True]
    with tempfile.TemporaryDirectory() as folder:
        template = plantel(Path(folder), options.alumnos)
        with Workspace.sign_in(template, USER, PASSWORD) as workspace:
            cohort = max(workspace.facets().cohorts)
            chosen = workspace.find_students(StudentQuery(cohort=cohort))[:options.alumnos]
        papers = [synthetic_answers(definition, random.Random(i),
                                    known=directory_answers(definition, s))
                  for i, s in enumerate(chosen)]
        for gui in servers:
            for https in options.schemes or [False, True]:
                path = copy_of(template, f"sala-{int(gui)}{int(https)}.sqlite")
                one_run(path, cohort, chosen, papers, gui, https, options.segundos_por_pregunta)
    keys, minutes = orientador_minutes(definition, papers)
    print(f"orientador time saved per 100 students: {minutes:.0f} min ({keys:.0f} keys per "
          f"C1 paper at {KEYS_PER_HOUR:,} keys/h + {HANDLING_S} s handling per paper)")


if __name__ == "__main__":
    main()
