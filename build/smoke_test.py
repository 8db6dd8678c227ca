"""The frozen app's journey: every CLI command family, portable mode, and the GUI shown.

Run by `make dist` after PyInstaller (and by the Windows workflow); exits non-zero on the
first failure with the command and its output. The CLI part is build/cli_journey.py's
``full`` journey (init, roster xlsx and cp1252 CSV, demo, students, questionnaires,
responses import, print of C1–C3 with barcodes, followup, every report, Excel/CSV/SPSS
exports, backup, the USB round trip and the central report).
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_journey import Journey, JourneyFailed, full  # noqa: E402

DIST = Path(__file__).resolve().parent.parent / "dist" / "SeguimientoEgresados"
SUFFIX = ".exe" if sys.platform == "win32" else ""
CLI = DIST / f"seguimiento{SUFFIX}"
GUI = DIST / f"SeguimientoEgresados{SUFFIX}"
WINDOW_LINE, READY_LINE = "seguimiento-window", "seguimiento-ready"


def check_bundle() -> None:
    internal = DIST / "_internal"
    if not list(internal.glob("_rl_accel*")):  # reports would still work, several times slower
        raise JourneyFailed("falta _rl_accel (aceleración de reportlab) en el paquete")
    icons = internal / "seguimiento_desktop" / "resources" / "icons"
    if not (icons / "app.png").is_file():
        raise JourneyFailed(f"falta el icono de la aplicación en {icons}")


def check_portable_mode(journey: Journey) -> None:
    """A portable.txt beside the executables keeps the data in datos/ beside them."""
    marker, folder = DIST / "portable.txt", DIST / "datos"
    marker.write_text("", encoding="utf-8")
    try:
        found = journey.json("info")
    finally:
        marker.unlink()
    if found["modo"] != "portable" or Path(found["carpeta_datos"]) != folder.resolve():
        raise JourneyFailed(f"modo portátil: {found}")
    if json.loads(journey.run("info", "--json").stdout)["modo"] != "usuario":
        raise JourneyFailed("sin portable.txt la carpeta de datos debe ser la del usuario")


def check_encrypted(journey: Journey) -> None:
    """The plantel the journey made is encrypted (issue 12): every command above opened it
    with the bundled sqlcipher3."""
    plantel = Path(journey.path("plantel.sqlite"))
    if not journey.json("info", db=str(plantel))["base_cifrada"]:
        raise JourneyFailed(f"{plantel} no quedó cifrada")
    if plantel.read_bytes()[:16] == b"SQLite format 3\x00":
        raise JourneyFailed(f"{plantel} se lee sin llave")


def check_gui(command: list[str], env: dict, lines_expected: bool) -> None:
    """Start the GUI headless until the main window shows the directory, then quit."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120)
    if result.returncode != 0:
        raise JourneyFailed(f"FALLÓ {' '.join(command)} (código {result.returncode}):\n"
                            f"{result.stdout}\n{result.stderr}")
    if lines_expected and not {WINDOW_LINE, READY_LINE} <= set(result.stdout.split()):
        raise JourneyFailed(f"{' '.join(command)}: la ventana no se mostró:\n{result.stdout}\n"
                            f"{result.stderr}")
    print(f"  GUI {Path(command[0]).name:<33} {time.perf_counter() - started:5.2f} s")


def check_sala(journey: Journey, cohort: str, https: bool) -> None:
    """`sala abrir` serves the sign-in page on 127.0.0.1 (Flask and cheroot are in the
    bundle) and closes on SIGTERM, printing its counts. With ``https`` (the bundle's ssl
    and libssl): the page is read over TLS from a client that trusts only the certificate
    whose fingerprint `sala abrir` printed, as a student compares it with the projector."""
    import urllib.request
    plantel = journey.path("plantel.sqlite")
    started = time.perf_counter()
    process = subprocess.Popen([str(CLI), "--db", plantel, "sala", "abrir", "--generacion",
                                cohort, "--interfaz", "127.0.0.1", "--puerto", "0", "--json",
                                *(["--https"] if https else [])],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8", env=journey.env)
    try:
        opened = json.loads(process.stdout.readline() or "{}")
        address = opened.get("direccion", "http://127.0.0.1:1/")
        context = _pinned(address, opened.get("huella_sha256")) if https else None
        with urllib.request.urlopen(address, timeout=30, context=context) as page:
            shown = page.read().decode("utf-8")
        process.terminate()
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    closed = "terminaron" in out or sys.platform == "win32"  # terminate() kills it there
    if "Tu CURP" not in shown or not closed or address.startswith("https") != https:
        raise JourneyFailed(f"sala abrir: {shown[:300]}\n{out}\n{err}")
    name = "sala abrir --https" if https else "sala abrir"
    print(f"  {name:<40} {time.perf_counter() - started:5.2f} s")


def check_slips(journey: Journey, cohort: str) -> None:
    """`sala codigos` prints the personal codes' slips (reportlab's Courier, the HMAC)."""
    plantel = journey.path("plantel.sqlite")
    journey.pdf("hojas-sala.pdf", "sala", "codigos", "--generacion", cohort, db=plantel)


def _pinned(address: str, fingerprint: str | None):
    """An ssl context trusting only the certificate served at ``address``, after checking
    that its SHA-256 is ``fingerprint``."""
    import hashlib
    import socket
    import ssl
    from urllib.parse import urlsplit
    where = urlsplit(address)
    unverified = ssl.create_default_context()
    unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection((where.hostname, where.port), timeout=30) as raw:
        with unverified.wrap_socket(raw) as tls:
            served = tls.getpeercert(binary_form=True)
    seen = ":".join(f"{b:02X}" for b in hashlib.sha256(served).digest())
    if seen != fingerprint:
        raise JourneyFailed(f"sala abrir --https: huella {fingerprint}, certificado {seen}")
    return ssl.create_default_context(cadata=ssl.DER_cert_to_PEM_cert(served))


def main() -> None:
    started = time.perf_counter()
    check_bundle()
    with tempfile.TemporaryDirectory() as tmp:
        journey = Journey([str(CLI)], Path(tmp))
        full(journey, spss=True)
        check_encrypted(journey)
        check_portable_mode(journey)
        plantel = journey.path("plantel.sqlite")  # its newest generación answers in the sala
        cohort = max(p["generacion"] for p in journey.json("students", "list", db=plantel))
        check_sala(journey, cohort, https=False)
        check_sala(journey, cohort, https=True)
        check_slips(journey, cohort)
        # The journey's user (SEGUIMIENTO_USUARIO/CONTRASENA) signs in: with
        # SEGUIMIENTO_EXIT_WHEN_SHOWN the window takes them instead of showing its login.
        env = {**journey.env, "QT_QPA_PLATFORM": "offscreen", "SEGUIMIENTO_EXIT_WHEN_SHOWN": "1",
               "SEGUIMIENTO_DB": journey.path("plantel.sqlite")}
        # The windowed executable has no stdout on Windows: there only its exit code counts.
        check_gui([str(GUI)], env, lines_expected=sys.platform != "win32")
        check_gui([str(CLI), "--db", journey.path("plantel.sqlite"), "gui"], env, True)
    print(f"smoke test: OK ({journey.steps} CLI steps, {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    try:
        main()
    except JourneyFailed as failure:
        sys.exit(f"smoke test FALLÓ: {failure}")
