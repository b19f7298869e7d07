"""Norwegian phone numbers as people type them: 8 digits, spaces, +47/0047, and short numbers."""

from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo


@dataclass(frozen=True)
class Phone:
    display: str  # as shown: "98 76 54 32", "02800", "116 117"
    tel: str  # for tel: links


def parse_phone(raw: str) -> Phone | None:
    """The number in `raw`, or None when it is not a number anyone can call."""
    text = (raw or "").strip()
    if not text or len(text) > 30:
        return None
    try:
        number = phonenumbers.parse(text, "NO")
    except phonenumbers.NumberParseException:
        return None
    if shortnumberinfo.is_valid_short_number(number):
        digits = str(number.national_number)
        return Phone(display=_group_short(digits), tel=digits)
    if phonenumbers.is_valid_number(number):
        if number.country_code == 47:
            display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            if len(display.replace(" ", "")) < 8:  # national service numbers such as 02800 have no +47 form
                return Phone(display=display, tel=display.replace(" ", ""))
        else:
            display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return Phone(display=display, tel=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return None


def _group_short(digits: str) -> str:
    # 116 xxx numbers are written in two groups of three; other short numbers as they are.
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 6 and digits.startswith("116") else digits
