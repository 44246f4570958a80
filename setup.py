"""Package discovery for setuptools; everything else is declared in pyproject.toml.

The import package `kdlint` lives in `lint/` and its run-time data in `schema/`
(`kdlint.schema`). setuptools' `packages.find` in pyproject.toml names packages
after their folders, so it cannot find `kdlint.*` under `lint/`: here every
package below `lint/` is discovered, so a new module or subpackage is never
left out of the wheel (tests/test_wheel.py compares the wheel with the tree).
"""

from setuptools import find_packages, setup

setup(packages=["kdlint", *(f"kdlint.{name}" for name in find_packages("lint")), "kdlint.schema"])
