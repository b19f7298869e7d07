"""Function roles named in a line: the catalogue's names in every language and the common variants
(plural and definite forms, older titles such as "helsesøster", short forms such as "E-teamet")."""

import re

from ...contacts.roles import RoleCatalogue

# Role key → patterns (regular expressions, matched whole-word, case-insensitive) besides the catalogue's names.
VARIANTS: dict[str, tuple[str, ...]] = {
    "guardians": (r"foresatt\w*", r"føresett\w*", r"foreldre\w*", r"parents?", r"guardians?"),
    # The school's management ("skolens ledelse", "lederteamet") is led by the rector: the nearest role.
    "rector": (
        r"rektor(?:en|ene|er)?",
        r"skoleleder\w*",
        r"skole(?:ns)? ?ledelse\w*",
        r"skuleleiing\w*",
        r"ledelsen",
        r"leder(?:team|gruppe|møte)\w*",
        r"headteacher",
        r"principal",
    ),
    "deputy_rector": (r"ass(?:isterende|isterande|\.)\s*rektor\w*", r"inspektør\w*", r"deputy\s+\w+"),
    "department_head": (r"avdelingsle(?:der|iar)\w*", r"trinnle(?:der|iar)\w*", r"heads? of department"),
    "contact_teacher": (r"kontaktlær(?:er|ar)\w*", r"contact teachers?"),
    "subject_teacher": (r"faglær(?:er|ar)\w*", r"lærer(?:en|e|ne)?", r"lærar(?:en|ar|ane)?", r"subject teachers?"),
    "social_counsellor": (
        r"(?:sosial|skole)?rådgi(?:ver|vere|veren|vaer)\w*",
        r"(?:sosial)?rådgjevar\w*",
        r"counsellors?",
    ),
    "school_nurse": (
        r"helses(?:yke|jukep)pleie?(?:r|ar)\w*",
        r"helsesøster\w*",
        r"skolehelsetjenest\w*",
        r"school nurses?",
    ),
    "kjentmann": (r"kjentm[ae]nn\w*",),
    "social_worker": (r"miljøterapeut\w*", r"miljøarbeid(?:er|ar)\w*", r"social workers?"),
    "student_services": (r"elevtjenest\w*", r"elevtenest\w*", r"e-team\w*", r"ressursteam\w*", r"student services"),
    "student_council": (r"elevråd\w*", r"student council"),
    "police_contact": (r"politikontakt\w*", r"politi(?:et)?", r"police"),
    "ppt": (r"ppt", r"pp-tjenest\w*", r"pp-tenest\w*"),
    "child_welfare": (r"barnevern\w*", r"child welfare"),
    "slt_coordinator": (r"slt(?:-koordinator\w*)?",),
    "all_staff": (r"alle ansatte", r"alle tilsette", r"all staff", r"personalet"),
}


CONNECTOR = re.compile(r"[\s,/&]*(?:\b(?:og|eller|and|or|samt)\b)?[\s,/&]*", re.IGNORECASE)


class RoleFinder:
    """Finds the roles of one catalogue (a school's, with its own roles and names) in text."""

    def __init__(self, catalogue: RoleCatalogue):
        patterns: list[tuple[str, str]] = []
        for role in catalogue:
            patterns += [(re.escape(name.lower()), role.key) for name in role.name.values() if name]
            patterns += [(variant, role.key) for variant in VARIANTS.get(role.key, ())]
        patterns.sort(key=lambda pair: len(pair[0]), reverse=True)  # "assisterende rektor" before "rektor"
        self.keys = [key for _, key in patterns]
        self.pattern = re.compile("|".join(f"(?<![\\w-])({p})(?![\\w-])" for p, _ in patterns), re.IGNORECASE)

    def find(self, text: str) -> list[str]:
        """The role keys named in `text`, each once, in the order they are named."""
        found: list[str] = []
        for match in self.pattern.finditer(text):
            key = self.keys[match.lastindex - 1]
            if key not in found:
                found.append(key)
        return found

    def leading(self, text: str) -> list[str]:
        """The roles a sentence opens with, as its subject: "Rektor/assisterende rektor orienterer
        politiet" → rector and deputy; "Avdelingsleder kontakter foresatte" → the head of department only."""
        found: list[str] = []
        end = None
        for match in self.pattern.finditer(text):
            before = text[: match.start()] if end is None else text[end : match.start()]
            if (end is None and len(before.split()) > 1) or (end is not None and not CONNECTOR.fullmatch(before)):
                break
            key = self.keys[match.lastindex - 1]
            if key not in found:
                found.append(key)
            end = match.end()
        return found
