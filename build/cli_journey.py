"""A journey through the `seguimiento` CLI, run against an installed copy of the app.

Two callers: tests/install/test_wheel.py (the wheel in a clean virtual environment, the
``quick`` journey) and build/smoke_test.py (the frozen app, the ``full`` journey through
every command family). The journey only talks to the executable, as a school's script
would; input files are built here from what the app itself lists (synthetic demo data).

Run by hand:  python build/cli_journey.py [--full] CLI_COMMAND...
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

COHORT_IMPORTED = "2025-2028"


class JourneyFailed(AssertionError):
    """A step of the journey failed; the message says which and shows its output."""


class Journey:
    """Runs CLI steps in ``folder`` with the executable ``cli`` (a list: argv prefix)."""

    def __init__(self, cli: Sequence[str], folder: Path, env: dict | None = None,
                 log: Callable[[str], None] = print):
        self.cli, self.folder, self.log = list(cli), folder, log
        self.env = {**os.environ, **(env or {}), "PYTHONIOENCODING": "utf-8"}
        self.env.setdefault("XDG_DATA_HOME", str(folder / "xdg"))
        self.env.pop("SEGUIMIENTO_DB", None)
        # Accounts (issue 12): `init` and `demo` make this user the administrator of each new
        # database, and every later command signs in as it, as a script would.
        self.env.setdefault("SEGUIMIENTO_USUARIO", "administrador")
        self.env.setdefault("SEGUIMIENTO_CONTRASENA", "contrasena-del-recorrido")
        self.steps = 0

    def path(self, name: str) -> str:
        return str(self.folder / name)

    def run(self, *args: str, db: str | None = None) -> subprocess.CompletedProcess:
        command = self.cli + (["--db", db] if db else []) + list(args)
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                                env=self.env, cwd=self.folder, timeout=180)
        self.steps += 1
        words = [a for i, a in enumerate(args) if a != "--db" and (i == 0 or args[i - 1] != "--db")]
        shown = " ".join(words[:3])
        self.log(f"  {shown:<40} {time.perf_counter() - started:5.2f} s")
        if result.returncode != 0:
            raise JourneyFailed(f"FALLÓ {' '.join(command)} (código {result.returncode}):\n"
                                f"{result.stdout}\n{result.stderr}")
        return result

    def json(self, *args: str, db: str | None = None):
        return json.loads(self.run(*args, "--json", db=db).stdout)

    def pdf(self, name: str, *args: str, db: str | None = None) -> None:
        """Run a command that writes ``name`` and check it is a PDF."""
        self.run(*args, "--out", self.path(name), db=db)
        expect(Path(self.path(name)).read_bytes()[:4] == b"%PDF", f"{name} no es un PDF")


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise JourneyFailed(message)


def quick(j: Journey) -> None:
    """What the wheel must do: init, demo, print, a report and the USB round trip."""
    j.log(j.run("--version").stdout.strip())
    info = j.json("info")
    expect(info["recursos"]["cuestionarios"] == ["C1", "C2", "C3"], f"recursos: {info}")
    school = j.path("escuela.sqlite")
    j.run("init", "--cct", "30DCT0001Z", "--nombre", "Prueba", db=school)
    plantel = j.path("plantel.sqlite")
    j.json("demo", "--alumnos", "40", db=plantel)
    people = j.json("students", "list", db=plantel)
    expect(len(people) == 40, f"se esperaban 40 alumnos, hay {len(people)}")
    cohort = people[0]["generacion"]
    j.pdf("c2.pdf", "print", "--cuestionario", "C2", "--generacion", cohort, db=plantel)
    j.pdf("informe.pdf", "report", "seguimiento", "--generacion", cohort, db=plantel)
    sync_round_trip(j, plantel, len(people))


def full(j: Journey, spss: bool = True) -> None:
    """Every command family, as the frozen app must run them."""
    quick(j)
    plantel, school = j.path("plantel.sqlite"), j.path("escuela.sqlite")
    people = j.json("students", "list", db=plantel)
    cohort = people[0]["generacion"]
    roster(j, school, people)
    questionnaires = j.json("questionnaires", "list")
    expect({q["id"] for q in questionnaires} >= {"C1", "C2", "C3"}, f"{questionnaires}")
    j.json("questionnaires", "show", "C2")
    bundled = Path(j.json("info")["recursos"]["carpeta"]) / "questionnaires" / "C2.json"
    j.json("questionnaires", "check", str(bundled))  # the definition as installed
    answered = {r["curp"] for r in j.json("responses", "list", "--cuestionario", "C2",
                                          db=plantel)}
    unanswered = next(p["curp"] for p in people if p["curp"] not in answered)  # never replaced
    answers = Path(j.path("respuestas_c2.csv"))
    answers.write_text(f"curp,DATOS_CAMBIARON,ACT_ACTUAL\n{unanswered},1,1\n",
                       encoding="utf-8")
    imported = j.json("responses", "import", str(answers), "--cuestionario", "C2", db=plantel)
    expect(imported.get("importadas") == 1, f"responses import: {imported}")
    for questionnaire in ("C1", "C2", "C3"):
        j.pdf(f"{questionnaire}.pdf", "print", "--cuestionario", questionnaire,
              "--generacion", cohort, "--en-blanco", "2", db=plantel)
    j.json("followup", "status", "--todas", db=plantel)
    j.json("followup", "pending", "--generacion", cohort, "--cuestionario", "C2", db=plantel)
    j.json("followup", "log", people[1]["curp"], "--medio", "telefono",
           "--resultado", "no_contesto", "--nota", "Sin respuesta", db=plantel)
    j.pdf("contactos.pdf", "report", "contactos", "--generacion", cohort, db=plantel)
    j.pdf("ficha.pdf", "report", "ficha", "--curp", people[0]["curp"], db=plantel)
    exports(j, plantel, spss)
    j.run("backup", j.path("respaldo.sqlite"), db=plantel)
    expect(Path(j.path("respaldo.sqlite")).stat().st_size > 0, "respaldo vacío")
    restored = j.json("restore", j.path("respaldo.sqlite"), "--si", db=plantel)
    expect(restored["alumnos"] == len(people), f"restore: {restored}")
    central = j.path("central.sqlite")
    j.pdf("consolidado.pdf", "central", "--db", central, "report")
    j.json("central", "--db", central, "conflicts")
    j.json("central", "--db", central, "rotate-key")


def roster(j: Journey, school: str, people: list[dict]) -> None:
    """Import an .xlsx (title rows above the header) and a cp1252 CSV with ';'."""
    import openpyxl
    header = ["CURP", "Apellido paterno", "Apellido materno", "Nombre(s)", "Grupo",
              "Teléfono celular"]
    def row(p: dict) -> list:
        return [p["curp"], p["primer_apellido"], p["segundo_apellido"], p["nombre"],
                p["grupo"] or "6A", p["telefono"] or ""]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["CENTRO DE ESTUDIOS — Lista de alumnos"])
    sheet.append([])
    sheet.append(header)
    for p in people[:10]:
        sheet.append(row(p))
    workbook = j.path("lista.xlsx")
    book.save(workbook)
    table = j.path("lista.csv")
    with open(table, "w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(row(p) for p in people[10:20])
    j.json("roster", "preview", workbook, db=school)
    for path in (workbook, table):
        result = j.json("roster", "import", path, "--generacion", COHORT_IMPORTED, db=school)
        expect(result["insertados"] == 10 and not result["rechazados"], f"roster: {result}")
    listed = j.json("students", "list", "--generacion", COHORT_IMPORTED, db=school)
    expect(len(listed) == 20, f"se esperaban 20 alumnos importados, hay {len(listed)}")


def exports(j: Journey, plantel: str, spss: bool) -> None:
    formats = [("excel", "respuestas.xlsx"), ("csv", "respuestas.csv")]
    formats += [("spss", "respuestas.sav")] if spss else []
    for kind, name in formats:
        result = j.json("export", kind, "--out", j.path(name), db=plantel)
        expect(result["archivos"] and all(Path(f).stat().st_size > 0 for f in result["archivos"]),
               f"export {kind}: {result}")


def sync_round_trip(j: Journey, plantel: str, students: int) -> None:
    """Enrollment, central init and enroll, configuration package, export, merge, acuse."""
    central, usb = j.path("central.sqlite"), Path(j.path("usb"))
    usb.mkdir(exist_ok=True)
    Path(j.path("acuses")).mkdir(exist_ok=True)
    request = j.json("sync", "enrollment", "--out", j.path("solicitud.json"), db=plantel)
    office = j.json("central", "--db", central, "init", "--nombre", "Oficina de prueba")
    j.run("central", "--db", central, "enroll", j.path("solicitud.json"),
          "--huella", request["huella"]["palabras"])
    j.run("central", "--db", central, "config-package", "--out", j.path("configuracion.json"))
    j.json("sync", "import-config", j.path("configuracion.json"), "--huella",
           office["huella"]["hex"], db=plantel)
    bundle = j.json("sync", "export", "--out", str(usb), db=plantel)
    expect(bundle["registros"]["alumnos"] == students, f"sync export: {bundle}")
    merged = j.json("central", "--db", central, "merge", bundle["archivo"], "--acks",
                    j.path("acuses"))
    outcome = merged["paquetes"][0]
    expect(outcome["aceptado"] and merged["rechazados"] == 0, f"central merge: {merged}")
    acked = j.json("sync", "import-ack", outcome["acuse"], db=plantel)
    expect(not any(acked["pendientes"].values()), f"sync import-ack: {acked}")
    j.json("sync", "status", db=plantel)
    status = j.json("central", "--db", central, "status")
    expect(status["planteles"][0]["alumnos"] == students, f"central status: {status}")


def main(argv: list[str]) -> int:
    scope = full if "--full" in argv else quick
    cli = [a for a in argv if a != "--full"]
    if not cli:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        journey = Journey(cli, Path(tmp))
        scope(journey)
        print(f"{scope.__name__} journey: {journey.steps} steps, "
              f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
