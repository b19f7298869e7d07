"""Garbage to every other route: signing in and accounts, schools and invitations, contacts and services, the
public pages and calendar feeds (and any feature added later): never a 500."""

import pytest

from .fuzzing import fuzz_feature
from .routes import CASE_WORK, PLANS_AND_FORMS, features_outside


@pytest.mark.parametrize("feature", features_outside(CASE_WORK, PLANS_AND_FORMS))
def test_garbage_never_makes_a_route_fail(feature, app, fuzz_world, catalogue):
    fuzz_feature(feature, app, fuzz_world, catalogue)
