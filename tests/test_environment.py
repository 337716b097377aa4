"""environment.yml (for conda users) asks for the same packages as pyproject.toml."""

import re
import tomllib

import yaml

from helpers.paths import PROJECT_ROOT


def normalise(spec: str) -> str:
    return re.sub(r"\s+", "", spec).lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = {normalise(s) for s in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {normalise(s) for s in extra}
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = {normalise(d) for d in env["dependencies"] if isinstance(d, str)}
    conda -= {"pip"}
    python = {d for d in conda if d.startswith("python>=")}
    assert python == {"python" + project["requires-python"]}
    assert conda - python == wanted


def test_lock_file_pins_every_dependency_exactly():
    lock = (PROJECT_ROOT / "requirements.lock").read_text()
    pinned = dict(re.findall(r"^([a-z0-9._-]+)==([^\s]+)", lock, flags=re.M))
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    names = [re.split(r"[<>=!~ ]", s)[0].lower() for s in project["dependencies"]]
    names += [re.split(r"[<>=!~ ]", s)[0].lower() for s in project["optional-dependencies"]["dev"]]
    assert not [n for n in names if n not in pinned]
