"""Every calculators module documents its formulas with runnable examples.

pytest runs the examples themselves (``--doctest-modules`` over ``calculators/``); this test only
makes sure no module is left without any, found by walking the package rather than from a list.
"""

import doctest
import importlib
import pkgutil

import pytest

import calculators

MODULES = sorted(
    info.name
    for info in pkgutil.iter_modules(calculators.__path__, "calculators.")
    if not info.name.endswith(("__main__", ".cli"))
)


@pytest.mark.parametrize("name", ["calculators", *MODULES])
def test_module_has_examples(name):
    module = importlib.import_module(name)
    examples = sum(len(t.examples) for t in doctest.DocTestFinder().find(module))
    assert examples > 0, f"{name} has no doctest examples"
