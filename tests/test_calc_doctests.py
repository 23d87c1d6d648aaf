"""Run the formula doctests of every calculators module (doctest.testmod per module)."""

import doctest
import importlib

import pytest

MODULES = ["calculators", "calculators._core", "calculators.errors", "calculators.irr",
           "calculators.schedules", "calculators.daily", "calculators.prepayment",
           "calculators.parsing", "calculators.formatting"]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0  # each module documents its formulas with examples
