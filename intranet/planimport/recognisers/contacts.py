"""Contact persons and services in a line: phone numbers (phonenumbers, short numbers such as 02800
and 116 117 too), e-mail addresses, a person's name, and the services every school lists."""

import re
from dataclasses import dataclass

import phonenumbers

from ...contacts.phones import parse_phone

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SHORT_NUMBER = re.compile(r"(?<!\d)(?<!\d )(0\d{4}|1\d{2} ?\d{3}|11[023])(?! ?\d)")
# Two or three capitalised words, the first not a role or a common opening word: "Kari Nordmann".
NAME = re.compile(r"\b([A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+){1,2})\b")


@dataclass(frozen=True)
class Service:
    key: str
    pattern: str
    phone: str  # the number everyone in Norway calls, if there is one
    name: dict  # what a contact list calls it, per language


SERVICES = (
    Service("police", r"politi\w*|police", "02800", {"nb": "Politiet", "nn": "Politiet", "en": "Police"}),
    Service(
        "emergency_clinic",
        r"legevakt\w*|emergency (?:ward|clinic)",
        "116117",
        {"nb": "Legevakt", "nn": "Legevakt", "en": "Emergency clinic (legevakt)"},
    ),
    Service(
        "child_welfare",
        r"barnevern\w*|child welfare",
        "",
        {"nb": "Barnevernet", "nn": "Barnevernet", "en": "Child welfare service"},
    ),
    Service(
        "bup",
        r"bup|barne- og ungdomspsykiatri\w*",
        "",
        {
            "nb": "BUP (barne- og ungdomspsykiatrien)",
            "nn": "BUP (barne- og ungdomspsykiatrien)",
            "en": "BUP (child and adolescent mental health)",
        },
    ),
    Service(
        "alarm_phone",
        r"alarmtelefon\w*",
        "116111",
        {
            "nb": "Alarmtelefonen for barn og unge",
            "nn": "Alarmtelefonen for barn og unge",
            "en": "Alarm phone for children and young people",
        },
    ),
)
SERVICE_BY_KEY = {service.key: service for service in SERVICES}
SERVICE_NUMBERS = {"02800": "police", "116117": "emergency_clinic", "116111": "alarm_phone"}


@dataclass
class FoundContact:
    name: str
    phone: str
    email: str
    service: str  # a key of SERVICES, or "" for a person


def phones_in(text: str) -> list[str]:
    """The callable numbers in `text`, as the product shows them ("98 76 54 32", "02800", "116 117")."""
    found: list[str] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "NO"):
        phone = parse_phone(match.raw_string)
        if phone and phone.display not in found:
            found.append(phone.display)
    for match in SHORT_NUMBER.finditer(text):
        phone = parse_phone(match.group(1))
        if phone and phone.display not in found:
            found.append(phone.display)
    return found


def service_in(text: str, phones: list[str]) -> str:
    for phone in phones:
        key = SERVICE_NUMBERS.get(phone.replace(" ", ""))
        if key:
            return key
    for service in SERVICES:
        if re.search(rf"(?<!\w)(?:{service.pattern})(?!\w)", text, re.IGNORECASE):
            return service.key
    return ""


def contact_in(text: str, is_role=lambda words: False) -> FoundContact | None:
    """A person or a service with a phone number or an e-mail address in `text`; None when there is neither."""
    phones = phones_in(text)
    email = EMAIL.search(text)
    if not phones and not email:
        return None
    service = service_in(text, phones)
    name = (_person_name(text, is_role) if not service else "") or _leading_words(text)
    if not phones and service:
        phones = [next(s.phone for s in SERVICES if s.key == service)] if service in SERVICE_NUMBERS.values() else []
    return FoundContact(
        name=name, phone=phones[0] if phones else "", email=email.group(0) if email else "", service=service
    )


def _person_name(text: str, is_role) -> str:
    for match in NAME.finditer(text):
        if not is_role(match.group(1)):
            return match.group(1)
    return ""


def _leading_words(text: str) -> str:
    """What a line names before its number: "Helsestasjon for ungdom: 12 34 56 78" → "Helsestasjon for ungdom"."""
    head = re.split(r"[:–—|(]|\s-\s|\+?\d[\d ]{4,}|" + EMAIL.pattern, text, maxsplit=1)[0]
    return head.strip(" ,.-") or text.strip()


def services_in(text: str) -> list[tuple[str, str]]:
    """The known services a sentence gives a number for, as (service, number): "barnevernsvakt, telefon
    64 99 32 70, eller alarmtelefonen, telefon 116 111" names two. Each number goes with the service
    named before it (since the number before), or with the service the number itself is."""
    found: list[tuple[str, str]] = []
    start = 0
    for match in _numbers(text):
        phone = parse_phone(match[1])
        if phone is None:
            continue
        service = service_in(text[start : match[0]], [phone.display])
        start = match[0] + len(match[1])
        if service and (service, phone.display) not in found:
            found.append((service, phone.display))
    return found


def _numbers(text: str) -> list[tuple[int, str]]:
    """(place, number as written) of every phone number in `text`, in order."""
    places = [(m.start, m.raw_string) for m in phonenumbers.PhoneNumberMatcher(text, "NO")]
    places += [(m.start(1), m.group(1)) for m in SHORT_NUMBER.finditer(text)]
    return sorted(set(places))
