"""Each school's cases over the last year: members, checklist runs, answers and events, timed in order."""

from collections import Counter
from datetime import UTC, datetime

from forms import evaluate
from intranet.cases.models import CLOSED, OPEN, Answer, Case, CaseEvent, CaseMember, ChecklistRun
from intranet.db import OSLO

from .checklists import Checklist, dated
from .content import CASE_LABELS, CLOSING_NOTES, TEXTS
from .schools import SchoolRefs

DAY = 86_400.0
OPEN_SHARE = 0.2  # the newest fifth of a school's cases are still open (and a few stale older ones)
FIRST_CHECKLISTS = {  # how often a case starts with each shipped checklist
    "suspicion": 35,
    "intoxicated_at_school": 20,
    "wondering_conversation": 15,
    "suspicion_persists": 10,
    "confirmed_use_or_sale": 8,
    "suspected_sale": 7,
    "follow_up_after_intoxication": 5,
}
FOLLOW_UPS = {
    "suspicion": "wondering_conversation",
    "wondering_conversation": "suspicion_persists",
    "suspicion_persists": "confirmed_use_or_sale",
    "intoxicated_at_school": "follow_up_after_intoxication",
}


class CaseRows:
    """The Generator's case phase (a mixin)."""

    def cases(self, school: SchoolRefs, *, sample: bool) -> None:
        """The school's cases over the last year, numbered per school and year in the order they were opened."""
        count, now = self.sizes.cases_per_school, self.now.timestamp()
        still_open = max(1, round(count * OPEN_SHARE))
        watcher = school.staff[0]  # the sample staff member, on every open case of the sample school
        numbers: Counter = Counter()
        open_ids = []
        for index, start in enumerate(sorted(now - self.rng.uniform(600, 365 * DAY) for _ in range(count))):
            newest = count - 1 - index
            is_open = newest < still_open or self.rng.random() < 0.1
            year = datetime.fromtimestamp(start, OSLO).year
            numbers[year] += 1
            on_case = watcher if sample and is_open else None
            case_id = self.case(
                school, start, (year, numbers[year]), is_open, watcher=on_case, sample=sample and newest == 0
            )
            if on_case:
                open_ids.append(case_id)
        if sample:
            self.sample |= {
                "school_slug": school.slug,
                "rector_email": school.rector[2],
                "staff_email": watcher[2],
                "open_case_ids": open_ids[::-1][:20],
            }

    def case(self, school: SchoolRefs, start: float, number: tuple, is_open: bool, *, watcher, sample: bool) -> int:
        """One case: its members, checklist runs, answers and events, timed between opening and closing."""
        rng, sizes = self.rng, self.sizes
        opener = watcher if sample else (rng.choice(school.staff) if rng.random() < 0.9 else school.rector)
        others = [person for person in (school.rector, *school.staff) if person != opener]
        members = [opener, *rng.sample(others, min(len(others), rng.choice((0, 1, 1, 2))))]
        if watcher and watcher not in members:
            members.append(watcher)
        checklists = self.checklists_for_case(sample)
        actions = [("opened", opener, None)] + [("member_added", opener, member) for member in members[1:]]
        budget = sizes.answers_per_case
        for position, checklist in enumerate(checklists):
            sequence = checklist.sample_sequence if sample else rng.choice(checklist.sequences)
            share = budget if position == len(checklists) - 1 else budget - budget // 2
            budget -= len(sequence[:share])
            actions.append(("checklist_started", opener if position == 0 else rng.choice(members), position))
            actions += [("answered", rng.choice(members), (position, key, value)) for key, value in sequence[:share]]
        closing = None if is_open else (rng.choice((school.rector, opener)), rng.choice(CLOSING_NOTES))
        room = sizes.events_per_case - (closing is not None) - len(actions)
        actions += [("viewed", rng.choice(members), None) for _ in range(room)]
        end = min(start + rng.uniform(0.5, 30 if is_open else 45) * DAY, self.now.timestamp() - 60)
        times = [start, *sorted(rng.uniform(start, end) for _ in actions[1:])]
        case_id = self.rows.add(
            Case.__table__,
            school_id=school.id,
            year=number[0],
            number=number[1],
            label=rng.choice(CASE_LABELS),
            archive_reference=f"{number[0] % 100}/{rng.randrange(100, 9999)}" if rng.random() < 0.5 else "",
            status=OPEN if is_open else CLOSED,
            opened_by_id=opener[0],
            opened_at=_moment(start),
            closed_by_id=closing and closing[0][0],
            closed_at=None if is_open else _moment(end),
            closing_note=closing[1] if closing else "",
            filed_at=None,
            filed_by_id=None,
            client_key=None,  # opened with a connection
            created_at=_moment(start),
            updated_at=_moment(end),
        )
        added = {
            detail[0]: moment
            for (kind, _, detail), moment in zip(actions, times, strict=True)
            if kind == "member_added"
        }
        for member in members:
            added_at = _moment(added.get(member[0], start))
            row = {"case_id": case_id, "user_id": member[0], "added_at": added_at, "added_by_id": opener[0]}
            self.rows.add(CaseMember.__table__, **row)  # the opener added everyone (see the member_added actions)
        reference = f"{number[0]}-{number[1]:03d}"
        run_ids, events = self.work(school, case_id, reference, checklists, zip(actions, times, strict=True))
        events = events[: max(0, sizes.events_per_case - (closing is not None))]
        if closing and sizes.events_per_case:
            events.append((closing[0], end, "closed", {"note": closing[1]}))
        for person, moment, kind, data in events:
            at = _moment(moment)
            self.rows.add(
                CaseEvent.__table__,
                case_id=case_id,
                user_id=person[0],
                at=at,
                kind=kind,
                data=data,
                client_key=None,
                given_at=None,
            )
        if sample:
            self.remember_sample(case_id, run_ids[0], checklists[0])
        return case_id

    def checklists_for_case(self, sample: bool) -> list[Checklist]:
        """The first checklist by how often each situation comes up; a third of the cases get a follow-up."""
        if sample:
            return [max(self.checklists.values(), key=lambda checklist: len(checklist.check_keys))]
        keys = [key for key in FIRST_CHECKLISTS if key in self.checklists] or list(self.checklists)
        first = self.rng.choices(keys, [FIRST_CHECKLISTS.get(key, 1) for key in keys])[0]
        if self.rng.random() >= 0.3 or len(self.checklists) < 2:
            return [self.checklists[first]]
        follow_up = FOLLOW_UPS.get(first) or self.rng.choice([key for key in self.checklists if key != first])
        return [self.checklists[first], self.checklists[follow_up]]

    def work(self, school: SchoolRefs, case_id: int, reference: str, checklists: list, timeline) -> tuple[list, list]:
        """The runs and answers the actions made, and the events they logged as (who, when, kind, data)."""
        run_ids, events = [], []
        for (kind, person, detail), moment in timeline:
            data = {}
            if kind == "opened":
                data = {"reference": reference}
            elif kind == "member_added":
                data = {"member": detail[1]}
            elif kind == "checklist_started":
                checklist = checklists[detail]
                version_id = school.versions[checklist.key]
                run_ids.append(
                    self.rows.add(
                        ChecklistRun.__table__,
                        case_id=case_id,
                        form_version_id=version_id,
                        started_at=_moment(moment),
                        started_by_id=person[0],
                    )
                )
                data = {"run": run_ids[-1], "title": checklist.title, "version": checklist.number}
            elif kind == "answered":
                position, key, value = detail
                value, label = dated(checklists[position].types[key], value, moment), checklists[position].labels[key]
                note = self.rng.choice(TEXTS) if self.rng.random() < 0.1 else ""
                self.rows.add(
                    Answer.__table__,
                    run_id=run_ids[position],
                    field_key=key,
                    value=value,
                    note=note,
                    answered_by_id=person[0],
                    answered_at=_moment(moment),
                )
                data = {"run": run_ids[position], "field": key, "label": label, "value": value}
            events.append((person, moment, kind, data))
        return run_ids, events

    def remember_sample(self, case_id: int, run_id: int, checklist: Checklist) -> None:
        """The sample case's run leaves its tick keys unanswered and visible; the benchmark relies on it."""
        given = dict(checklist.sample_sequence[: self.sizes.answers_per_case])
        visible = {item.key for item in evaluate(checklist.definition, given).visible}
        ticks = [key for key in checklist.check_keys if key in visible and key not in given]
        if len(ticks) < 5:
            raise RuntimeError(f"the sample checklist {checklist.key!r} leaves only {len(ticks)} items to tick")
        self.sample |= {"case_id": case_id, "run_id": run_id, "tick_keys": ticks}


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)
