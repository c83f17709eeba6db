"""The layering contract in pyproject.toml keeps localoffer.core at the bottom.

import-linter's forbidden contract names the modules localoffer.core may not import, so
a module added to the site package later must be added there too, or core could import it
unnoticed. This test fails until it is.
"""

import tomllib
from pathlib import Path

import localoffer

ROOT = Path(__file__).resolve().parents[3]


def _contract(name_start: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["name"].startswith(name_start))


def test_core_is_forbidden_every_other_module_of_the_site_package():
    package = Path(localoffer.__file__).parent
    modules = {
        f"localoffer.{path.stem}"
        for path in package.iterdir()
        if path.name != "__init__.py"
        and (path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()))
    } - {"localoffer.core"}
    forbidden = set(_contract("localoffer.core imports nothing")["forbidden_modules"])
    assert modules - forbidden == set()


def test_core_sits_below_every_app_in_the_layers():
    layers = _contract("The apps import one way")
    assert layers["layers"][-1] == "providers"
    for app in ("providers", "search", "pricing"):
        assert f"{app}.** -> localoffer.core.**" in layers["ignore_imports"]
