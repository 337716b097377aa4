"""Parameters are declared in the notebooks and checked with messages naming what is allowed."""

import pytest

from helpers.data.errors import ParameterError
from helpers.data.paths import NOTEBOOKS_DIR
from helpers.site.params import check_cli_parameters, read_parameters, validate_parameters

REGIONAL = NOTEBOOKS_DIR / "regional_comparison.ipynb"
PROFILE = NOTEBOOKS_DIR / "country_profile.ipynb"


def test_parameters_are_read_with_type_default_and_help():
    params = read_parameters(REGIONAL)
    assert list(params) == [
        "countries",
        "as_of",
        "population_year",
        "language",
        "data_dir",
        "output_dir",
    ]
    assert params["countries"].type == "list"
    assert params["countries"].default == ["KAZ", "KGZ", "TJK", "UZB"]
    assert params["population_year"].default == 0
    assert "YYYY-MM-DD" in params["as_of"].help


def test_comma_separated_string_and_list_are_both_accepted():
    assert validate_parameters(countries="kaz, UZB").countries == ["KAZ", "UZB"]
    assert validate_parameters(countries=["KGZ"]).countries == ["KGZ"]


def test_unknown_country_lists_the_valid_codes():
    with pytest.raises(ParameterError) as exc:
        validate_parameters(country="XYZ")
    assert str(exc.value) == (
        "parameter 'country': XYZ not in the data; valid codes: KAZ, KGZ, TJK, UZB"
    )


def test_malformed_date_is_rejected():
    with pytest.raises(ParameterError, match="parameter 'as_of' must be a date written YYYY-MM-DD"):
        validate_parameters(as_of="2024-13-45")


def test_population_year_outside_the_table_is_rejected():
    with pytest.raises(ParameterError, match="population_year=1800: no population figure"):
        validate_parameters(population_year=1800)


def test_default_population_year_is_latest_common_year():
    assert validate_parameters(population_year=0).population_year == 2024


def test_cli_rejects_unknown_parameter_name():
    with pytest.raises(ParameterError) as exc:
        check_cli_parameters(PROFILE, [("contry", "KAZ")])
    assert str(exc.value) == (
        "unknown parameter 'contry' for country_profile.ipynb; "
        "its parameters are: country, as_of, language, data_dir, output_dir"
    )


def test_cli_rejects_value_of_the_wrong_type():
    with pytest.raises(ParameterError, match="parameter 'population_year' must be a whole number"):
        check_cli_parameters(REGIONAL, [("population_year", "latest")])


def test_cli_converts_types():
    values = check_cli_parameters(REGIONAL, [("countries", "KAZ,KGZ"), ("population_year", "2020")])
    assert values == {"countries": ["KAZ", "KGZ"], "population_year": 2020}


def test_parameter_cells_hold_only_annotated_literals():
    import ast
    import json

    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        cells = json.loads(path.read_text())["cells"]
        tagged = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
        assert len(tagged) == 1, path
        for node in ast.parse("".join(tagged[0]["source"])).body:
            assert isinstance(node, ast.AnnAssign), (path, ast.unparse(node))
            ast.literal_eval(node.value)
        for line in "".join(tagged[0]["source"]).splitlines():
            assert "  # " in line, (path, line)


def test_a_language_other_than_english_or_russian_is_refused():
    with pytest.raises(ParameterError) as exc:
        check_cli_parameters(PROFILE, [("language", "fr")])
    assert str(exc.value) == "parameter 'language' must be one of: en, ru; got 'fr'"


def test_bool_parameters_are_converted_false_is_false():
    from helpers.site.params import Parameter, convert_value

    flag = Parameter("draft", "bool", False, "a flag")
    assert convert_value(flag, "False") is False
    assert convert_value(flag, "true") is True
    assert convert_value(flag, "0") is False
    with pytest.raises(ParameterError, match="parameter 'draft' must be true or false"):
        convert_value(flag, "maybe")


def notebook_with(tmp_path, cell):
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(cell)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Py"}
    path = tmp_path / "extra.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_declared_parameter_nothing_checks_is_an_error_not_ignored(tmp_path, monkeypatch):
    monkeypatch.setattr("helpers.site.params.NOTEBOOKS_DIR", tmp_path)  # a report notebook's rules
    path = notebook_with(tmp_path, 'as_of: str = ""  # date\nsurprise: int = 3  # new')
    with pytest.raises(ParameterError, match="declares parameter.s. surprise that"):
        check_cli_parameters(path, [])


def test_every_declared_parameter_is_checked_by_its_type(tmp_path):
    path = notebook_with(tmp_path, 'as_of: str = ""  # date\npopulation_year: int = 0  # year')
    with pytest.raises(ParameterError, match="parameter 'population_year' must be a whole number"):
        check_cli_parameters(path, [("population_year", "2020.5")])


def test_every_notebook_declares_only_parameters_that_are_checked():
    import inspect

    checked = set(inspect.signature(validate_parameters).parameters)
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        assert set(read_parameters(path)) <= checked, path.name
