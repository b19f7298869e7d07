"""A Feide user as this app reads them: identity and contact from userinfo, schools from the groups API.

Userinfo (docs.feide.no, "Userinfo"): `sub`, `name`, `email`, and the Feide name in
`https://n.feide.no/claims/userid_sec` (`["feide:ola@kommune.no"]`) or `.../eduPersonPrincipalName`.
Groups (`/groups/me/groups`): organisations are groups of type `fc:org`; the school owner's id is
`fc:org:<realm>` (with `norEduOrgNIN`, "NO" and nine digits), a school's is `fc:org:<realm>:unit:NO<number>`;
each group's `membership` holds `affiliation` (employee, faculty, staff, student, member) and
`primaryAffiliation`.
"""

from dataclasses import dataclass, field

USERID_SEC = "https://n.feide.no/claims/userid_sec"
PRINCIPAL_NAME = "https://n.feide.no/claims/eduPersonPrincipalName"
STAFF_AFFILIATIONS = frozenset({"employee", "faculty", "staff"})


@dataclass
class FeideProfile:
    subject: str
    name: str
    email: str | None
    feide_name: str
    # organisation number (nine digits) → the person's affiliations there, schools and owners alike
    affiliations: dict[str, set[str]] = field(default_factory=dict)

    @property
    def is_student_only(self) -> bool:
        """Feide says the person is a pupil somewhere and staff nowhere: such a person never gets an account."""
        every = set().union(*self.affiliations.values()) if self.affiliations else set()
        return "student" in every and not every & STAFF_AFFILIATIONS

    def employee_at(self) -> set[str]:
        """Organisation numbers where the person is an employee (faculty and staff are employees too)."""
        return {number for number, found in self.affiliations.items() if found & STAFF_AFFILIATIONS}


def org_number(value: str | None) -> str | None:
    """`NO974588145` or `974588145` → `974588145`; anything else → None."""
    if not value:
        return None
    digits = value[2:] if value.upper().startswith("NO") else value
    return digits if len(digits) == 9 and digits.isdigit() else None


def feide_name(userinfo: dict) -> str:
    for value in userinfo.get(USERID_SEC) or []:
        if isinstance(value, str) and value.startswith("feide:"):
            return value.removeprefix("feide:")
    return str(userinfo.get(PRINCIPAL_NAME) or "")


def _affiliations(group: dict) -> set[str]:
    membership = group.get("membership") or {}
    found = membership.get("affiliation") or []
    found = [found] if isinstance(found, str) else list(found)
    if membership.get("primaryAffiliation"):
        found.append(membership["primaryAffiliation"])
    return {str(value).lower() for value in found}


def _group_number(group: dict) -> str | None:
    group_id = str(group.get("id", ""))
    if ":unit:" in group_id:
        return org_number(group_id.rsplit(":unit:", 1)[1])
    return org_number(group.get("norEduOrgNIN"))


def read_profile(claims: dict, userinfo: dict, groups: list[dict]) -> FeideProfile:
    """The person from the ID token's claims, userinfo and `/me/groups` (only `fc:org` groups count)."""
    affiliations: dict[str, set[str]] = {}
    for group in groups:
        if not isinstance(group, dict) or group.get("type") != "fc:org":
            continue
        number = _group_number(group)
        if number:
            affiliations.setdefault(number, set()).update(_affiliations(group))
    email = (userinfo.get("email") or "").strip().lower() or None
    return FeideProfile(
        subject=str(claims["sub"]),
        name=(userinfo.get("name") or "").strip(),
        email=email,
        feide_name=feide_name(userinfo),
        affiliations=affiliations,
    )
