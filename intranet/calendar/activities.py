"""Activities of the annual wheel, read from a published plan revision."""

import math
from dataclasses import dataclass
from datetime import date

SCHOOL_YEAR = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)  # the school year starts in August


@dataclass(frozen=True)
class Activity:
    uid: str
    month: int
    date: date | None
    title: dict
    description: dict
    audience: str
    roles: tuple[str, ...]
    public: bool


def activities(sections: list[dict], *, public_only: bool) -> list[Activity]:
    """Every activity of the annual-wheel sections, once per month it happens, in school-year order."""
    found = []
    for section in sections:
        if section["kind"] != "annual_wheel" or (public_only and not section["public"]):
            continue
        for item in section.get("data", {}).get("items", []):
            public = item.get("public") is not False
            if public_only and not public:
                continue
            fixed = date.fromisoformat(item["date"]) if item.get("date") else None
            for month in [fixed.month] if fixed else item.get("months") or []:
                found.append(
                    Activity(
                        f"{section['key']}-{item.get('id')}-{month}",
                        month,
                        fixed,
                        item.get("title") or {},
                        item.get("description") or {},
                        item.get("audience") or "",
                        tuple(item.get("roles") or ()),
                        public,
                    )
                )
    return sorted(found, key=lambda a: (SCHOOL_YEAR.index(a.month), a.date or date.min))


def by_month(found: list[Activity]) -> dict[int, list[Activity]]:
    return {month: [a for a in found if a.month == month] for month in SCHOOL_YEAR}


def school_year_start(today: date) -> int:
    """The calendar year in which the current school year began (August)."""
    return today.year if today.month >= 8 else today.year - 1


def occurs_on(activity: Activity, start_year: int) -> date:
    """The first day of the activity in the school year starting in August of `start_year`."""
    if activity.date is not None:
        return activity.date
    return date(start_year if activity.month >= 8 else start_year + 1, activity.month, 1)


@dataclass(frozen=True)
class Segment:
    month: int
    path: str
    label_x: float
    label_y: float
    count: int


def wheel_segments(counts: dict[int, int], size: int = 320, hole: float = 0.38) -> list[Segment]:
    """Twelve ring segments, August at the top, clockwise: SVG paths for the wheel picture."""
    centre, outer = size / 2, size / 2 - 4
    inner = outer * hole
    segments = []
    for index, month in enumerate(SCHOOL_YEAR):
        start, end = (index / 12) * 2 * math.pi, ((index + 1) / 12) * 2 * math.pi

        def point(radius, angle):
            return centre + radius * math.sin(angle), centre - radius * math.cos(angle)

        (x1, y1), (x2, y2) = point(outer, start), point(outer, end)
        (x3, y3), (x4, y4) = point(inner, end), point(inner, start)
        path = (
            f"M{x1:.1f},{y1:.1f} A{outer:.1f},{outer:.1f} 0 0 1 {x2:.1f},{y2:.1f} L{x3:.1f},{y3:.1f} "
            f"A{inner:.1f},{inner:.1f} 0 0 0 {x4:.1f},{y4:.1f} Z"
        )
        label_x, label_y = point((outer + inner) / 2, (start + end) / 2)
        segments.append(Segment(month, path, round(label_x, 1), round(label_y, 1), counts.get(month, 0)))
    return segments
