"""`seguimiento students …`: the student directory."""

import click

from seguimiento_desktop.cli.common import cohort_filter, json_option, open_workspace, print_json
from seguimiento_desktop.domain.models import Student, StudentQuery
from seguimiento_desktop.domain.text import quantity


def student_json(student: Student) -> dict:
    """The documented JSON shape of a student (Spanish keys)."""
    return {
        "id": student.id, "curp": student.curp, "nombre": student.given_names,
        "primer_apellido": student.first_surname, "segundo_apellido": student.second_surname,
        "sexo": student.sex,
        "fecha_nacimiento": student.birth_date.isoformat() if student.birth_date else None,
        "generacion": student.cohort, "carrera": student.career, "grupo": student.group,
        "turno": student.shift, "correo": student.email, "telefono": student.phone,
        "telefono_casa": student.home_phone, "estado": student.status,
    }


@click.group()
def students() -> None:
    """Consulta el directorio de alumnos y egresados."""


@students.command("list")
@cohort_filter()
@click.option("--grupo", default="", help="Solo este grupo.")
@click.option("--carrera", default="", help="Solo esta carrera.")
@click.option("--buscar", default="", help="Texto a buscar: nombre, CURP, teléfono o correo.")
@json_option
@click.pass_context
def list_students(ctx: click.Context, generacion: str, grupo: str, carrera: str, buscar: str,
                  as_json: bool) -> None:
    """Lista los alumnos del directorio."""
    with open_workspace(ctx) as workspace:
        found = workspace.find_students(StudentQuery(text=buscar, cohort=generacion,
                                                     group=grupo, career=carrera))
    if as_json:
        print_json([student_json(s) for s in found])
        return
    for s in found:
        click.echo(f"{s.curp}  {s.full_name:<45} {s.cohort:<10} {s.group:<6} {s.career}")
    click.echo(f"{quantity(len(found), 'alumno')}.")
