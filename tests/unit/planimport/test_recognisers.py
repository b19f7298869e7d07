"""The recognisers one by one: roles, months, year levels, steps, contacts, sections, language."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intranet.contacts.roles import shipped_catalogue
from intranet.planimport.language import detect_language
from intranet.planimport.recognisers.contacts import contact_in, phones_in, services_in
from intranet.planimport.recognisers.levels import level_lead, level_of
from intranet.planimport.recognisers.months import month_heading, month_lead, months_named
from intranet.planimport.recognisers.roles import RoleFinder
from intranet.planimport.recognisers.sections import section_for
from intranet.planimport.recognisers.steps import split_responsible, when_of

FINDER = RoleFinder(shipped_catalogue())


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Ansvar: Kontaktlærer og faglærere", ["contact_teacher", "subject_teacher"]),
        ("kontaktlærar og helsesjukepleiar", ["contact_teacher", "school_nurse"]),
        ("Avdelingslederne sender saken til E-teamet", ["department_head", "student_services"]),
        ("Rektor/ assisterende rektor orienterer politiet", ["rector", "deputy_rector", "police_contact"]),
        ("helsesøster, miljøarbeider og rådgiver", ["school_nurse", "social_worker", "social_counsellor"]),
        ("The contact teacher calls the parents", ["contact_teacher", "guardians"]),
        ("Elevrådet og barnevernet", ["student_council", "child_welfare"]),
        ("Skolens ledelse kontaktes straks", ["rector"]),  # the management: the rector is the nearest role
        ("Ingen roller her", []),
    ],
)
def test_roles_are_found_by_their_names_and_common_variants(text, roles):
    assert FINDER.find(text) == roles


@given(
    role=st.sampled_from(["Kontaktlærer", "KONTAKTLÆRER", "kontaktlæreren", "kontaktlærerne"]),
    pad=st.text(" \t", max_size=3),
)
def test_a_role_is_found_in_any_case_and_form(role, pad):
    assert FINDER.find(f"{pad}{role}{pad}har ansvaret") == ["contact_teacher"]


@given(
    name=st.sampled_from(["August", "august", "AUGUST", "Aug.", "aug"]),
    colon=st.sampled_from(["", ":", " :"]),
    pad=st.text(" ", max_size=3),
)
def test_a_month_heading_is_recognised_whatever_its_case_and_colon(name, colon, pad):
    assert month_heading(f"{pad}{name}{colon}{pad}") == [8]


def test_month_leads_and_month_names_in_text():
    assert month_heading("September/oktober:") == [9, 10]
    assert month_lead("Mars: Russemøte med helsesykepleier") == ([3], "Russemøte med helsesykepleier")
    assert month_lead("Marsjen går videre") == ([], "Marsjen går videre")
    assert months_named("Gjennomføres i september og igjen i mars.") == [9, 3]
    assert month_heading("Mai er fin") == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Vg1", "Vg1"),
        ("VG 2", "Vg2"),
        ("vg3 elever", "Vg3"),
        ("8. trinn", "8. trinn"),
        ("8.-10. trinn", "8.–10. trinn"),
        ("9. klasse", "9. trinn"),
        ("ingen", ""),
    ],
)
def test_year_levels_are_written_one_way(text, level):
    assert level_of(text) == level


@given(space=st.text(" ", max_size=2), sep=st.sampled_from([" ", ": ", " – ", ". "]))
def test_a_line_led_by_a_year_level_gives_the_level_and_the_rest(space, sep):
    assert level_lead(f"Vg{space}1{sep}Blå Kors-undervisning") == ("Vg1", "Blå Kors-undervisning")


def test_steps_give_who_answers_for_them_and_when():
    assert split_responsible("Foreldremøte om rus. Ansvar: avdelingsleder") == ("Foreldremøte om rus", "avdelingsleder")
    assert split_responsible("Kontaktlærer har ansvar for å følge opp.") == (
        "Kontaktlærer har ansvar for å følge opp.",
        "",
    )
    assert when_of("Møte med foresatte innen 3 dager.") == "innen 3 dager"
    assert when_of("Foresatte kontaktes umiddelbart.") == "umiddelbart"


@given(spaces=st.sampled_from(["91234567", "912 34 567", "91 23 45 67", "+47 91 23 45 67", "0047 912 34 567"]))
def test_phone_numbers_are_read_however_they_are_spaced(spaces):
    assert phones_in(f"Ring {spaces} på dagtid") == ["91 23 45 67"]


def test_contacts_and_the_known_services():
    person = contact_in(
        "Kari Nordmann, helsesykepleier, kari@skole.example.no", is_role=lambda words: bool(FINDER.find(words))
    )
    assert (person.name, person.email, person.service) == ("Kari Nordmann", "kari@skole.example.no", "")
    assert contact_in("Politiet: 02800").service == "police"
    assert contact_in("Legevakten 116 117").phone == "116 117"
    assert contact_in("Alarmtelefonen for barn og unge 116 111").service == "alarm_phone"
    assert contact_in("BUP 61 00 00 00").service == "bup"
    assert contact_in("Ingen nummer her") is None


TITLES = {
    "routine_suspicion": ["Ved mistanke om rusbruk"],
    "routine_intoxicated": ["Når en elev er ruset på skolen"],
    "routine_suspected_sale": ["Mistanke om salg av rusmidler"],
    "annual_wheel": ["Årshjul for forebygging"],
    "contacts": ["Kontakter"],
    "signs": ["Tegn som kan gi grunn til uro"],
    "purpose": ["Formål og mål"],
}


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Rutiner ved mistanke", "routine_suspicion"),
        ("Ved akuttsituasjon ruset elev:", "routine_intoxicated"),
        ("Mistanke om salg", "routine_suspected_sale"),
        ("Årshjul", "annual_wheel"),
        ("Kontaktpersoner i kommunen", "contacts"),
        ("Kjennetegn og symptomer på rus", "signs"),
        ("Hovedmål", "purpose"),
        ("Kroppsøving – trening og livsstil", None),
    ],
)
def test_headings_are_matched_to_the_template_section_they_mean(heading, key):
    assert section_for(heading, TITLES) == key


def test_the_language_of_a_text_is_told_from_its_common_words():
    assert detect_language("Kontaktlæreren skal ikke vente. Hva gjør vi hvis eleven ikke kommer?") == "nb"
    assert (
        detect_language("Kontaktlæraren skal ikkje vente. Kva gjer vi dersom eleven ikkje kjem? Eg ringjer heim.")
        == "nn"
    )
    assert (
        detect_language("The contact teacher talks with the student and the parents when the school is worried.")
        == "en"
    )
    assert detect_language("Rektor") is None


def test_services_in_running_text_each_get_the_number_named_after_them():
    text = "Ring barnevernsvakta, telefon 64 99 32 70, eller alarmtelefonen for barn og unge, telefon 116 111."
    assert services_in(text) == [("child_welfare", "64 99 32 70"), ("alarm_phone", "116 111")]
    assert services_in("Meld fra til politiet på 02800.") == [("police", "02800")]
    assert services_in("Kari svarer på 912 34 567.") == []


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Avdelingsleder kontakter foresatte innen 3 dager.", ["department_head"]),
        ("Rektor/ assisterende rektor orienterer politiet", ["rector", "deputy_rector"]),
        ("Helsesykepleier og rådgiver har samtale med eleven", ["school_nurse", "social_counsellor"]),
        ("Det holdes et møte med foresatte", []),
    ],
)
def test_the_roles_a_step_opens_with_are_the_ones_responsible(text, roles):
    assert FINDER.leading(text) == roles
