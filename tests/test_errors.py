"""A problem names where it is (file, line, column), what was found, and the rule it breaks."""

from helpers.data.errors import DataValidationError, ParameterError, Problem


def test_a_problem_reads_file_line_column_value_and_rule():
    problem = Problem("data/x.csv", "must be a whole number", 4, "count", "12.5")
    assert (
        str(problem) == "data/x.csv, line 4, column 'count': value '12.5': must be a whole number"
    )


def test_a_problem_leaves_out_what_it_does_not_know():
    assert str(Problem("data/x.csv", "file is empty")) == "data/x.csv: file is empty"
    assert str(Problem("x.csv", "bad", line=3)) == "x.csv, line 3: bad"
    assert str(Problem("x.csv", "bad", column="c")) == "x.csv, column 'c': bad"
    assert str(Problem("x.csv", "bad", value="")) == "x.csv: value '': bad"


def test_the_error_lists_every_problem_and_keeps_them():
    problems = [Problem("a.csv", "one", 2), Problem("b.csv", "two")]
    error = DataValidationError(problems)
    assert error.problems == problems
    assert str(error) == "2 problem(s) in the data:\n  - a.csv, line 2: one\n  - b.csv: two"
    assert isinstance(error, ValueError) and isinstance(ParameterError("p"), ValueError)
