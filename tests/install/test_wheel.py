"""The plain wheel, installed as a new user would: `pip install .` in a clean environment.

An editable install reads the source tree, so it hides a wheel that forgot its data
files; this test builds the wheel, installs it (with the «spss» extra) in a fresh virtual
environment outside the repository and runs the CLI journey of build/cli_journey.py
against the installed `seguimiento`: every command family, the USB round trip included.
"""

import os
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))
from cli_journey import Journey, full  # noqa: E402

pytestmark = pytest.mark.slow
BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""


def pip(python: Path | str, *args: str, cwd: Path) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                   check=True, cwd=cwd, timeout=900)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from the working tree; setuptools' scratch must not land in build/."""
    out = tmp_path_factory.mktemp("wheel")
    scratch = ROOT / "build" / "lib"
    existed = scratch.exists()
    pip(sys.executable, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT),
        cwd=out)
    assert existed or not scratch.exists(), "setuptools wrote build/lib into the project"
    (found,) = out.glob("seguimiento_desktop-*.whl")
    return found


def test_wheel_carries_the_data_and_the_licence_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    data = {n for n in names if n.startswith("seguimiento_desktop/resources/")
            and not n.endswith(".py")}
    for needed in ("catalogs/states.json", "questionnaires/C1.json", "questionnaires/C2.json",
                   "questionnaires/C3.json", "questionnaires/schema.json", "icons/app.png"):
        assert f"seguimiento_desktop/resources/{needed}" in data
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    strays = [n for n in names if not n.startswith("seguimiento_desktop/")
              and ".dist-info/" not in n]
    assert strays == []
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".md"))]


def test_installed_wheel_runs_the_cli_journey(wheel, tmp_path):
    started = time.perf_counter()
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / BIN / f"python{EXE}"
    pip(python, "install", "--quiet", f"{wheel}[spss]", cwd=tmp_path)
    work = tmp_path / "journey"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    journey = Journey([str(env_dir / BIN / f"seguimiento{EXE}")], work, env=None,
                      log=lambda line: None)
    journey.env = {**env, "PYTHONIOENCODING": "utf-8", "XDG_DATA_HOME": str(work / "xdg")}
    info = journey.json("info")
    assert Path(info["recursos"]["carpeta"]).is_relative_to(env_dir), info
    full(journey, spss=True)
    print(f"wheel journey: {journey.steps} steps, {time.perf_counter() - started:.1f} s "
          "(venv and install included)")
