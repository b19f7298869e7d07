"""Sorting and filtering the plan-status table from the query string (no JavaScript needed).

An unknown column, direction or filter value is ignored: the table falls back to its default.
"""

from dataclasses import dataclass
from datetime import date

from .status import SchoolStatus

_LAST = date.max


def _key(column: str):
    keys = {
        "name": lambda r: r.school.name.casefold(),
        "published": lambda r: (r.published, r.published_at.isoformat() if r.published_at else ""),
        "revision": lambda r: r.revision or 0,
        "template": lambda r: {None: 2, True: 0, False: 1}[r.template_behind],
        "reviewed": lambda r: r.reviewed_on or date.min,
        "review_by": lambda r: r.review_by or _LAST,
        "contacts": lambda r: r.contacts_complete,
        "checklists": lambda r: len(r.adopted),
        "open": lambda r: r.open_cases,
        "overdue": lambda r: r.overdue,
        "staff": lambda r: r.staff,
    }
    return keys.get(column)


COLUMNS = (
    "name",
    "published",
    "revision",
    "template",
    "reviewed",
    "review_by",
    "contacts",
    "checklists",
    "open",
    "overdue",
    "staff",
)

FILTERS = {
    "published": {"yes": lambda r: r.published, "no": lambda r: not r.published},
    "template": {
        "behind": lambda r: r.template_behind is True,
        "current": lambda r: r.template_behind is False,
        "none": lambda r: r.template_behind is None,
    },
    "contacts": {"complete": lambda r: r.contacts_complete, "incomplete": lambda r: not r.contacts_complete},
    "review": {"overdue": lambda r: r.review_overdue},
    "cases": {"overdue": lambda r: r.overdue > 0},
}


@dataclass
class Listing:
    sort: str
    descending: bool
    filters: dict[str, str]
    query: str

    def args(self, **changed) -> dict:
        """The query string's arguments with some changed (for links that keep the rest)."""
        args = {"sort": self.sort, "dir": "desc" if self.descending else "asc", "q": self.query, **self.filters}
        args.update(changed)
        return {key: value for key, value in args.items() if value}

    def sort_link_args(self, column: str) -> dict:
        descending = not self.descending if column == self.sort else False
        return self.args(sort=column, dir="desc" if descending else "asc")

    def aria_sort(self, column: str) -> str:
        if column != self.sort:
            return "none"
        return "descending" if self.descending else "ascending"


def listing_from(args) -> Listing:
    sort = args.get("sort", "name")
    sort = sort if sort in COLUMNS else "name"
    filters = {name: args.get(name, "") for name in FILTERS if args.get(name, "") in FILTERS[name]}
    return Listing(sort, args.get("dir") == "desc", filters, args.get("q", "").strip()[:100])


def apply(listing: Listing, rows: list[SchoolStatus]) -> list[SchoolStatus]:
    if listing.query:
        wanted = listing.query.casefold()
        rows = [r for r in rows if wanted in r.school.name.casefold() or wanted in r.school.slug]
    for name, value in listing.filters.items():
        rows = [r for r in rows if FILTERS[name][value](r)]
    by_name = sorted(rows, key=_key("name"))
    return sorted(by_name, key=_key(listing.sort), reverse=listing.descending)
