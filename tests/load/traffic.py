"""Parents and staff as threads against the server, every request's outcome recorded, and what the
outcomes promise about the database checked against what it holds."""

import http.client
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from .client import Client
from .scenario import CASES, SLUG, Scenario, Step, Stored

SETTLE_SECONDS = 30  # after the load, a writer whose last tick failed retries this long to get it acknowledged


@dataclass
class Outcome:
    actor: str
    path: str
    started: float  # time.monotonic()
    finished: float = 0.0
    status: int | None = None  # None: the request failed at the connection level
    error: str = ""
    step: Step | None = None
    value: bool | None = None  # a tick sent: True ticks the step, None unticks it
    language: str = ""  # the Accept-Language sent
    retry_after: str | None = None
    page: str = ""  # the body of a failed request, to check the error page

    @property
    def acknowledged(self) -> bool:
        return self.status == 200


class Traffic:
    """Runs actors in threads until stopped, collecting an Outcome for every request they make."""

    def __init__(self):
        self.outcomes: list[Outcome] = []
        self.stopped_at: float | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._crashes: list[str] = []

    @property
    def running(self) -> bool:
        return not self._stop.is_set()

    def call(self, actor: str, client: Client, method: str, path: str, *, step=None, value=None, **kwargs) -> Outcome:
        outcome = Outcome(actor, path, time.monotonic(), step=step, value=value, language=client.language)
        try:
            response = client.request(method, path, **kwargs)
        except (OSError, http.client.HTTPException) as error:
            outcome.error = repr(error)
        else:
            outcome.status = response.status
            outcome.retry_after = response.headers.get("retry-after")
            outcome.page = "" if response.status == 200 else response.text
        outcome.finished = time.monotonic()
        with self._lock:
            self.outcomes.append(outcome)
        return outcome

    def start(self, actors: dict[str, Callable]) -> None:
        for name, act in actors.items():
            thread = threading.Thread(target=self._play, args=(act, name), name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def _play(self, act: Callable, name: str) -> None:
        try:
            act(self, name)
        except Exception:  # a bug in the test itself must fail it, not silence one client
            self._crashes.append(f"{name}: {traceback.format_exc()}")

    def stop(self) -> None:
        self.stopped_at = time.monotonic()
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=SETTLE_SECONDS + 30)
        assert not any(thread.is_alive() for thread in self._threads), "a client thread hangs"
        assert not self._crashes, "\n".join(self._crashes)

    def run(self, actors: dict[str, Callable], seconds: float) -> None:
        self.start(actors)
        time.sleep(seconds)
        self.stop()

    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.acknowledged]

    def summary(self) -> str:
        ticks = [o for o in self.outcomes if o.step]
        statuses: dict = {}
        for outcome in self.outcomes:
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        return (
            f"{len(self.outcomes)} requests, {len(ticks)} ticks ({sum(o.acknowledged for o in ticks)} acknowledged), "
            f"statuses {statuses} (None: failed at the connection level)"
        )


# ---------------------------------------------------------------- actors


def parent(client: Client) -> Callable:
    """A parent reading the school's public page and its plan, again and again."""
    paths = [f"/{SLUG}/", f"/{SLUG}/plan"]

    def act(traffic: Traffic, name: str) -> None:
        for number in count():
            if not traffic.running:
                return
            traffic.call(name, client, "GET", paths[number % 2])

    return act


def staff_member(client: Client, step: Step) -> Callable:
    """A staff member ticking and unticking one step over htmx, as the checkbox does on each change.

    The next tick always undoes the last acknowledged one. After the load the last tick is retried
    until it is acknowledged (or SETTLE_SECONDS pass), so the final stored value is known.
    """

    def act(traffic: Traffic, name: str) -> None:
        ticked, settled = None, True
        while traffic.running or not settled:
            if not traffic.running and time.monotonic() > traffic.stopped_at + SETTLE_SECONDS:
                return
            value = None if ticked else True
            form = {f"r{step.run_id}-{step.key}": "y"} if value else {}  # an unticked box posts nothing
            outcome = traffic.call(
                name, client, "POST", step.path, form=form, headers={"HX-Request": "true"}, step=step, value=value
            )
            if outcome.acknowledged:
                ticked = value
            # Only a cut connection or a 5xx is worth another try; anything else fails the test anyway.
            settled = outcome.acknowledged or (outcome.status or 500) < 500
            if not settled:
                time.sleep(0.1)  # as a person would, before trying again

    return act


# Who ticks what: actor name: (staff number, case, step). Two people on case a, each on their own
# step, and cases b and c alongside; each step has one person, so its final value is exactly known.
OWN_STEPS = {
    "staff0 a.step_1": (0, "a", "step_1"),
    "staff1 a.step_2": (1, "a", "step_2"),
    "staff1 b.step_1": (1, "b", "step_1"),
    "staff2 c.step_1": (2, "c", "step_1"),
}


def staff_at_work(staff: list[Client], scenario: Scenario, work: dict) -> dict[str, Callable]:
    """An actor for each entry of `work` (see OWN_STEPS), on its own copy of that person's signed-in client."""
    return {name: staff_member(staff[who].copy(), scenario.step(case, key)) for name, (who, case, key) in work.items()}


def sign_in_staff(host: str, scenario: Scenario) -> list[Client]:
    """One signed-in client per staff member (few sign-ins: they are throttled), with its CSRF token."""
    clients = []
    for number, email in enumerate(scenario.staff):
        client = Client(host)
        client.log_in(email, scenario.password)
        case = next(name for name, members in CASES.items() if number in members)
        case_page = client.get(scenario.step(case, "step_1").case_path)
        assert case_page.status == 200, case_page.status
        client.read_csrf_token(case_page.text)
        clients.append(client)
    return clients


# ---------------------------------------------------------------- what the outcomes promise


def write_problems(outcomes: list[Outcome], stored: dict[tuple[int, str], Stored]) -> list[str]:
    """Where the database disagrees with the acknowledged ticks, or an answer and its event were split.

    Each tick writes the answer row and an "answered" event in one transaction, and only when the
    value changes. A step one person ticks: its events alternate, the last one equals the row, the
    row holds that person's last acknowledged value, and there are at least as many events as
    acknowledged ticks and at most as many as ticks that may have landed (acknowledged or failed).
    A step several people tick: the row holds one of their last acknowledged values.
    """
    problems = []
    ticks_by_step: dict[Step, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.step:
            ticks_by_step.setdefault(outcome.step, []).append(outcome)
    for step, ticks in ticks_by_step.items():
        saved = stored.get((step.run_id, step.key), Stored(False, None, []))
        problems += _step_problems(step, ticks, saved)
    touched = {(step.run_id, step.key) for step in ticks_by_step}
    problems += [f"{key}: stored, though nobody ticked it" for key in stored.keys() - touched]
    return problems


def _step_problems(step: Step, ticks: list[Outcome], saved: Stored) -> list[str]:
    where = f"case {step.case_id} {step.key}"
    last_of = {}
    for tick in ticks:
        last_of[tick.actor] = tick
    problems = [
        f"{where}: {actor}'s last tick was never acknowledged" for actor, t in last_of.items() if t.status != 200
    ]
    if saved.events and saved.events[-1] != saved.value:
        problems.append(f"{where}: the row holds {saved.value!r} but the last event says {saved.events[-1]!r}")
    if saved.has_row and not saved.events:
        problems.append(f"{where}: an answer row ({saved.value!r}) without its event")
    if len(last_of) > 1:
        finals = {tick.value for tick in last_of.values()}
        if saved.value not in finals:
            problems.append(f"{where}: holds {saved.value!r}, nobody's last acknowledged value {finals}")
        return problems
    acknowledged = [tick for tick in ticks if tick.acknowledged]
    if acknowledged and saved.value != acknowledged[-1].value:
        problems.append(f"{where}: holds {saved.value!r}, the last acknowledged tick set {acknowledged[-1].value!r}")
    if any(a == b for a, b in zip(saved.events, saved.events[1:], strict=False)):
        problems.append(f"{where}: two events in a row set the same value, so a change lost its event: {saved.events}")
    if not len(acknowledged) <= len(saved.events) <= len(ticks):
        problems.append(
            f"{where}: {len(saved.events)} events for {len(acknowledged)} acknowledged of {len(ticks)} ticks"
        )
    return problems


def reader(client: Client, path: str) -> Callable:
    """Someone reading one page again and again (a staff member on the case list)."""

    def act(traffic: Traffic, name: str) -> None:
        while traffic.running:
            traffic.call(name, client, "GET", path)

    return act


def anonymous_flood(client: Client, paths: list[str], start: int = 0) -> Callable:
    """An attacker without an account asking for `paths` in turn, in every language, each time with a
    query string of its own: never a page the cache keeps, so each one wants a render. (Naming other
    hosts no longer works: a request for a host other than the public address is refused with 400.)"""
    languages = ["nb", "nn", "en"]

    def act(traffic: Traffic, name: str) -> None:
        for number in count(start):
            if not traffic.running:
                return
            client.language = languages[number % len(languages)]
            path = paths[number % len(paths)]
            traffic.call(name, client, "GET", f"{path}{'&' if '?' in path else '?'}n={number}")

    return act
