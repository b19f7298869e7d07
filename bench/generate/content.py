"""The invented content: people's and places' names, school kinds, contact roles, services and case notes."""

from intranet.schools.models import SchoolKind


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Ingrid Ola Kari Per Sigrid Jonas Nora Emil Ida Magnus Thea Henrik Sofie Lars Marte Anders Hanne Erik "
    "Silje Tobias Amir Fatima Leah Jakob Maja Sander Tiril Even Astrid Mohammed Linnea Sindre Vilde Ali"
)
LAST_NAMES = _words(
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Berg Haugen Bakke Lie "
    "Strand Dahl Moen Holm Lunde Solberg Haddad Ahmed Nguyen Eide Myhre Aasen Vik Sæther Tveit Rønning"
)
PLACE_STARTS = _words(
    "Fjord Lyng Bekke Nord Sør Aust Vest Stein Furu Bjørke Elve Holme Sol Skog Myr Berg Sand Strand Eik "
    "Gran Hav Li Ros Kvern Foss"
)
PLACE_ENDS = _words("vik dal nes heia by ås berg haug øy sund mo land stad voll")
KINDS = [SchoolKind.PRIMARY] * 11 + [SchoolKind.LOWER_SECONDARY] * 4 + [SchoolKind.COMBINED] * 3
KINDS += [SchoolKind.UPPER_SECONDARY] * 2
KIND_WORDS = {
    SchoolKind.PRIMARY: ("skole", "bs"),
    SchoolKind.LOWER_SECONDARY: ("ungdomsskole", "us"),
    SchoolKind.COMBINED: ("oppvekstsenter", "os"),
    SchoolKind.UPPER_SECONDARY: ("videregående skole", "vgs"),
}
# Contact persons of every school: roles, title, who holds the role, public, phone.
CONTACTS = (
    (["rector"], {"nb": "Rektor", "nn": "Rektor", "en": "Rector"}, "rector", True, "mobile"),
    (["department_head"], {"nb": "Avdelingsleder", "nn": "Avdelingsleiar"}, "staff", True, "mobile"),
    (["social_counsellor", "kjentmann"], {"nb": "Sosialrådgiver", "nn": "Sosialrådgjevar"}, "staff", True, "mobile"),
    (["school_nurse"], {"nb": "Helsesykepleier", "nn": "Helsesjukepleiar"}, "nurse", True, "mobile"),
    (["contact_teacher"], {"nb": "Kontaktlærer 9B", "nn": "Kontaktlærar 9B"}, "staff", False, None),
    (["police_contact"], {"nb": "Politikontakt", "nn": "Politikontakt"}, "police", False, "02800"),
)
SERVICES = (
    ({"nb": "Politiet", "nn": "Politiet", "en": "Police"}, {"nb": "Ikke akutt: tips og råd"}, "02800"),
    ({"nb": "Legevakt", "nn": "Legevakt", "en": "Out-of-hours medical service"}, {"nb": "Når det haster"}, "116117"),
    ({"nb": "Alarmtelefonen for barn og unge"}, {"nb": "Gratis, hele døgnet"}, "116 111"),
    ({"nb": "Barnevernet", "nn": "Barnevernet", "en": "Child welfare service"}, {"nb": "Dagtid"}, "55 12 34 56"),
)
CASE_LABELS = [f"{grade}{group} {day}" for grade in ("7", "8", "9", "10") for group in "ABC" for day in ("man", "ons")]
CASE_LABELS += ["Vg1 ST", "Vg2 HO", "Vg1 BA", "Friminutt", "Skoletur", ""]
TEXTS = (
    "Ringte foresatte, avtalt møte.",
    "Eleven ble sittende hos helsesykepleier.",
    "Sett i kantina etter lunsj.",
    "Drøftet uten navn i elevtjenesten.",
    "Avtalt ny samtale neste uke.",
    "Kontaktlærer følger opp.",
)
CLOSING_NOTES = ("Avsluttet etter oppfølgingsmøte.", "Ingen videre tiltak.", "Overført til barnevernet.", "")


def place_name(index: int) -> str:
    start, end = PLACE_STARTS[index % len(PLACE_STARTS)], PLACE_ENDS[(index // len(PLACE_STARTS)) % len(PLACE_ENDS)]
    return (start + end).capitalize()


def slugify(name: str) -> str:
    ascii_name = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return "".join(char if char.isalnum() and char.isascii() else "-" for char in ascii_name).strip("-")
