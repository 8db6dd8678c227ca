"""`seguimiento sala abrir` as a script runs it: the address on stdout, students answer,
SIGTERM (Ctrl+C) closes the session and prints the counts."""

import json
import os
import signal
import subprocess
import sys

from seguimiento_desktop.sala.simulated import SimulatedStudent
from tests.sala.conftest import GRADUATING, KEYER, KEYER_PASSWORD, answers_for, stored


def sala_abrir(plantel, tmp_path, *options: str) -> subprocess.Popen:
    """`sala abrir` on 127.0.0.1, a free port, as the test administrator."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "seguimiento_desktop", "--db", str(plantel), "sala",
               "abrir", "--generacion", GRADUATING, "--interfaz", "127.0.0.1", "--puerto",
               "0", *options]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env)


def test_sala_abrir_serves_until_stopped_and_reports_the_counts(plantel, students, tmp_path):
    process = sala_abrir(plantel, tmp_path, "--json")
    try:
        opened = json.loads(process.stdout.readline())
        assert opened["esperados"] == 100 and opened["direccion"].startswith("http://127.0.0.1:")
        assert opened["huella_sha256"] is None  # plain HTTP: no certificate
        student = SimulatedStudent(opened["direccion"])
        student.sign_in(students[0].curp, opened["codigo"])
        student.send_page(answers_for(plantel, students[0], seed=7,
                                      profile={"CONSENTIMIENTO": {1: 1}}))
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert json.loads(out) == {"conectados": 1, "iniciaron": 1, "terminaron": 0,
                               "esperados": 100}
    assert stored(plantel, students[0].id).mode == "sala"


def test_sala_abrir_https_prints_the_fingerprint_of_the_certificate_it_serves(plantel, tmp_path):
    from tests.sala.test_sala_tls import fingerprint_of, served_certificate_at
    process = sala_abrir(plantel, tmp_path, "--https")
    try:
        shown = ""
        while "Dirección para los alumnos" not in shown:
            shown += process.stdout.readline()
        address = shown.split("Dirección para los alumnos: ")[1].split()[0]
        assert address.startswith("https://127.0.0.1:")
        lines = shown.split("Huella SHA-256 del certificado:\n")[1].splitlines()[:4]
        served = served_certificate_at("127.0.0.1", int(address.rsplit(":", 1)[1].strip("/")))
        assert ":".join(" ".join(lines).split()) == fingerprint_of(served)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Sesión cerrada" in out and "Acceder a … (sitio no seguro)" in err


def test_a_capturista_cannot_open_a_sala(plantel, run_cli):
    result = run_cli("sala", "abrir", "--generacion", GRADUATING, "--interfaz", "127.0.0.1",
                     db=plantel, env={"SEGUIMIENTO_USUARIO": KEYER,
                                      "SEGUIMIENTO_CONTRASENA": KEYER_PASSWORD})
    assert result.returncode == 1
    assert "Su cuenta (capturista) no permite consultar ni cambiar el directorio" in result.stderr
