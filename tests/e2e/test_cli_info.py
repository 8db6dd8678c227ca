"""`seguimiento info`: the data folder in use, the database and the program's data."""

import json


def test_info_shows_the_data_folder_and_the_database(run_cli, tmp_path, db_path):
    found = json.loads(run_cli("info", "--json", db=db_path, check=True).stdout)
    assert found["carpeta_datos"] == str(tmp_path / "xdg" / "seguimiento-egresados")
    assert found["modo"] == "usuario" and found["base_de_datos"] == str(db_path)
    assert found["base_existe"] is False and found["empaquetado"] is False
    assert found["recursos"]["cuestionarios"] == ["C1", "C2", "C3"]
    text = run_cli("info", db=db_path, check=True).stdout
    assert "Carpeta de datos:" in text and "(aún no existe)" in text
