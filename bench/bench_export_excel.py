"""The analysts' Excel export of a 5,000-student plantel vs pandas alone, and how fast
«Cancelar» is honoured while the book is written.

- export: ``Workspace.export_responses("excel")`` (read responses, build the tables with
  codes and labels, stream every sheet row by row in openpyxl's write-only mode, codebook,
  save, fsync, rename);
- baseline: the same tables (built once, outside the timing) written by
  ``DataFrame.to_excel`` into one ``pd.ExcelWriter(engine="openpyxl")``, pandas alone;
- cancel: the export is cancelled when its progress first reports the C2 sheet (after C1's
  rows): milliseconds from the cancel to the ``Cancelled`` exception.

Fastest of ``--repeticiones``, alternating.

    python bench/bench_export_excel.py [--alumnos 5000] [--repeticiones 2]
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def tables_of(workspace, folder: Path):
    """The sheets the export writes, built by the export's own functions."""
    from seguimiento_desktop.exports import responses
    captured = {}

    def keep(path, tables, definitions, pseudonymised, progress=None, cancel=None):
        captured.update(tables)
    original = responses.writers.write_excel
    responses.writers.write_excel = keep
    try:
        workspace.export_responses("excel", folder / "tablas.xlsx")
    finally:
        responses.writers.write_excel = original
    return captured


def pandas_alone(tables, out: Path) -> float:
    import pandas as pd
    started = time.perf_counter()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return time.perf_counter() - started


def cancel_latency_ms(workspace, out: Path) -> float:
    from seguimiento_desktop.errors import Cancelled
    from seguimiento_desktop.progress import CancelToken
    token, when = CancelToken(), []

    def progress(done, total, message):
        if "«C2»" in message and not token.cancelled:
            when.append(time.perf_counter())
            token.cancel()
    try:
        workspace.export_responses("excel", out, progress=progress, cancel=token)
    except Cancelled:
        return (time.perf_counter() - when[0]) * 1000
    raise SystemExit("the export was not cancelled")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alumnos", type=int, default=5000)
    parser.add_argument("--repeticiones", type=int, default=2)
    args = parser.parse_args()
    from seguimiento_desktop.services import Workspace
    folder = Path(tempfile.mkdtemp(prefix="seguimiento-bench-excel-"))
    try:
        with Workspace.open(folder / "plantel.sqlite") as workspace:
            workspace.fill_demo(args.alumnos)
            tables = tables_of(workspace, folder)
            exports, baselines = [], []
            for _ in range(args.repeticiones):
                started = time.perf_counter()
                result = workspace.export_responses("excel", folder / "respuestas.xlsx")
                exports.append(time.perf_counter() - started)
                baselines.append(pandas_alone(tables, folder / "pandas.xlsx"))
            latency = cancel_latency_ms(workspace, folder / "cancelada.xlsx")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = sum(result.rows.values())
    print(f"excel_export_responses {rows} (C1 {result.rows['C1']}, C2 {result.rows['C2']}, "
          f"C3 {result.rows['C3']})")
    print(f"excel_export_s {min(exports):.2f}")
    print(f"baseline_pandas_to_excel_s {min(baselines):.2f}")
    print(f"excel_export_vs_pandas {min(exports) / min(baselines):.2f}")
    print(f"excel_cancel_latency_ms {latency:.0f}")


if __name__ == "__main__":
    main()
