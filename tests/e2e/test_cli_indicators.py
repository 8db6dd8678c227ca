"""`seguimiento [central] indicadores` on three demo planteles merged by one office, checked
against an independent computation with plain pandas from each plantel's `export csv`.

The expected figures use only the exported columns and the codes printed on the paper
questionnaire (ACT_ACTUAL 1 solo estudio, 2 solo trabajo, 3 ambos, 4 ninguno; EST_NIVEL
1 TSU, 2 licenciatura o ingeniería, 3 normal): none of the app's indicator code.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

# CCT -> (subsistema typed at init, entidad the CCT's first two digits stand for)
PLANTELES = {"14DCT0101A": ("DGETI", "Jalisco"),
             "20DCT0202B": ("UEMSTIS", "Oaxaca"),
             "09DCT0303C": ("conalep", "Ciudad de México")}
ACTIVITY = {"solo_estudia": [1], "solo_trabaja": [2], "estudia_y_trabaja": [3],
            "ni_estudia_ni_trabaja": [4]}
HIGHER_EDUCATION = [1, 2, 3]
KEYS = ("grupo", "n", "solo_estudia", "solo_trabaja", "estudia_y_trabaja",
        "ni_estudia_ni_trabaja", "educacion_superior", "suprimido")


def _runner(folder: Path):
    def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "seguimiento_desktop"] + (
            ["--db", str(db)] if db else []) + list(args)
        env = {**os.environ, "XDG_DATA_HOME": str(folder / "xdg"), "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                                env=env, timeout=180)
        assert result.returncode == 0, result.stderr
        return result
    return run


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """(runner, central database, exported C2 and C3 answers of the three planteles, folder
    of the plantel databases)."""
    folder = tmp_path_factory.mktemp("indicadores")
    run, central = _runner(folder), folder / "central.sqlite"
    office = json.loads(run("central", "--db", str(central), "init", "--nombre",
                            "Oficina nacional de prueba", "--json").stdout)
    exported = {"C2": [], "C3": []}
    for index, (cct, (subsystem, _)) in enumerate(PLANTELES.items()):
        db = folder / f"{cct}.sqlite"
        run("init", "--cct", cct, "--nombre", f"Plantel {index}", "--subsistema", subsystem,
            db=db)
        run("demo", "--alumnos", "150", db=db)
        request = folder / f"solicitud-{cct}.json"
        enrolled = json.loads(run("sync", "enrollment", "--out", str(request), "--json",
                                  db=db).stdout)
        run("central", "--db", str(central), "enroll", str(request), "--huella",
            enrolled["huella"]["palabras"])
        package = folder / f"config-{cct}.json"
        run("central", "--db", str(central), "config-package", "--out", str(package))
        run("sync", "import-config", str(package), "--huella", office["huella"]["hex"], db=db)
        usb = folder / f"usb-{cct}"
        usb.mkdir()
        bundle = json.loads(run("sync", "export", "--out", str(usb), "--json", db=db).stdout)
        run("central", "--db", str(central), "merge", bundle["archivo"])
        for questionnaire in exported:
            out = folder / f"{cct}-{questionnaire}.csv"
            run("export", "csv", "--cuestionario", questionnaire, "--out", str(out), db=db)
            frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
            exported[questionnaire].append(frame.assign(cct=cct))
    answers = {q: pd.concat(frames, ignore_index=True) for q, frames in exported.items()}
    return run, central, answers, folder


def _expected(frame: pd.DataFrame, by: str) -> dict[str, dict]:
    """The indicators recomputed from exported answers: shares of those who answered
    ACT_ACTUAL; under 5 respondents, shares withheld."""
    frame = frame[frame["ACT_ACTUAL"].notna()].copy()
    activity = frame["ACT_ACTUAL"].astype(int)
    level = pd.to_numeric(frame["EST_NIVEL"], errors="coerce")
    flags = pd.DataFrame({key: activity.isin(codes) for key, codes in ACTIVITY.items()})
    flags["educacion_superior"] = activity.isin([1, 3]) & level.isin(HIGHER_EDUCATION)
    groups = {"entidad": frame["cct"].map({c: s for c, (_, s) in PLANTELES.items()}),
              "plantel": frame["cct"], "carrera": frame["carrera"].fillna("Sin dato"),
              "sexo": frame["sexo"].fillna("Sin dato"),
              "subsistema": frame["cct"].map(lambda c: "CONALEP" if c.startswith("09")
                                             else "UEMSTIS")}[by]
    expected = {}
    for group, part in flags.groupby(groups):
        n = len(part)
        shares = {k: (None if n < 5 else float(part[k].mean())) for k in part.columns}
        expected[group] = {"n": n, **shares, "suprimido": n < 5}
    return expected


def _cohort(frame: pd.DataFrame) -> str:
    """The generación with the most answers in the export."""
    return frame["generacion"].value_counts().idxmax()


@pytest.mark.parametrize("questionnaire", ["C2", "C3"])
@pytest.mark.parametrize("by", ["entidad", "subsistema", "plantel", "carrera", "sexo"])
def test_central_indicators_match_the_exported_answers(merged, questionnaire, by):
    run, central, answers, _ = merged
    cohort = _cohort(answers[questionnaire])
    rows = json.loads(run("central", "--db", str(central), "indicadores", "--generacion", cohort,
                          "--cuestionario", questionnaire, "--por", by, "--json").stdout)
    assert rows and all(tuple(row) == KEYS for row in rows)
    frame = answers[questionnaire]
    expected = _expected(frame[frame["generacion"] == cohort], by)
    got = {row.pop("grupo") if by != "subsistema" else
           ("CONALEP" if "CONALEP" in row["grupo"] else "UEMSTIS"): row for row in rows}
    assert set(got) == set(expected)  # DGETI and UEMSTIS are one subsystem, one row
    assert any(not row["suprimido"] for row in got.values())
    for group, want in expected.items():
        row = got[group]
        row.pop("grupo", None)
        assert row["n"] == want["n"] and row["suprimido"] == want["suprimido"], group
        for key, value in want.items():
            if key not in ("n", "suprimido"):
                assert row[key] == pytest.approx(value) if value is not None \
                    else row[key] is None, (group, key)


def test_plantel_indicators_match_its_own_export(merged):
    run, _, answers, folder = merged
    cct = "14DCT0101A"
    frame = answers["C2"][answers["C2"]["cct"] == cct]
    cohort = _cohort(frame)
    rows = json.loads(run("indicadores", "--generacion", cohort, "--cuestionario", "C2",
                          "--por", "sexo", "--json",
                          db=folder / f"{cct}.sqlite").stdout)
    expected = _expected(frame[frame["generacion"] == cohort], "sexo")
    assert {r["grupo"]: r["n"] for r in rows} == {g: e["n"] for g, e in expected.items()}
    for row in rows:
        for key in ("solo_estudia", "educacion_superior"):
            want = expected[row["grupo"]][key]
            assert row[key] == (pytest.approx(want) if want is not None else None)


def test_text_output_and_spanish_errors(merged):
    run, central, answers, _ = merged
    cohort = _cohort(answers["C2"])
    text = run("central", "--db", str(central), "indicadores", "--generacion", cohort,
               "--cuestionario", "C2", "--por", "entidad").stdout
    assert "Jalisco" in text and "Oaxaca" in text and "Ciudad de México" in text
    bad = subprocess.run([sys.executable, "-m", "seguimiento_desktop", "central", "--db",
                          str(central), "indicadores", "--generacion", "2025",
                          "--cuestionario", "C2"], capture_output=True, text=True)
    assert bad.returncode == 1 and "generación" in bad.stderr


def test_central_report_is_built_on_the_same_indicators(merged):
    from tests.pdf_text import pdf_text
    run, central, answers, folder = merged
    cohort = _cohort(answers["C2"])
    out = folder / "consolidado.pdf"
    run("central", "--db", str(central), "report", "--generacion", cohort, "--out", str(out))
    text = pdf_text(out)
    assert "Oficina nacional de prueba" in text and f"Generación {cohort}" in text
    rows = json.loads(run("central", "--db", str(central), "indicadores", "--generacion", cohort,
                          "--cuestionario", "C2", "--por", "entidad", "--json").stdout)
    n = sum(r["n"] for r in rows)
    assert f"de {n:,} que respondieron" in text.replace("\n", " ")
    assert "No se ordenan planteles" in text  # three planteles: too few to rank


def test_filters_and_excel_match_the_breakdowns(merged, tmp_path):
    """What the central window filters to (entidad, subsistema, carrera) is the matching row
    of the full breakdown, and its Excel export holds what it shows."""
    from seguimiento_desktop.indicators.sheets import indicator_table, write_indicator_excel
    from seguimiento_desktop.indicators.tables import Filters, indicator_breakdowns, total_row
    from seguimiento_desktop.storage.database import open_store
    _, central, answers, _ = merged
    cohort = _cohort(answers["C2"])
    store = open_store(central, create=False)
    try:
        full = indicator_breakdowns(store.db, "C2", cohort, ("entidad", "subsistema", "carrera"))
        jalisco = indicator_breakdowns(store.db, "C2", cohort, ("plantel",),
                                       Filters(state="Jalisco"))["plantel"]
        uemstis = next(r for r in full["subsistema"] if "UEMSTIS" in r.group)
        by_subsystem = indicator_breakdowns(store.db, "C2", cohort, ("entidad",),
                                            Filters(subsystem=uemstis.group))["entidad"]
        career = full["carrera"][0]
        one_career = indicator_breakdowns(store.db, "C2", cohort, ("sexo",),
                                          Filters(career=career.group))["sexo"]
    finally:
        store.close()
    entidad = {r.group: r for r in full["entidad"]}
    assert [r.group for r in jalisco] == ["14DCT0101A"]
    assert jalisco[0].counts == entidad["Jalisco"].counts
    assert {r.group for r in by_subsystem} == {"Jalisco", "Oaxaca"}
    assert total_row(by_subsystem).counts == uemstis.counts
    assert total_row(one_career).counts == career.counts
    headers, body = indicator_table(full["entidad"], "C2", "Entidad")
    out = write_indicator_excel(tmp_path / "indicadores.xlsx", headers, body, "C2 por entidad")
    sheet = pd.read_excel(out, sheet_name="C2 por entidad", engine="openpyxl")
    assert list(sheet.columns) == headers and len(sheet) == len(body)
    assert sheet["Respondieron (n)"].tolist() == [r.n for r in full["entidad"]]
