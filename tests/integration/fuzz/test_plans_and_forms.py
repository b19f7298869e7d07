"""Garbage to the routes of plans and plan templates (and their Markdown preview) and the forms builder: no 500."""

import pytest

from .fuzzing import fuzz_feature
from .routes import PLANS_AND_FORMS


@pytest.mark.parametrize("feature", PLANS_AND_FORMS)
def test_garbage_never_makes_a_route_fail(feature, app, fuzz_world, catalogue):
    fuzz_feature(feature, app, fuzz_world, catalogue)
