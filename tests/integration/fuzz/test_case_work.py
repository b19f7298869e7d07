"""Garbage to the routes of cases and their checklists, the annual wheel and the dashboard: never a 500."""

import pytest

from .fuzzing import fuzz_feature
from .routes import CASE_WORK


@pytest.mark.parametrize("feature", CASE_WORK)
def test_garbage_never_makes_a_route_fail(feature, app, fuzz_world, catalogue):
    fuzz_feature(feature, app, fuzz_world, catalogue)
