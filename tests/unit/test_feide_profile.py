"""Reading a Feide user from userinfo and `/groups/me/groups`, in the shapes Feide documents."""

from intranet.feide.profile import org_number, read_profile

USERINFO = {
    "sub": "76a7a061-3c55-430d-8ee0-6f82ec42501f",
    "name": "Ola Lærer",
    "email": "Ola.Laerer@Kommune.no ",
    "https://n.feide.no/claims/userid_sec": ["feide:ola@kommune.no"],
    "https://n.feide.no/claims/eduPersonPrincipalName": "ola@kommune.no",
}
OWNER = {
    "id": "fc:org:kommune.no",
    "type": "fc:org",
    "norEduOrgNIN": "NO974588000",
    "membership": {"basic": "member", "affiliation": ["employee", "member"], "primaryAffiliation": "employee"},
}


def unit(number, *affiliation):
    return {
        "id": f"fc:org:kommune.no:unit:NO{number}",
        "type": "fc:org",
        "parent": "fc:org:kommune.no",
        "membership": {"basic": "member", "affiliation": list(affiliation), "primaryAffiliation": affiliation[0]},
    }


def test_a_teacher_is_an_employee_at_the_school_and_the_owner():
    teaching_group = {"id": "fc:gogroup:kommune.no:u:NO974588145:9a:2026-08-01:2027-06-30", "type": "fc:gogroup"}
    profile = read_profile({"sub": USERINFO["sub"]}, USERINFO, [OWNER, unit("974588145", "faculty"), teaching_group])
    assert (profile.email, profile.feide_name, profile.name) == ("ola.laerer@kommune.no", "ola@kommune.no", "Ola Lærer")
    assert profile.employee_at() == {"974588000", "974588145"}
    assert not profile.is_student_only


def test_a_pupil_is_only_a_student():
    profile = read_profile({"sub": "x"}, {}, [unit("974588145", "student", "member")])
    assert profile.is_student_only and profile.employee_at() == set()


def test_a_teacher_who_also_studies_is_not_a_pupil():
    profile = read_profile({"sub": "x"}, {}, [unit("974588145", "faculty"), unit("974588146", "student")])
    assert not profile.is_student_only and profile.employee_at() == {"974588145"}


def test_organisation_numbers():
    assert org_number("NO974588145") == org_number("974588145") == "974588145"
    assert org_number("NO97458814") is None and org_number("") is None and org_number("NOabcdefghi") is None


def test_a_person_without_address_has_none():
    profile = read_profile({"sub": "x"}, {"sub": "x", "name": "Uten Adresse"}, [unit("974588145", "faculty")])
    assert profile.email is None and profile.feide_name == ""
