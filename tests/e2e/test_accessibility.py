"""Every page passes axe-core (all rules) in every language, on a phone and on a desktop."""

import pytest

from .conftest import DESKTOP, PHONE, assert_accessible, assert_assets_loaded, assert_no_external_requests
from .pages import LANGUAGES, PAGES, open_page

DEVICES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_page_is_accessible_in_language_on_device_without_external_requests(live_server, new_page, spec, lang, device):
    page = new_page(**DEVICES[device])
    open_page(page, spec, lang, live_server)
    assert_assets_loaded(page)
    assert_no_external_requests(page)
    assert_accessible(page, f"{spec.name} [{lang}, {device}]", known=spec.known_on(device))
