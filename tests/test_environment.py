"""environment.yml (for conda users) asks for the same packages as pyproject.toml."""

import re
import tomllib

import yaml

from helpers.data.paths import PROJECT_ROOT


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
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda |= {normalise(d.split("#")[0]) for d in pip if not d.startswith("--")}
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


def test_lab_lock_pins_jupyterlab_and_agrees_with_the_main_lock():
    def pins(name: str) -> dict[str, str]:
        text = (PROJECT_ROOT / name).read_text()
        return dict(re.findall(r"^([a-z0-9._-]+)==([^\s]+)", text, flags=re.M))

    main, lab = pins("requirements.lock"), pins("requirements-lab.lock")
    assert "jupyterlab" in lab
    assert {k: v for k, v in lab.items() if k in main} == main


def test_make_lab_installs_the_lock_and_runs_as_root():
    import os
    import subprocess

    out = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", "lab"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "-r requirements-lab.lock" in out
    assert ("--allow-root" in out) == (os.geteuid() == 0)


def test_citation_file_is_cff_1_2_0():
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"] and cff["authors"]
    assert cff["license"] == "CC-BY-4.0"
