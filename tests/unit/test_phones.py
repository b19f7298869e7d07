"""Norwegian phone numbers as people type them."""

import pytest

from intranet.contacts.phones import parse_phone


@pytest.mark.parametrize(
    ("typed", "display", "tel"),
    [
        ("98765432", "98 76 54 32", "+4798765432"),
        ("987 65 432", "98 76 54 32", "+4798765432"),
        ("+47 987 65 432", "98 76 54 32", "+4798765432"),
        ("0047 98765432", "98 76 54 32", "+4798765432"),
        ("22 59 13 00", "22 59 13 00", "+4722591300"),
        ("02800", "02800", "02800"),
        ("116117", "116 117", "116117"),
        ("116 111", "116 111", "116111"),
        ("112", "112", "112"),
        ("113", "113", "113"),
        ("+46 8 123 456 78", "+46 8 123 456 78", "+46812345678"),
    ],
)
def test_the_ways_people_type_numbers_are_understood(typed, display, tel):
    phone = parse_phone(typed)
    assert phone is not None and (phone.display, phone.tel) == (display, tel)


@pytest.mark.parametrize("typed", ["", "abc", "1234", "12345678", "98 76 54 3", "+47", "9" * 40])
def test_what_nobody_can_call_is_refused(typed):
    assert parse_phone(typed) is None
