"""Starts the frozen app headless and checks the CLI and the GUI both come up.

Run by `make dist` after PyInstaller; exits non-zero on the first failure.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DIST = Path(__file__).resolve().parent.parent / "dist" / "SeguimientoEgresados"
SUFFIX = ".exe" if sys.platform == "win32" else ""


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120)
    if result.returncode != 0:
        sys.exit(f"FALLÓ {' '.join(args)}:\n{result.stdout}\n{result.stderr}")
    return result


def main() -> None:
    accelerators = list((DIST / "_internal").glob("_rl_accel*"))
    if not accelerators:  # reports would still work, several times slower
        sys.exit("FALLÓ: falta _rl_accel (aceleración de reportlab) en el paquete")
    cli = str(DIST / f"seguimiento{SUFFIX}")
    gui = str(DIST / f"SeguimientoEgresados{SUFFIX}")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SEGUIMIENTO_EXIT_WHEN_SHOWN": "1"}
        db = str(Path(tmp) / "smoke.sqlite")
        print(run([cli, "--version"], env).stdout.strip())
        run([cli, "--db", db, "demo", "--alumnos", "25"], env)
        listed = json.loads(run([cli, "--db", db, "students", "list", "--json"], env).stdout)
        assert len(listed) == 25, listed
        questionnaires = json.loads(run([cli, "questionnaires", "list", "--json"], env).stdout)
        assert {q["id"] for q in questionnaires} >= {"C1", "C2", "C3"}, questionnaires
        cohort = listed[0]["generacion"]
        report = Path(tmp) / "informe.pdf"  # reportlab, its fonts and charts are bundled
        run([cli, "--db", db, "report", "seguimiento", "--generacion", cohort,
             "--out", str(report)], env)
        assert report.read_bytes().startswith(b"%PDF"), report
        workbook = Path(tmp) / "respuestas.xlsx"  # pandas and openpyxl are bundled
        run([cli, "--db", db, "export", "excel", "--out", str(workbook)], env)
        central = str(Path(tmp) / "central.sqlite")  # pyrage and cryptography are bundled
        run([cli, "central", "--db", central, "init", "--nombre", "Oficina de prueba"], env)
        run([cli, "--db", db, "sync", "enrollment", "--out", str(Path(tmp) / "solicitud.json")],
            env)
        env["SEGUIMIENTO_DB"] = db
        run([gui], env)
    print("smoke test: OK")


if __name__ == "__main__":
    main()
